// Pagefind, started as its documentation describes: import pagefind.js, set
// its options, init() when the search box gains focus. Pagefind would ask for
// its entry file first and for its meta and WebAssembly files once it has
// read it; the page asks for all three at once instead (<link rel=preload>),
// by the names the build put in the search data, and Pagefind's own requests
// are answered from those.
import { searchFiles } from '../../scripts/search/files.js';
import type { PagefindStart } from '../../scripts/search/index-site.js';
import type { PagefindFragment } from './logic.js';

export interface PagefindResults {
  results: { id: string; data(): Promise<PagefindFragment> }[];
  filters: Record<string, Record<string, number>>;
  totalFilters: Record<string, Record<string, number>>;
}

export interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string, options?: { filters?: Record<string, unknown> }): Promise<PagefindResults | null>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

let pending: Promise<Pagefind> | null = null;

/** `start`: the names the build wrote (null when the search data came without them). */
export function loadPagefind(base: string, start: Promise<PagefindStart | null>): Promise<Pagefind> {
  pending ??= (async () => {
    const bundle = `${base}${searchFiles.pagefind}`;
    const names = start.then(
      (found) => {
        for (const file of found?.preload ?? []) preload(bundle + file);
        return found;
      },
      () => null
    );
    const [pagefind, found] = await Promise.all([import(`${bundle}pagefind.js`) as Promise<Pagefind>, names]);
    await pagefind.options({
      baseUrl: base,
      excerptLength: 22,
      // The index is small; a worker would only add a download and a start-up.
      noWorker: true,
      // The entry file's URL for this build, as preloaded (Pagefind's default adds the time).
      ...(found ? { metaCacheTag: found.metaCacheTag } : {})
    });
    await pagefind.init();
    // Pagefind's first files are on their way now: time to spare.
    warmSegmenter();
    return pagefind;
  })();
  pending.catch(() => (pending = null));
  return pending;
}

/** Matches Pagefind's own fetch() of the file: same URL, mode `cors`, credentials `same-origin`. */
function preload(href: string): void {
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.crossOrigin = 'anonymous';
  link.href = href;
  document.head.append(link);
}

/**
 * Pagefind splits each query with Intl.Segmenter, and the first one a page
 * makes costs 20-40 ms while the browser loads its text rules. Made while
 * Pagefind's first files download, that wait is not on the first result's path.
 */
function warmSegmenter(): void {
  if (typeof Intl.Segmenter !== 'function') return;
  try {
    for (const part of new Intl.Segmenter(document.documentElement.lang || 'en', { granularity: 'grapheme' }).segment('a')) void part;
  } catch {
    // An unknown language tag: Pagefind falls back to the same as we would.
  }
}
