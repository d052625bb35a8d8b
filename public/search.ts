// The search box in every page's header. Codes, pasted log lines and logged-
// message fragments are answered from one small gzipped bundle (the matcher
// and the code cards); everything else, and the mentions below them, come
// from Pagefind's index. All DOM is built with createElement/textContent: a query
// or an excerpt never becomes markup.
import { unpackEntries, type SearchEntries, type SearchEntry } from '../scripts/search/entries.js';
import { createMatcher, type Matcher, type MatcherData } from '../scripts/search/matcher.js';
import { searchFiles } from '../scripts/search/files.js';
import type { SearchBundle } from '../scripts/search/index-site.js';
import { planQuery, splitHighlight, textSearchTerm, type QueryNote, type QueryPlan } from '../scripts/search/query.js';

interface PagefindFragment {
  url: string;
  excerpt: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

interface PagefindResults {
  results: { id: string; data(): Promise<PagefindFragment> }[];
  filters: Record<string, Record<string, number>>;
  totalFilters: Record<string, Record<string, number>>;
}

interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string, options?: { filters?: Record<string, unknown> }): Promise<PagefindResults | null>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

interface Data {
  raw: MatcherData;
  matcher: Matcher;
  entries: Map<string, SearchEntry>;
  messages: Map<string, string>;
}

interface Hit {
  key: string;
  href: string;
  kind: string;
  severity: string | null;
  retired: boolean;
  title: string;
  excerpt: Node[];
  why: string | null;
}

const facetKeys = ['kind', 'severity', 'status', 'source'] as const;
const facetTitles: Record<string, string> = { kind: 'Kind', severity: 'Severity', status: 'Status', source: 'Source file' };
const kindLabels: Record<string, string> = { error: 'Error codes', directive: 'Directives', runbook: 'Runbooks' };
const pageSize = 8;
/** Fragments fetched for a first page of results: a browser opens six connections to a host. */
const fragmentsAtOnce = 6;
/** How long a warm full-text search may take before the pinned codes are shown on their own. */
const interimDelay = 150;
/** Whether Pagefind has answered a query on this page. */
let fulltextWarm = false;

const root = document.documentElement;
const base = root.dataset['base'] ?? '/';
const form = document.querySelector<HTMLFormElement>('form[data-search-form]');
const input = document.querySelector<HTMLInputElement>('#search-input');
const section = document.querySelector<HTMLElement>('[data-search-results]');

let dataPromise: Promise<Data> | null = null;
let pagefindPromise: Promise<Pagefind> | null = null;
let sequence = 0;
let limit = pageSize;
const selected = new Map<string, Set<string>>();

let dataReady = false;

function loadData(): Promise<Data> {
  dataPromise ??= fetchBundle().then(({ matcher: raw, entries: cards }) => {
    const messages = new Map<string, string>();
    for (const t of raw.templates) for (const code of t.codes) messages.set(code, t.text);
    dataReady = true;
    return { raw, matcher: createMatcher(raw), entries: new Map(unpackEntries(cards).map((e) => [e.code, e])), messages };
  });
  dataPromise.catch(() => (dataPromise = null));
  return dataPromise;
}

/**
 * The matcher and entry cards, gzipped at build time because plain static
 * hosts send JSON uncompressed. A host that decompresses on the way (or a
 * browser without DecompressionStream) falls back to the plain JSON files.
 */
async function fetchBundle(): Promise<SearchBundle> {
  if (typeof DecompressionStream === 'function') {
    const response = await fetch(base + searchFiles.bundle);
    if (response.ok) {
      const bytes = new Uint8Array(await response.arrayBuffer());
      const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
      const body = gzipped ? new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))) : new Response(bytes);
      return (await body.json()) as SearchBundle;
    }
  }
  const [matcher, entries] = await Promise.all([fetchJson<MatcherData>(searchFiles.matcher), fetchJson<SearchEntries>(searchFiles.entries)]);
  return { matcher, entries };
}

async function fetchJson<T>(file: string): Promise<T> {
  const response = await fetch(`${base}${file}`);
  if (!response.ok) throw new Error(`${file}: ${response.status}`);
  return (await response.json()) as T;
}

let filtersLoaded = false;

function loadPagefind(): Promise<Pagefind> {
  pagefindPromise ??= (async () => {
    const url = `${base}${searchFiles.pagefind}pagefind.js`;
    const pagefind = (await import(url)) as Pagefind;
    // The index is small; a worker would only add a download and a start-up.
    await pagefind.options({ baseUrl: base, excerptLength: 22, noWorker: true });
    await pagefind.init();
    // Its first files are on their way now (pagefind-fetch.ts): time to spare.
    warmSegmenter();
    return pagefind;
  })();
  pagefindPromise.catch(() => (pagefindPromise = null));
  return pagefindPromise;
}

/**
 * Pagefind splits each query with Intl.Segmenter, and the first one a page
 * makes costs 20-40 ms while the browser loads its text rules. Made while
 * Pagefind's first files download, that wait is not on the first result's path.
 */
function warmSegmenter(): void {
  if (typeof Intl.Segmenter !== 'function') return;
  try {
    for (const part of new Intl.Segmenter(root.lang || 'en', { granularity: 'grapheme' }).segment('a')) void part;
  } catch {
    // An unknown language tag: Pagefind falls back to the same as we would.
  }
}

async function fulltext(term: string): Promise<PagefindResults | null> {
  const pagefind = await loadPagefind();
  return pagefind.search(term, { filters: pagefindFilters() });
}

/**
 * Facet counts need Pagefind's filter index, which is not on the first
 * query's path: it loads after the first results are shown, and the facets
 * are then filled in from the same (now cached) search.
 */
async function facetsLater(term: string, mine: number): Promise<void> {
  if (filtersLoaded) return;
  const pagefind = await loadPagefind();
  await pagefind.filters();
  filtersLoaded = true;
  if (mine !== sequence || !section) return;
  const again = await pagefind.search(term, { filters: pagefindFilters() });
  if (mine !== sequence || !again) return;
  const facets = facetBox(again);
  const list = section.querySelector('.search-hits');
  section.querySelector('.search-facets')?.remove();
  if (facets && list) list.before(facets);
}

interface EarlySearch {
  term: string;
  results: Promise<PagefindResults | null>;
}

/**
 * On the first query the matcher is still loading, and the plan waits for it.
 * A short query that is not a code almost always gets the full-text words
 * textSearchTerm predicts: that search, and its first fragments (which
 * Pagefind keeps), start at once, and run() uses them if the plan agrees.
 */
function searchEarly(raw: string): EarlySearch | null {
  if (dataReady || !wantsFulltextSoon(raw)) return null;
  const term = textSearchTerm(raw);
  if (!term) return null;
  const results = fulltext(term).then((found) => {
    for (const result of found?.results.slice(0, fragmentsAtOnce) ?? []) void result.data().catch(() => undefined);
    return found;
  });
  results.catch(() => undefined);
  return { term, results };
}

/** Short queries that are not a code will want full text: start Pagefind while the matcher decides. */
function wantsFulltextSoon(raw: string): boolean {
  const text = raw.trim();
  // Long text, or text starting like a log line, is for the matcher first.
  if (text.length === 0 || text.length >= 120 || text.startsWith('[')) return false;
  // A code being typed (`w`, `wsg`, `WSGI01`, `01`) or containing one needs no full text.
  const code = text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  return !/^(?:w(?:s(?:g(?:i[-_ ]?\d{0,4})?)?)?|\d+)$/i.test(code) && !/wsgi[-_ ]?\d{4}/i.test(text);
}

// ---- running a query -----------------------------------------------------

async function run(raw: string): Promise<void> {
  const mine = ++sequence;
  if (!section) return;
  if (!raw.trim()) {
    hide();
    return;
  }
  section.setAttribute('aria-busy', 'true');
  section.dataset['state'] = 'pending';
  const loading = loadData();
  const early = searchEarly(raw);
  if (wantsFulltextSoon(raw)) void loadPagefind().catch(() => undefined);
  let data: Data;
  try {
    data = await loading;
  } catch {
    if (mine === sequence) showError('The search data could not be loaded.');
    return;
  }
  if (mine !== sequence) return;
  const plan = planQuery(raw, data.matcher);
  if (plan.mode === 'empty') {
    hide();
    return;
  }
  const pinned = plan.pinned.filter((key) => passesFacets(data.entries.get(key))).map((key) => pinnedHit(data, plan, key));
  if (!plan.fulltext) {
    render(data, plan, pinned, [], null, true);
    return;
  }
  // Pinned codes first, at once, while Pagefind starts up. Once it has
  // answered a query the next answer usually comes within tens of
  // milliseconds, and a list shown just before it would only cost the browser
  // one more layout: it is shown only if that answer is late.
  const interim = () => mine === sequence && render(data, plan, pinned, [], null, false);
  const late = fulltextWarm ? window.setTimeout(interim, interimDelay) : (interim(), undefined);
  try {
    const results = await (early?.term === plan.fulltext ? early.results : fulltext(plan.fulltext));
    fulltextWarm = true;
    if (mine !== sequence) return;
    if (!results) throw new Error('Pagefind gave no answer');
    const seen = new Set(pinned.map((h) => h.key));
    const wanted = Math.max(0, limit - pinned.length);
    // Only the fragments shown are downloaded; a few spare cover pinned codes Pagefind also found.
    // At most six at once: a browser opens six connections to a host, and a
    // seventh fragment would wait for a second round trip.
    const count = Math.min(wanted + Math.min(seen.size, 3), limit === pageSize ? fragmentsAtOnce : Infinity);
    const fragments = wanted > 0 ? await Promise.all(results.results.slice(0, count).map((r) => r.data())) : [];
    window.clearTimeout(late);
    if (mine !== sequence) return;
    const more = fragments
      .map(pagefindHit)
      .filter((h) => !seen.has(h.key))
      .slice(0, wanted);
    render(data, plan, pinned, more, results, true, results.results.length - seen.size);
    void facetsLater(plan.fulltext, mine).catch(() => undefined);
  } catch {
    window.clearTimeout(late);
    if (mine === sequence) render(data, plan, pinned, [], null, true);
  }
}

function passesFacets(entry: SearchEntry | undefined): boolean {
  if (!entry) return false;
  const values: Record<string, string | null> = {
    kind: 'error',
    severity: entry.severity,
    status: entry.retired ? 'retired' : 'active',
    source: entry.source
  };
  for (const [key, set] of selected) if (set.size > 0 && !set.has(values[key] ?? '')) return false;
  return true;
}

function pagefindFilters(): Record<string, unknown> {
  const filters: Record<string, unknown> = {};
  for (const [key, set] of selected) if (set.size > 0) filters[key] = { any: [...set] };
  return filters;
}

function pinnedHit(data: Data, plan: QueryPlan, key: string): Hit {
  const entry = data.entries.get(key) as SearchEntry;
  const message = data.messages.get(key);
  let excerpt: Node[];
  if (message) excerpt = plan.mode === 'fragment' || plan.mode === 'line' ? highlighted(message, plan.mode === 'fragment' ? plan.text : '') : [text(message)];
  else excerpt = [text(entry.retired ? 'Retired: mod_wsgi no longer logs this code.' : entry.title)];
  const why = plan.mode === 'code' ? 'code' : plan.mode === 'line' ? 'log line' : 'in the logged message';
  return { key, href: `${base}${entry.path}`, kind: 'error', severity: entry.severity, retired: entry.retired, title: entry.title, excerpt, why };
}

function pagefindHit(fragment: PagefindFragment): Hit {
  const kind = fragment.filters['kind']?.[0] ?? 'page';
  return {
    key: fragment.meta['code'] ?? fragment.url,
    href: fragment.url,
    kind,
    severity: fragment.filters['severity']?.[0] ?? null,
    retired: fragment.filters['status']?.[0] === 'retired',
    // A directive's heading is its name (already shown): its one-line description says more.
    title: kind === 'directive' ? (fragment.meta['description'] ?? '') : (fragment.meta['title'] ?? '').replace(/^WSGI\d{4}: /, ''),
    excerpt: excerptNodes(fragment.excerpt),
    why: null
  };
}

// ---- DOM -----------------------------------------------------------------

function text(value: string): Text {
  return document.createTextNode(value);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string | null, children: (Node | string)[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const child of children) node.append(child);
  return node;
}

function highlighted(value: string, needle: string): Node[] {
  return splitHighlight(value, needle).map((part) => (part.mark ? el('mark', null, [part.text]) : text(part.text)));
}

/** Pagefind's excerpt is text with <mark> around matches: keep exactly that, as text and mark elements. */
function excerptNodes(excerpt: string): Node[] {
  const doc = new DOMParser().parseFromString(excerpt, 'text/html');
  const out: Node[] = [];
  for (const node of Array.from(doc.body.childNodes)) {
    const value = node.textContent ?? '';
    if (node.nodeType === Node.ELEMENT_NODE && (node as Element).tagName === 'MARK') out.push(el('mark', null, [value]));
    else out.push(text(value));
  }
  return out;
}

function noteText(note: QueryNote, data: Data): string {
  switch (note.kind) {
    case 'unallocated': {
      const first = data.raw.codes[0] ?? '';
      const last = data.raw.codes[data.raw.codes.length - 1] ?? '';
      return `${note.code} is not an allocated code. This reference lists ${first} to ${last}; a code outside it belongs to a newer mod_wsgi release or does not exist.`;
    }
    case 'shared':
      return `This line matches ${note.count} codes: they log the same message text. If the log shows a WSGI code in front of the message, that code tells them apart.`;
    case 'truncated':
      return `Only the first ${note.length} characters of the paste were searched.`;
  }
}

function render(data: Data, plan: QueryPlan, pinned: Hit[], more: Hit[], results: PagefindResults | null, done: boolean, fulltextCount = 0): void {
  if (!section) return;
  const hits = [...pinned.slice(0, limit), ...more];
  const status = el('div', 'search-status', []);
  for (const note of plan.notes) status.append(el('p', `search-note note-${note.kind}`, [noteText(note, data)]));
  const total = pinned.length + Math.max(fulltextCount, more.length);
  const summary = el('p', 'search-count', []);
  summary.setAttribute('role', 'status');
  if (hits.length === 0) summary.append(done ? `No results for “${shorten(plan.text)}”.` : 'Searching…');
  else summary.append(`${total} result${total === 1 ? '' : 's'} for “${shorten(plan.text)}”`);
  status.append(summary);

  const list = el('ol', 'search-hits');
  for (const hit of hits) list.append(hitItem(hit));

  const parts: Node[] = [status];
  const facets = results ? facetBox(results) : selected.size > 0 ? facetBox(null) : null;
  if (facets) parts.push(facets);
  parts.push(list);
  if (total > hits.length && done) {
    const button = el('button', 'search-more', ['More results']);
    button.type = 'button';
    button.addEventListener('click', () => {
      limit += pageSize;
      void run(input?.value ?? '');
    });
    parts.push(button);
  }
  section.replaceChildren(...parts);
  section.hidden = false;
  section.dataset['query'] = plan.text;
  section.dataset['mode'] = plan.mode;
  section.dataset['state'] = done ? 'done' : 'pending';
  if (done) section.removeAttribute('aria-busy');
}

function shorten(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}…` : value;
}

function hitItem(hit: Hit): HTMLLIElement {
  const key = hit.kind === 'runbook' ? el('span', 'hit-key', [hit.title]) : el('code', 'hit-key', [hit.key]);
  const badge = hit.retired
    ? el('span', 'badge badge-retired', ['Retired'])
    : hit.severity
      ? el('span', `badge sev-${hit.severity.toLowerCase()}`, [hit.severity])
      : el('span', 'hit-kind', [hit.kind === 'directive' ? 'Directive' : hit.kind === 'runbook' ? 'Runbook' : 'Page']);
  const link = el('a', 'hit-link', [key, ' ', badge]);
  if (hit.kind !== 'runbook' && hit.title) link.append(' ', el('span', 'hit-title', [hit.title]));
  link.href = hit.href;
  const item = el('li', 'search-hit', [link]);
  item.dataset['key'] = hit.key;
  if (hit.why) item.append(' ', el('span', 'hit-why', [hit.why]));
  if (hit.excerpt.length) item.append(el('p', 'hit-excerpt', hit.excerpt));
  return item;
}

function facetBox(results: PagefindResults | null): HTMLElement | null {
  const box = el('div', 'search-facets');
  for (const key of facetKeys) {
    // Counts for the query without any facet ticked, so ticking one never hides the others.
    const counts = results?.totalFilters[key] ?? {};
    const ticked = selected.get(key) ?? new Set<string>();
    const values = [...new Set([...Object.keys(counts).filter((v) => (counts[v] ?? 0) > 0), ...ticked])].sort();
    if (values.length < 2 && ticked.size === 0) continue;
    const fieldset = el('fieldset', 'facet', [el('legend', null, [facetTitles[key] ?? key])]);
    for (const value of values) {
      const check = el('input', null);
      check.type = 'checkbox';
      check.name = `facet-${key}`;
      check.value = value;
      check.checked = ticked.has(value);
      check.addEventListener('change', () => {
        const set = selected.get(key) ?? new Set<string>();
        if (check.checked) set.add(value);
        else set.delete(value);
        if (set.size) selected.set(key, set);
        else selected.delete(key);
        limit = pageSize;
        syncUrl(input?.value ?? '', false);
        void run(input?.value ?? '');
      });
      const label = el('label', null, [check, ' ', key === 'kind' ? (kindLabels[value] ?? value) : value, ' ', el('span', 'facet-count', [`(${counts[value] ?? 0})`])]);
      fieldset.append(label);
    }
    box.append(fieldset);
  }
  return box.childElementCount ? box : null;
}

function hide(): void {
  if (!section) return;
  section.hidden = true;
  section.replaceChildren();
  section.dataset['state'] = 'done';
  section.dataset['query'] = '';
  section.removeAttribute('aria-busy');
}

function showError(message: string): void {
  if (!section) return;
  section.replaceChildren(el('p', 'search-note', [message]));
  section.hidden = false;
  section.dataset['state'] = 'done';
  section.removeAttribute('aria-busy');
}

// ---- URL -----------------------------------------------------------------

/** The search lives at `<base>?q=...` so it can be shared; the first keystroke adds a history entry, later ones replace it. */
function syncUrl(query: string, typing: boolean): void {
  const params = new URLSearchParams();
  if (query) params.set('q', query.slice(0, 2000));
  for (const [key, set] of selected) for (const value of set) params.append('f', `${key}:${value}`);
  const current = new URL(window.location.href);
  if (!query) {
    if (current.searchParams.has('q')) history.replaceState(null, '', current.pathname + current.hash);
    return;
  }
  const target = `${base}?${params.toString()}`;
  if (typing && !current.searchParams.has('q')) history.pushState(null, '', target);
  else history.replaceState(null, '', target);
}

function readUrl(): string {
  const params = new URLSearchParams(window.location.search);
  selected.clear();
  for (const f of params.getAll('f')) {
    const at = f.indexOf(':');
    if (at <= 0) continue;
    const key = f.slice(0, at);
    if (!(facetKeys as readonly string[]).includes(key)) continue;
    const set = selected.get(key) ?? new Set<string>();
    set.add(f.slice(at + 1));
    selected.set(key, set);
  }
  return params.get('q') ?? '';
}

// ---- wiring --------------------------------------------------------------

function start(): void {
  if (!input || !section) return;
  // Someone who focuses the box is about to search: fetch the matcher data and
  // start Pagefind (runtime only; index chunks follow the words typed) so the
  // first keystroke does not wait for them.
  // The filter index is left to facetsLater: fetched here it would compete
  // with the first query's own index chunks.
  const prefetch = () => {
    void loadData().catch(() => undefined);
    void loadPagefind().catch(() => undefined);
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
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented && input.value) {
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
  });
  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    const first = section.querySelector<HTMLAnchorElement>('a.hit-link');
    if (first && section.dataset['query'] === input.value.trim().replace(/\s+/g, ' ')) window.location.assign(first.href);
    else void run(input.value);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
  window.addEventListener('popstate', () => {
    const query = readUrl();
    input.value = query;
    limit = pageSize;
    void run(query);
  });
  const initial = readUrl();
  if (initial) {
    input.value = initial;
    void run(initial);
  }
}

start();
