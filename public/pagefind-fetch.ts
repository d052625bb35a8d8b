// Bundled into Pagefind's runtime (pagefind/pagefind.js) in place of the
// global `fetch`, by esbuild's `inject`, at build time.
//
// Pagefind asks for its files one after another: the entry file, then the
// meta file and the WebAssembly, then the index chunks; and it gunzips each
// in JavaScript on the main thread, while the page is also handling the
// keystroke. Two changes, both invisible to Pagefind:
// - The entry, meta and WebAssembly files, whose names the build knows, are
//   all requested as soon as the runtime loads; Pagefind's own requests for
//   them get those responses.
// - The WebAssembly is decompressed by the browser (inflate.ts).

import { inflate } from './inflate.js';

/**
 * Files of the bundle to request at once, relative to pagefind.js, separated
 * by spaces. Defined by the build (as a string: esbuild 0.28.2 hangs when an
 * injected file uses an array `define`).
 */
declare const PAGEFIND_EARLY: string;

const early = new Map<string, Promise<Response>>();

function pathOf(input: RequestInfo | URL): string {
  const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  return new URL(href, document.baseURI).pathname;
}

function load(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  return globalThis.fetch(input, init).then(inflate);
}

export function fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const path = pathOf(input);
  const pending = early.get(path);
  if (pending && !init) {
    // Each early response serves one request; a later one goes to the network.
    early.delete(path);
    return pending;
  }
  return load(input, init);
}

for (const file of PAGEFIND_EARLY.split(' ')) {
  const url = new URL(file, import.meta.url);
  const pending = load(url);
  // A failed early request is left for Pagefind's own request to report.
  pending.catch(() => undefined);
  early.set(url.pathname, pending);
}
