// The search box in every page's header. Codes, pasted log lines and logged-
// message fragments are answered from the search data (data.ts); everything
// else, and the mentions below them, from Pagefind's index (engine.ts). The
// modules in search/ do one job each; this one runs a query and wires the box.
import { markShared } from '../scripts/search/near.js';
import { planQuery, textSearchTerm } from '../scripts/search/query.js';
import { loadData, dataReady, pagefindStart, type Data } from './search/data.js';
import { loadPagefind, type PagefindResults } from './search/engine.js';
import { bindKeys } from './search/keys.js';
import { bindPasteOffer } from './search/paste.js';
import {
  fragmentHit,
  fragmentsToFetch,
  type Facets,
  pageSize,
  fragmentsAtOnce,
  pagefindFilters,
  passesFacets,
  pinnedWhy,
  readState,
  stateSearch,
  toggleFacet,
  wantsFulltextSoon
} from './search/logic.js';
import { excerptNodes, hide, highlighted, marked, plain, showError, showFacets, showResults, type Controls, type Shown } from './search/render.js';

/** How long a warm full-text search may take before the pinned codes are shown on their own. */
const interimDelay = 150;

const base = document.documentElement.dataset['base'] ?? '/';
const form = document.querySelector<HTMLFormElement>('form[data-search-form]');
const input = document.querySelector<HTMLInputElement>('#search-input');
const section = document.querySelector<HTMLElement>('[data-search-results]');

let sequence = 0;
let limit = pageSize;
let facets: Facets = new Map();
/** Whether Pagefind has answered a query on this page. */
let fulltextWarm = false;
let filtersLoaded = false;

const data = () => loadData(base);
const pagefind = () => loadPagefind(base, pagefindStart(base));

async function fulltext(term: string): Promise<PagefindResults | null> {
  return (await pagefind()).search(term, { filters: pagefindFilters(facets) });
}

const controls: Controls = {
  get facets() {
    return facets;
  },
  onMore() {
    limit += pageSize;
    void run(input?.value ?? '');
  },
  onFacet(key, value, on) {
    facets = toggleFacet(facets, key, value, on);
    limit = pageSize;
    syncUrl(input?.value ?? '', false);
    void run(input?.value ?? '');
  }
};

/**
 * Facet counts need Pagefind's filter index, which is not on the first
 * query's path: it loads after the first results are shown, and the facets
 * are then filled in from the same (now cached) search.
 */
async function facetsLater(term: string, mine: number): Promise<void> {
  if (filtersLoaded) return;
  await (await pagefind()).filters();
  filtersLoaded = true;
  if (mine !== sequence || !section) return;
  const again = await fulltext(term);
  if (mine === sequence && again) showFacets(section, again.totalFilters, controls);
}

/**
 * On the first query the matcher is still loading, and the plan waits for it.
 * A short query that is not a code almost always gets the full-text words
 * textSearchTerm predicts: that search, and its first fragments (which
 * Pagefind keeps), start at once, and run() uses them if the plan agrees.
 */
function searchEarly(raw: string): { term: string; results: Promise<PagefindResults | null> } | null {
  if (dataReady() || !wantsFulltextSoon(raw)) return null;
  const term = textSearchTerm(raw);
  if (!term) return null;
  const results = fulltext(term).then((found) => {
    for (const result of found?.results.slice(0, fragmentsAtOnce) ?? []) void result.data().catch(() => undefined);
    return found;
  });
  results.catch(() => undefined);
  return { term, results };
}

function pinnedHit(loaded: Data, plan: ReturnType<typeof planQuery>, key: string): Shown {
  const entry = loaded.entries.get(key);
  if (!entry) throw new Error(`no card for ${key}`);
  const message = loaded.messages.get(key);
  const near = plan.near.find((hit) => hit.codes.includes(key));
  const segments = loaded.segments.get(key);
  const excerpt =
    near && segments
      ? marked(markShared(segments, near.shared))
      : message
        ? plan.mode === 'fragment' || plan.mode === 'line'
          ? highlighted(message, plan.mode === 'fragment' ? plan.text : '')
          : plain(message)
        : plain(entry.retired ? 'Retired: mod_wsgi no longer logs this code.' : entry.title);
  return { key, href: `${base}${entry.path}`, kind: 'error', severity: entry.severity, retired: entry.retired, title: entry.title, excerpt, why: pinnedWhy(plan) };
}

async function run(raw: string): Promise<void> {
  const mine = ++sequence;
  if (!section) return;
  if (!raw.trim()) return hide(section);
  section.setAttribute('aria-busy', 'true');
  section.dataset['state'] = 'pending';
  const loading = data();
  const early = searchEarly(raw);
  if (wantsFulltextSoon(raw)) void pagefind().catch(() => undefined);
  let loaded: Data;
  try {
    loaded = await loading;
  } catch {
    if (mine === sequence) showError(section, 'The search data could not be loaded.');
    return;
  }
  if (mine !== sequence) return;
  const plan = planQuery(raw, loaded.matcher, loaded.near);
  if (plan.mode === 'empty') return hide(section);
  const pinned = plan.pinned.filter((key) => passesFacets(loaded.entries.get(key), facets)).map((key) => pinnedHit(loaded, plan, key));
  const show = (more: Shown[], results: PagefindResults | null, done: boolean, fulltextCount = 0) => {
    const hits = [...pinned.slice(0, limit), ...more];
    showResults(section, { plan, codes: loaded.raw.codes, hits, total: pinned.length + Math.max(fulltextCount, more.length), done, counts: results?.totalFilters ?? null }, controls);
  };
  if (!plan.fulltext) return show([], null, true);
  // Pinned codes first, at once, while Pagefind starts up. Once it has
  // answered a query the next answer usually comes within tens of
  // milliseconds, and a list shown just before it would only cost the browser
  // one more layout: it is shown only if that answer is late.
  const interim = () => mine === sequence && show([], null, false);
  const late = fulltextWarm ? window.setTimeout(interim, interimDelay) : (interim(), undefined);
  try {
    const results = await (early?.term === plan.fulltext ? early.results : fulltext(plan.fulltext));
    fulltextWarm = true;
    if (mine !== sequence) return;
    if (!results) throw new Error('Pagefind gave no answer');
    const seen = new Set(pinned.map((h) => h.key));
    const fragments = await Promise.all(results.results.slice(0, fragmentsToFetch(limit, seen.size)).map((r) => r.data()));
    window.clearTimeout(late);
    if (mine !== sequence) return;
    const more = fragments
      .map((f): Shown => ({ ...fragmentHit(f), excerpt: excerptNodes(f.excerpt) }))
      .filter((h) => !seen.has(h.key))
      .slice(0, Math.max(0, limit - pinned.length));
    show(more, results, true, results.results.length - seen.size);
    void facetsLater(plan.fulltext, mine).catch(() => undefined);
  } catch {
    window.clearTimeout(late);
    if (mine === sequence) show([], null, true);
  }
}

/**
 * The search is kept in the address of the page it was typed on
 * (`?q=...&f=...`), so a reload or a shared link brings it back there. The
 * first keystroke adds a history entry, later ones replace it.
 */
function syncUrl(query: string, typing: boolean): void {
  const current = new URL(window.location.href);
  const search = stateSearch({ query, facets });
  if (!search && !current.searchParams.has('q')) return;
  const target = current.pathname + search + current.hash;
  if (typing && search && !current.searchParams.has('q')) history.pushState(null, '', target);
  else history.replaceState(null, '', target);
}

function restore(): string {
  const state = readState(window.location.search);
  facets = state.facets;
  limit = pageSize;
  return state.query;
}

function start(): void {
  if (!input || !section) return;
  bindKeys(input);
  bindPasteOffer(input, section, base);
  // Someone who focuses the box is about to search: fetch the search data and
  // start Pagefind (its first files; index chunks follow the words typed) so
  // the first keystroke does not wait for them. The filter index is left to
  // facetsLater: fetched here it would compete with the first query's chunks.
  const prefetch = () => {
    void data().catch(() => undefined);
    void pagefind().catch(() => undefined);
  };
  input.addEventListener('focus', prefetch, { once: true });
  input.addEventListener('input', () => {
    limit = pageSize;
    const query = input.value;
    // The URL follows once the results are on screen: a URL change makes the
    // browser redo work for the page (its icon, its history entry) that
    // would otherwise come before the results.
    void run(query).finally(() => {
      if (input.value === query) syncUrl(query.trim() ? query : '', true);
    });
  });
  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    const first = section.querySelector<HTMLAnchorElement>('a.hit-link');
    if (first && section.dataset['query'] === input.value.trim().replace(/\s+/g, ' ')) window.location.assign(first.href);
    else void run(input.value);
  });
  window.addEventListener('popstate', () => {
    input.value = restore();
    void run(input.value);
  });
  const initial = restore();
  if (initial) {
    input.value = initial;
    void run(initial);
  }
}

start();
