// The part of @11ty/eleventy-dev-server 2's API that `npm run dev` uses (the
// package ships no .d.ts). It is the server Eleventy's own --serve runs.
declare module '@11ty/eleventy-dev-server' {
  import type { Server } from 'node:http';

  export interface RequestResult {
    status?: number;
    headers?: Record<string, string>;
    body?: string;
  }

  export interface DevServerOptions {
    port?: number;
    /** Inject Eleventy's own reload client into HTML. */
    liveReload?: boolean;
    domDiff?: boolean;
    /** Served under this path; `/` redirects to it. */
    pathPrefix?: string;
    portReassignmentRetryCount?: number;
    /** URLPattern pathnames (below pathPrefix) to handlers; a handler that returns nothing passes the request on. */
    onRequest?: Record<string, (request: { url: URL }) => RequestResult | string | undefined | Promise<RequestResult | string | undefined>>;
    messageOnStart?: (info: { hosts: string[]; localhostUrl: string }) => string | false;
    logger?: { info(...args: unknown[]): void; log(...args: unknown[]): void; error(...args: unknown[]): void };
  }

  export default class EleventyDevServer {
    static getServer(name: string, dir: string, options?: DevServerOptions): EleventyDevServer;
    readonly server: Server;
    /** The reload channel, set up once the server listens. */
    updateServer?: { on(event: 'connection', listener: (socket: { send(data: string): void }) => void): void };
    serve(port: number): void;
    ready(): Promise<void>;
    close(): Promise<void>;
    /** Sends `message` as JSON to every open page. */
    sendUpdateNotification(message: unknown): void;
    /** The file a request path maps to (after the path prefix), or a redirect or 404. */
    mapUrlToFilePath(url: string): { statusCode: number; filepath?: string; url?: string };
    _serverListen(port: number): void;
  }
}
