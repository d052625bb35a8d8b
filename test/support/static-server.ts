// A loopback static server for built-site and browser tests: serves a built
// site folder under a base path the way a plain static host would (index.html
// for folders, 404.html for anything missing, ETags and revalidation, files
// held in memory once read), and nothing else. It does not compress.
import { createServer, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8'
};

export interface StaticServer {
  /** The site's root URL, ending in the base path: `http://127.0.0.1:PORT/mod_wsgi/`. */
  url: string;
  origin: string;
  /** Every path requested, in order (to check that nothing outside the site is asked for). */
  requests: string[];
  close(): Promise<void>;
}

export async function serveStatic(root: string, base = '/'): Promise<StaticServer> {
  root = path.resolve(root);
  const requests: string[] = [];
  // Like a host's page cache: a test run reads each file once.
  const files = new Map<string, Promise<{ body: Buffer; etag: string } | null>>();
  const load = (file: string) => {
    let pending = files.get(file);
    if (!pending) {
      pending = readFile(file).then(
        (body) => ({ body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` }),
        () => null
      );
      files.set(file, pending);
    }
    return pending;
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      requests.push(url.pathname + url.search);
      let rel: string;
      try {
        rel = decodeURIComponent(url.pathname);
      } catch {
        // Not valid percent-encoding: no file has that name (a real host answers 404 or 400).
        return send(res, 404, await notFound(root), '.html');
      }
      if (!rel.startsWith(base)) return send(res, 404, await notFound(root), '.html');
      rel = rel.slice(base.length);
      let file = path.join(root, rel);
      if (!file.startsWith(path.resolve(root))) return send(res, 403, Buffer.from('forbidden'), '.txt');
      const info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        if (!url.pathname.endsWith('/')) {
          res.writeHead(301, { location: `${url.pathname}/${url.search}` });
          res.end();
          return;
        }
        file = path.join(file, 'index.html');
      }
      const found = await load(file);
      if (found === null) return send(res, 404, await notFound(root), '.html');
      if (req.headers['if-none-match'] === found.etag) {
        res.writeHead(304, { etag: found.etag, 'cache-control': 'no-cache' });
        res.end();
        return;
      }
      send(res, 200, found.body, path.extname(file), found.etag);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin + base,
    origin,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
}

async function notFound(root: string): Promise<Buffer> {
  return (await readFile(path.join(root, '404.html')).catch(() => null)) ?? Buffer.from('not found');
}

/** `no-cache`: the browser may keep a file but asks (If-None-Match) before each use, as after a deploy. */
function send(res: import('node:http').ServerResponse, status: number, body: Buffer, ext: string, etag?: string): void {
  res.writeHead(status, { 'content-type': types[ext] ?? 'application/octet-stream', 'cache-control': 'no-cache', ...(etag ? { etag } : {}) });
  res.end(body);
}
