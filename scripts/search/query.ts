// What a query is and what to list first: a code (`WSGI0117`, `wsgi0117`,
// `0117`, `117` where that code exists, `WSGI0117:`), a pasted log line (the
// matcher decides, or failing that the start of a message for a line cut
// short), words (entries whose logged message contains them first, then
// full-text search), or a line no message fits exactly (the closest messages,
// from the near matcher). Pure: the browser client and tests share it.
import { parseCode, parseQueryCode, spelledCodeWithColon } from '../model/code-syntax.js';
import type { Matcher } from './matcher.js';
import type { NearHit, NearMatcher } from './near.js';

export type QueryMode = 'empty' | 'code' | 'line' | 'fragment' | 'near' | 'text';

export type QueryNote =
  | { kind: 'unallocated'; code: string }
  | { kind: 'shared'; count: number }
  | { kind: 'partial' }
  | { kind: 'truncated'; length: number };

export interface QueryPlan {
  mode: QueryMode;
  /** The query as used: control characters removed, spacing collapsed, length capped. */
  text: string;
  /** Codes to list first, best first. */
  pinned: string[];
  notes: QueryNote[];
  /** Words for the full-text index, or null when the pinned codes say it all. */
  fulltext: string | null;
  /** Mode `near`: the closest messages, best first (their codes are `pinned`); empty otherwise. */
  near: NearHit[];
}

/** Closest messages listed for a line nothing matches exactly. */
export const nearListed = 5;

/** Pastes longer than this are cut before anything looks at them. */
export const maxQueryLength = 4096;
const maxFulltextWords = 12;
const maxFulltextLength = 200;


export function cleanQuery(raw: string): { text: string; truncated: boolean } {
  const cut = raw.length > maxQueryLength;
  const text = (cut ? raw.slice(0, maxQueryLength) : raw)
    .replace(/[\u0000-\u001f\u007f-\u009f\ufffd]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { text, truncated: cut };
}

/** A code typed alone (four digits when bare), without knowing which codes exist. */
export function codeOf(text: string): string | null {
  return parseCode(text);
}

/**
 * `near`: the near matcher, for lines no message fits exactly (without it,
 * such a line is searched as text).
 */
export function planQuery(raw: string, matcher: Matcher, near?: NearMatcher): QueryPlan {
  const { text, truncated } = cleanQuery(raw);
  const notes: QueryNote[] = truncated ? [{ kind: 'truncated', length: maxQueryLength }] : [];
  if (!text) return { mode: 'empty', text, pinned: [], notes, fulltext: null, near: [] };

  const code = parseQueryCode(text, (c) => matcher.lookup(c) !== null);
  if (code) {
    const known = matcher.lookup(code);
    if (!known) notes.push({ kind: 'unallocated', code });
    // The code's own page lists what links to it; no full-text download is needed.
    return { mode: 'code', text, pinned: known ? [code] : [], notes, fulltext: null, near: [] };
  }

  const line = matcher.match(text);
  const containing = matcher.containing(text);
  if (line.code || line.candidates.length > 0) {
    const pinned: string[] = [];
    if (line.code) {
      if (matcher.lookup(line.code)) pinned.push(line.code);
      else notes.push({ kind: 'unallocated', code: line.code });
    }
    for (const c of [...line.candidates, ...containing]) if (!pinned.includes(c)) pinned.push(c);
    if (!line.code && line.candidates.length > 1) notes.push({ kind: 'shared', count: line.candidates.length });
    return { mode: 'line', text, pinned, notes, fulltext: line.candidates.length > 0 ? null : fulltextOf(text.replace(spelledCodeWithColon, ' ')), near: [] };
  }
  if (containing.length > 0) return { mode: 'fragment', text, pinned: containing, notes, fulltext: fulltextOf(text), near: [] };

  const start = matcher.prefix(text);
  if (start.length > 0) {
    notes.push({ kind: 'partial' });
    return { mode: 'line', text, pinned: start, notes, fulltext: null, near: [] };
  }

  const closest = near && looksLikeLine(text, near) ? near.rank(text, { limit: nearListed }) : [];
  if (closest.length > 0) {
    const pinned: string[] = [];
    for (const hit of closest) for (const c of hit.codes) if (!pinned.includes(c)) pinned.push(c);
    return { mode: 'near', text, pinned, notes, fulltext: null, near: closest };
  }
  return { mode: 'text', text, pinned: [], notes, fulltext: fulltextOf(text), near: [] };
}

/**
 * A query worth a near match: a log line (Apache's brackets, mod_wsgi's
 * prefix) or a sentence of at least four words the messages use. A word or
 * two is a full-text search, not a message to compare.
 */
function looksLikeLine(text: string, near: NearMatcher): boolean {
  return /^\s*\[|mod_wsgi|\bpid=/i.test(text) || near.words(text).length >= 4;
}

/**
 * The words planQuery gives the full-text index when `raw` turns out to be
 * plain text or a message fragment (the usual case for a short query), known
 * without the matcher, so a search can start before the matcher has loaded.
 */
export function textSearchTerm(raw: string): string | null {
  return fulltextOf(cleanQuery(raw).text);
}

/** A few words are enough for the full-text index; a whole paste only slows it down. */
function fulltextOf(text: string): string | null {
  const words = text
    .replace(/[<>"'`]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, maxFulltextWords)
    .join(' ')
    .slice(0, maxFulltextLength)
    .trim();
  return words || null;
}

/** `text` split around case-insensitive occurrences of `needle`, for building highlighted excerpts. */
export function splitHighlight(text: string, needle: string): { text: string; mark: boolean }[] {
  const n = needle.trim().toLowerCase();
  if (n.length < 2) return [{ text, mark: false }];
  const parts: { text: string; mark: boolean }[] = [];
  const lower = text.toLowerCase();
  let at = 0;
  for (;;) {
    const found = lower.indexOf(n, at);
    if (found < 0) break;
    if (found > at) parts.push({ text: text.slice(at, found), mark: false });
    parts.push({ text: text.slice(found, found + n.length), mark: true });
    at = found + n.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false });
  return parts;
}
