// What the search box asks for and what it shows, without the DOM: which
// queries want the full-text index early, facets and their place in the
// address, how many result fragments to fetch, and the words around results.
// Pure, so tested in Node (test/search/logic.test.ts).
import { codeInText, codeTitlePrefix, isPartialCode } from '../../scripts/model/code-syntax.js';
import type { SearchEntry } from '../../scripts/search/entries.js';
import type { QueryNote, QueryPlan } from '../../scripts/search/query.js';

export const facetKeys = ['kind', 'severity', 'status', 'source'] as const;
export const facetTitles: Record<string, string> = { kind: 'Kind', severity: 'Severity', status: 'Status', source: 'Source file' };
export const kindLabels: Record<string, string> = { error: 'Error codes', directive: 'Directives', runbook: 'Runbooks' };

/** Ticked facet values, by facet. */
export type Facets = Map<string, Set<string>>;

export const pageSize = 8;
/** Fragments fetched for a first page of results: a browser opens six connections to a host. */
export const fragmentsAtOnce = 6;

/** A short query that is not a code will want full text: Pagefind can start while the matcher loads. */
export function wantsFulltextSoon(raw: string): boolean {
  const text = raw.trim();
  // Long text, or text starting like a log line, is for the matcher first.
  if (text.length === 0 || text.length >= 120 || text.startsWith('[')) return false;
  // A code being typed (`w`, `wsg`, `WSGI01`, `01`) or containing one needs no full text.
  const code = text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  return !isPartialCode(code) && codeInText(text, { fourDigits: true }) === null;
}

/** Whether a code's card passes the ticked facets. */
export function passesFacets(entry: SearchEntry | undefined, facets: Facets): boolean {
  if (!entry) return false;
  const values: Record<string, string | null> = { kind: 'error', severity: entry.severity, status: entry.retired ? 'retired' : 'active', source: entry.source };
  for (const [key, set] of facets) if (set.size > 0 && !set.has(values[key] ?? '')) return false;
  return true;
}

/** The ticked facets as Pagefind's `filters` search option. */
export function pagefindFilters(facets: Facets): Record<string, { any: string[] }> {
  const filters: Record<string, { any: string[] }> = {};
  for (const [key, set] of facets) if (set.size > 0) filters[key] = { any: [...set] };
  return filters;
}

/** Facets whose values differ from `facets` toggled: a copy, `value` of `key` on or off. */
export function toggleFacet(facets: Facets, key: string, value: string, on: boolean): Facets {
  const next: Facets = new Map([...facets].map(([k, set]) => [k, new Set(set)]));
  const set = next.get(key) ?? new Set<string>();
  if (on) set.add(value);
  else set.delete(value);
  if (set.size > 0) next.set(key, set);
  else next.delete(key);
  return next;
}

export interface SearchState {
  query: string;
  facets: Facets;
}

/** The search an address holds: `?q=...` and `f=facet:value` for each ticked value. */
export function readState(search: string): SearchState {
  const params = new URLSearchParams(search);
  const facets: Facets = new Map();
  for (const f of params.getAll('f')) {
    const at = f.indexOf(':');
    const key = f.slice(0, at);
    if (at <= 0 || !(facetKeys as readonly string[]).includes(key)) continue;
    facets.set(key, (facets.get(key) ?? new Set<string>()).add(f.slice(at + 1)));
  }
  return { query: params.get('q') ?? '', facets };
}

/** The query string for a search (`?q=...&f=...`), or '' when there is no query. */
export function stateSearch({ query, facets }: SearchState): string {
  if (!query) return '';
  const params = new URLSearchParams();
  params.set('q', query.slice(0, 2000));
  for (const [key, set] of facets) for (const value of set) params.append('f', `${key}:${value}`);
  return `?${params.toString()}`;
}

/**
 * How many of Pagefind's results to fetch the fragment of: the ones shown
 * after the pinned codes, a few spare for pinned codes Pagefind also found,
 * and on a first page at most one per connection, so none waits for a second
 * round trip.
 */
export function fragmentsToFetch(limit: number, pinned: number): number {
  const wanted = Math.max(0, limit - pinned);
  if (wanted === 0) return 0;
  return Math.min(wanted + Math.min(pinned, 3), limit === pageSize ? fragmentsAtOnce : Infinity);
}

/** Why a pinned code is listed. */
export function pinnedWhy(plan: QueryPlan): string {
  return plan.mode === 'code' ? 'code' : plan.mode === 'line' ? 'log line' : plan.mode === 'near' ? 'closest message' : 'in the logged message';
}

/** A Pagefind result fragment, as far as the results list uses it. */
export interface PagefindFragment {
  url: string;
  excerpt: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

/** One listed result, before it becomes DOM. */
export interface Hit {
  key: string;
  href: string;
  kind: string;
  severity: string | null;
  retired: boolean;
  title: string;
  why: string | null;
}

export function fragmentHit(fragment: PagefindFragment): Hit {
  const kind = fragment.filters['kind']?.[0] ?? 'page';
  return {
    key: fragment.meta['code'] ?? fragment.url,
    href: fragment.url,
    kind,
    severity: fragment.filters['severity']?.[0] ?? null,
    retired: fragment.filters['status']?.[0] === 'retired',
    // A directive's heading is its name (already shown): its one-line description says more.
    title: kind === 'directive' ? (fragment.meta['description'] ?? '') : (fragment.meta['title'] ?? '').replace(codeTitlePrefix, ''),
    why: null
  };
}

/** `codes`: every code of the reference, in order. */
export function noteText(note: QueryNote, codes: readonly string[]): string {
  switch (note.kind) {
    case 'unallocated':
      return `${note.code} is not an allocated code. This reference lists ${codes[0] ?? ''} to ${codes[codes.length - 1] ?? ''}; a code outside it belongs to a newer mod_wsgi release or does not exist.`;
    case 'shared':
      return `This line matches ${note.count} codes: they log the same message text. If the log shows a WSGI code in front of the message, that code tells them apart.`;
    case 'partial':
      return 'No message matches the whole line; these messages start the way it does (a line cut short, or an older release’s shorter message).';
    case 'truncated':
      return `Only the first ${note.length} characters of the paste were searched.`;
  }
}

/** The heading over near matches: no entry's message fits the line exactly. */
export const nearTitle = 'No exact match; closest messages';

export function summaryText(shown: number, total: number, done: boolean, query: string): string {
  const quoted = `“${query.length > 80 ? `${query.slice(0, 77)}…` : query}”`;
  if (shown === 0) return done ? `No results for ${quoted}.` : 'Searching…';
  return `${total} result${total === 1 ? '' : 's'} for ${quoted}`;
}
