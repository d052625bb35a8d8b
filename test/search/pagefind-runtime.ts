// Pagefind's own runtime (a bundle's pagefind.js), run in Node against the
// files of that bundle on disk: `fetch` reads them, so tests search an index
// the way the browser does, through Pagefind's code rather than a copy of it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface PagefindRuntime {
  search(term: string, options?: { filters?: Record<string, unknown> }): Promise<{ results: { data(): Promise<{ url: string; meta: Record<string, string> }> }[] }>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

const prefix = '/pagefind-under-test/';
const bundles = new Map<string, string>();
let installed = false;

/** Pagefind's runtime of `bundleDir`, started on the main thread. */
export async function loadRuntime(bundleDir: string): Promise<PagefindRuntime> {
  const key = `${prefix}${bundles.size}/`;
  bundles.set(key, bundleDir);
  if (!installed) {
    installed = true;
    const network = globalThis.fetch;
    globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const [base, dir] = [...bundles].find(([b]) => url.startsWith(b)) ?? [];
      if (!base || !dir) return network(input, init);
      const file = path.join(dir, url.slice(base.length).replace(/\?.*$/, ''));
      return readFile(file).then(
        (body) => new Response(new Uint8Array(body)),
        () => new Response('not found', { status: 404 })
      );
    };
  }
  // A query string makes each load a new module instance, even for one folder.
  const runtime = (await import(`${pathToFileURL(path.join(bundleDir, 'pagefind.js')).href}?${bundles.size}`)) as PagefindRuntime & { options(o: object): Promise<void> };
  await runtime.options({ basePath: key, baseUrl: '/', noWorker: true });
  return runtime;
}
