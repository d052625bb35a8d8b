// The dev server is Eleventy's own (@11ty/eleventy-dev-server, what
// `eleventy --serve` runs): it serves the dev folder under the base path
// (redirecting / to it), maps clean URLs to index.html, serves 404.html, and
// keeps a WebSocket open to every page. Added here, with its documented
// options: it listens on 127.0.0.1 only, and each HTML page it serves gets
// the dev client (public/dev/client.ts: reload and the diagnostics overlay)
// instead of Eleventy's, since the client reloads only the pages a save
// changed. The built site is never changed: the tag is added as the page is sent.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import EleventyDevServer from '@11ty/eleventy-dev-server';
import type { DevDiagnostic } from './diagnostics.js';

/** What the server tells the open pages. */
export type DevMessage =
  /** Files below the base path that changed (`errors/WSGI0030/index.html`), or all of them. */
  | { type: 'wsgi.reload'; paths: string[] | 'all' }
  /** The docs' diagnostics now; `stale` when the pages are those of the last good build. */
  | { type: 'wsgi.diagnostics'; diagnostics: DevDiagnostic[]; stale: boolean };

export interface DevServer {
  /** `http://127.0.0.1:8080/base/`. */
  url: string;
  port: number;
  send(message: DevMessage): void;
  /** Sent to every page that connects from now on (the diagnostics). */
  setGreeting(message: DevMessage): void;
  close(): Promise<void>;
}

export interface ServeOptions {
  dir: string;
  base: string;
  port: number;
  client: { js: string; css: string };
}

/** The folder below the base path the dev client is served from. */
export const clientFolder = '__dev/';

export async function startServer(options: ServeOptions): Promise<DevServer> {
  const { dir, base, client } = options;
  const tags = `<link rel="stylesheet" href="${base}${clientFolder}overlay.css"><script src="${base}${clientFolder}client.js" defer></script>`;
  const html = (status: number, text: string) => ({
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
    body: text.includes('</head>') ? text.replace('</head>', `${tags}</head>`) : tags + text
  });
  const asset = (type: string, body: string) => ({ status: 200, headers: { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' }, body });

  let greeting: DevMessage | null = null;
  const server = EleventyDevServer.getServer('wsgi-errors dev', dir, {
    port: options.port,
    pathPrefix: base,
    liveReload: false,
    domDiff: false,
    messageOnStart: () => false,
    logger: {
      info() {},
      log() {},
      // A 404 is an answer, not a server error.
      error: (...args: unknown[]) => {
        if (!/^HTTP 404/.test(String(args[0]))) process.stderr.write(`dev server: ${args.map(String).join(' ')}\n`);
      }
    },
    onRequest: {
      // Patterns are below the base path; a handler returning nothing leaves the request to the server.
      [`/${clientFolder}client.js`]: () => asset('text/javascript', client.js),
      [`/${clientFolder}overlay.css`]: () => asset('text/css', client.css),
      '/*': async ({ url }) => {
        let match: ReturnType<EleventyDevServer['mapUrlToFilePath']>;
        try {
          match = server.mapUrlToFilePath(url.pathname);
        } catch {
          return { status: 400, body: 'Bad request' };
        }
        if (match.statusCode === 200 && match.filepath?.endsWith('.html')) return html(200, await readFile(match.filepath, 'utf8'));
        const notFound = path.join(dir, '404.html');
        if (match.statusCode === 404 && existsSync(notFound)) return html(404, await readFile(notFound, 'utf8'));
        return undefined;
      }
    }
  });
  // Loopback only: the server's own listen() takes every interface, and 2.1.2
  // has no option to say otherwise (11ty/dev-server issue 128, open). Its one
  // listen call is replaced; a version with a host option makes this go.
  server._serverListen = (port: number) => server.server.listen({ port, host: '127.0.0.1' });
  server.serve(options.port);
  await server.ready();
  server.updateServer?.on('connection', (socket) => {
    if (greeting) socket.send(JSON.stringify(greeting));
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    port,
    send: (message) => server.sendUpdateNotification(message),
    setGreeting(message) {
      greeting = message;
    },
    close: () => server.close()
  };
}
