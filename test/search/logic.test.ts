// The search box's logic without the DOM (public/search/logic.ts): which
// queries start Pagefind early, facets and the address, fragment counts.
import { describe, expect, it } from 'vitest';
import type { SearchEntry } from '../../scripts/search/entries.js';
import {
  type Facets,
  fragmentHit,
  fragmentsAtOnce,
  fragmentsToFetch,
  noteText,
  pageSize,
  pagefindFilters,
  passesFacets,
  readState,
  stateSearch,
  summaryText,
  toggleFacet,
  wantsFulltextSoon
} from '../../public/search/logic.js';

const card = (over: Partial<SearchEntry> = {}): SearchEntry => ({ code: 'WSGI0117', title: 'Cannot connect', severity: 'ERR', retired: false, source: 'src/server/wsgi_daemon.c', path: 'errors/WSGI0117/', ...over }) as SearchEntry;

describe('which queries start the full-text index before the matcher has loaded', () => {
  it('words do; codes being typed, codes inside text, log lines and long pastes do not', () => {
    for (const q of ['daemon socket', 'python home', 'wsgi daemon', 'chroot']) expect(wantsFulltextSoon(q), q).toBe(true);
    for (const q of ['', '  ', 'w', 'wsg', 'WSGI01', 'wsgi-0117', '0117', '12', 'see WSGI0117 here', '[Sat Nov 21] [wsgi:error] x', 'x'.repeat(120)]) expect(wantsFulltextSoon(q), q).toBe(false);
  });
});

describe('facets', () => {
  it('a code card passes the ticked values of every facet', () => {
    const facets: Facets = new Map([['severity', new Set(['ERR', 'CRIT'])]]);
    expect(passesFacets(card(), facets)).toBe(true);
    expect(passesFacets(card({ severity: 'WARNING' }), facets)).toBe(false);
    expect(passesFacets(card(), new Map([['kind', new Set(['directive'])]]))).toBe(false);
    expect(passesFacets(card({ retired: true }), new Map([['status', new Set(['retired'])]]))).toBe(true);
    expect(passesFacets(undefined, new Map())).toBe(false);
  });

  it('become Pagefind filters, and toggling one leaves the others (and the original) alone', () => {
    const one = toggleFacet(new Map(), 'kind', 'error', true);
    const two = toggleFacet(one, 'severity', 'ERR', true);
    expect(pagefindFilters(two)).toEqual({ kind: { any: ['error'] }, severity: { any: ['ERR'] } });
    expect(pagefindFilters(one)).toEqual({ kind: { any: ['error'] } });
    expect([...toggleFacet(two, 'kind', 'error', false).keys()]).toEqual(['severity']);
  });
});

describe('the search in the address', () => {
  it('round-trips the query and ticked facets, and ignores unknown facets and malformed values', () => {
    const facets = toggleFacet(toggleFacet(new Map(), 'kind', 'directive', true), 'source', 'src/server/a:b.c', true);
    const search = stateSearch({ query: 'daemon & socket', facets });
    expect(search).toBe('?q=daemon+%26+socket&f=kind%3Adirective&f=source%3Asrc%2Fserver%2Fa%3Ab.c');
    expect(readState(search)).toEqual({ query: 'daemon & socket', facets });
    expect(readState('?q=x&f=colour:red&f=:ERR&f=severity')).toEqual({ query: 'x', facets: new Map() });
    expect(readState('')).toEqual({ query: '', facets: new Map() });
  });

  it('holds nothing without a query, and at most 2000 characters of one', () => {
    expect(stateSearch({ query: '', facets: new Map([['kind', new Set(['error'])]]) })).toBe('');
    expect(readState(stateSearch({ query: 'x'.repeat(5000), facets: new Map() })).query).toHaveLength(2000);
  });
});

describe('fragments to fetch', () => {
  it('on a first page, at most one per connection; later pages all that are shown, plus spares for pinned codes', () => {
    expect(fragmentsToFetch(pageSize, 0)).toBe(fragmentsAtOnce);
    expect(fragmentsToFetch(pageSize, 3)).toBe(fragmentsAtOnce);
    expect(fragmentsToFetch(pageSize, 8)).toBe(0);
    expect(fragmentsToFetch(pageSize * 2, 2)).toBe(16);
    expect(fragmentsToFetch(pageSize * 2, 5)).toBe(14);
  });
});

describe('words around results', () => {
  it("a directive's result is titled by its description, a code's without its code", () => {
    expect(fragmentHit({ url: '/directives/WSGIDaemonProcess/', excerpt: '', meta: { title: 'WSGIDaemonProcess', description: 'Runs daemons.' }, filters: { kind: ['directive'] } })).toMatchObject({ key: '/directives/WSGIDaemonProcess/', kind: 'directive', title: 'Runs daemons.', severity: null });
    expect(fragmentHit({ url: '/errors/WSGI0037/', excerpt: '', meta: { code: 'WSGI0037', title: 'WSGI0037: Gone' }, filters: { kind: ['error'], status: ['retired'] } })).toMatchObject({ key: 'WSGI0037', title: 'Gone', retired: true });
  });

  it('notes and counts', () => {
    expect(noteText({ kind: 'unallocated', code: 'WSGI0999' }, ['WSGI0001', 'WSGI0210'])).toMatch(/^WSGI0999 is not an allocated code\. This reference lists WSGI0001 to WSGI0210/);
    expect(noteText({ kind: 'shared', count: 2 }, [])).toMatch(/^This line matches 2 codes/);
    expect(summaryText(0, 0, false, 'x')).toBe('Searching…');
    expect(summaryText(0, 0, true, 'x')).toBe('No results for “x”.');
    expect(summaryText(1, 1, true, 'x')).toBe('1 result for “x”');
    expect(summaryText(2, 9, true, 'y'.repeat(100))).toBe(`9 results for “${'y'.repeat(77)}…”`);
  });
});
