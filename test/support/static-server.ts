// A loopback static server for built-site and browser tests: serves a built
// site folder under a base path the way a plain static host would (index.html
// for folders, 404.html for anything missing), and nothing else.
import { createServer, type Server } from 'node:http';
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
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      requests.push(url.pathname + url.search);
      let rel = decodeURIComponent(url.pathname);
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
      const body = await readFile(file).catch(() => null);
      if (body === null) return send(res, 404, await notFound(root), '.html');
      send(res, 200, body, path.extname(file));
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

function send(res: import('node:http').ServerResponse, status: number, body: Buffer, ext: string): void {
  res.writeHead(status, { 'content-type': types[ext] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  res.end(body);
}
