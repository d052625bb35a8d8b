// The cheap tests in front of the log-line matcher, in two stages.
//
// 1. One regular expression runs over every byte of the log (lower-cased)
//    and finds a code (`wsgi0030`) or an anchor word, a word that some logged
//    message must contain; the anchors cover every message with few words.
// 2. For a line stage 1 found: does it hold every literal word (2a), then
//    every literal run (2b, the text between placeholders) of some template
//    reached through the anchors it contains? Only then is the matcher run.
//
// Neither stage may drop a line the matcher (scripts/search/matcher.ts) would
// match. The matcher ignores case, collapses whitespace (and lets a space
// after a hyphen go), and makes a final full stop optional; both stages allow
// for exactly that, so they only ever let through more than it matches.

import { codeInLine, spelledCode } from '../../model/code-syntax.js';
import { escapeRegExp } from '../../model/placeholder-forms.js';
import { literalRuns, segmentsText } from '../../model/segments.js';
import type { MessageSegment } from '../../model/types.js';

/** Shorter words hit too many unrelated lines; used only when a message has no longer one. */
const minWord = 5;

/** A code as the matcher recognises it: `WSGI0030`, `wsgi-0030`, `WSGI 0030`. */
export { codeInLine };

/** A logged-message template, as the model cut it at its placeholders. */
export type Template = readonly MessageSegment[];

/** Lower-case words of a template's literal text (between `<placeholders>`). */
export function literalWords(template: Template): string[] {
  return literalRuns(template)
    .flatMap((run) => run.toLowerCase().split(/\s+/))
    .map((w) => w.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, ''))
    .filter(Boolean);
}

/**
 * Pieces of literal text every matching line holds, lower case with single
 * spaces: the runs between placeholders, split where the matcher lets a space
 * go (after a hyphen), the final full stop left off, and only ASCII (the
 * matcher's case rules and ours agree on ASCII).
 */
export function literalPieces(template: Template): string[] {
  const runs = literalRuns(template).map((run) => run.toLowerCase().replace(/\s+/g, ' '));
  // The final full stop, when the message ends in literal text.
  runs[runs.length - 1] = (runs[runs.length - 1] as string).trimEnd().replace(/\.$/, '');
  return runs
    .flatMap((run) => run.split(/(?<=-) /))
    .map((p) => p.trim())
    .filter((p) => p !== '' && /^[\x20-\x7e]+$/.test(p))
    .sort((a, b) => b.length - a.length);
}

/** A line as the second stage compares it: lower case, control characters and whitespace runs as one space. */
export function normaliseLine(line: string): string {
  return line.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').toLowerCase();
}

export interface Prefilter {
  /** Global, for lower-cased text: a code, an anchor word (the longest one where several start) or a marker. */
  pattern: RegExp;
  anchors: string[];
  /** Templates without a literal word: they can only be found when tagged. */
  unanchored: string[];
  /** What a match of `pattern` found: its index in `anchors`, -1 for a code, -2 for a marker. */
  anchorOf(match: string): number;
  /**
   * Stage 2a, on the lower-cased line and the anchors `pattern` found in it
   * (null: not known, look for every anchor): does it hold every literal word
   * of a template reached through them? Words hold no spaces, so raw bytes
   * seen one char per byte answer this as well as decoded text.
   */
  wordsMatch(lower: string, found: readonly number[] | null): boolean;
  /** Stage 2b, on a line passed through normaliseLine: every literal piece of such a template. */
  piecesMatch(normalised: string, found: readonly number[] | null): boolean;
}

interface Reachable {
  words: string[];
  pieces: string[];
}

interface Bucket {
  /** A word every template here holds besides the anchor; null for those with none. */
  second: string | null;
  templates: Reachable[];
}

/**
 * Greedy set cover: repeatedly take the word that covers the most templates
 * not yet covered per line of `sample` holding it (the start of the log to
 * scan, lower-cased): words common in this log make poor anchors, since
 * every line holding one goes on to stage 2. Longer words win ties. Any
 * choice is correct; the sample only decides how fast.
 *
 * `markers` (lower case) are found too, after any anchor starting at the same
 * place, so that the lines holding one reach the scanner's later steps
 * (`mod_wsgi`, for near matches) without any template being reached by them.
 */
export function buildPrefilter(templates: readonly Template[], sample = '', markers: readonly string[] = []): Prefilter {
  const byText = new Map(templates.map((t) => [segmentsText(t), t]));
  const texts = [...byText.keys()];
  const distinct = [...byText.values()];
  const covers = new Map<string, number[]>();
  const unanchored: string[] = [];
  // Longest words first: the rarest, so a miss is found soonest.
  const wordsOf = distinct.map((t) => [...new Set(literalWords(t))].sort((a, b) => b.length - a.length));
  distinct.forEach((_, i) => {
    const words = wordsOf[i] as string[];
    let usable = words.filter((w) => w.length >= minWord);
    if (usable.length === 0) usable = words.filter((w) => w.length >= 3);
    if (usable.length === 0) unanchored.push(texts[i] as string);
    for (const w of usable) {
      const list = covers.get(w);
      if (list) list.push(i);
      else covers.set(w, [i]);
    }
  });
  const seen = lineCounts(sample);
  const cost = (word: string) => 1 + (seen.get(word) ?? 0);

  const uncovered = new Set(distinct.keys());
  for (const u of unanchored) uncovered.delete(texts.indexOf(u));
  const anchors: string[] = [];
  while (uncovered.size > 0) {
    let best: string | null = null;
    let bestScore = 0;
    for (const [word, list] of covers) {
      let n = 0;
      for (const i of list) if (uncovered.has(i)) n++;
      const score = n / cost(word);
      if (score > bestScore || (score === bestScore && n > 0 && best !== null && word.length > best.length)) {
        best = word;
        bestScore = score;
      }
    }
    if (best === null) break;
    anchors.push(best);
    for (const i of covers.get(best) as number[]) uncovered.delete(i);
    covers.delete(best);
  }
  // Longest first: where several anchors start at one place, the expression
  // reports the longest, and the others are its prefixes (reached below).
  anchors.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));

  // An anchor leads to every template holding it or an anchor that is a
  // prefix of it; a line that fits a template holds that template's covering
  // anchor, so the template is always reached. Templates are grouped by a
  // second word, chosen the same greedy way, so a line without any of an
  // anchor's second words is done with it after a few look-ups.
  const piecesOf = distinct.map(literalPieces);
  const reach: Bucket[][] = anchors.map((anchor) => {
    const via = anchors.filter((a) => anchor.startsWith(a));
    const members = distinct.flatMap((_, i) => (via.some((a) => (wordsOf[i] as string[]).includes(a)) ? [i] : []));
    return bucketsOf(members, new Set(via), wordsOf).map((b) => ({ second: b.second, templates: b.members.map((i) => ({ words: wordsOf[i] as string[], pieces: piecesOf[i] as string[] })) }));
  });
  const index = new Map(anchors.map((a, i) => [a, i]));
  const marks = markers.filter((m) => !index.has(m));
  const everyAnchor = anchors.map((_, i) => i);

  const holdsAll = (line: string, parts: readonly string[]) => {
    for (const p of parts) if (!line.includes(p)) return false;
    return true;
  };
  const reached = (line: string, found: readonly number[] | null, pick: (t: Reachable) => string[]) => {
    for (const id of found ?? everyAnchor) {
      if (found === null && !line.includes(anchors[id] as string)) continue;
      for (const b of reach[id] as Bucket[]) {
        if (b.second !== null && !line.includes(b.second)) continue;
        for (const t of b.templates) if (holdsAll(line, pick(t))) return true;
      }
    }
    return false;
  };
  return {
    // The code without its look-arounds for the pass over every byte (they
    // halve its speed); codeInLine then decides on the few lines found.
    pattern: new RegExp([spelledCode, ...anchors.map(escapeRegExp), ...marks.map(escapeRegExp)].join('|'), 'g'),
    anchors,
    unanchored,
    anchorOf: (match) => index.get(match) ?? (marks.includes(match) ? -2 : -1),
    wordsMatch: (lower, found) => reached(lower, found, (t) => t.words),
    piecesMatch: (normalised, found) => reached(normalised, found, (t) => t.pieces)
  };
}

/**
 * For each word of `sample` (cut the way literalWords cuts templates), the
 * number of lines holding it. Occurrences inside longer words are not seen:
 * this is an estimate, which is all the choice of anchors needs.
 */
function lineCounts(sample: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of sample.split('\n')) {
    // Whole words as templates cut them (`site.addsitedir`), and their
    // alphanumeric parts (`proxy` in `[proxy:error]`).
    const words = new Set(line.match(/[a-z0-9]+(?:[^\sa-z0-9]+[a-z0-9]+)*/g));
    for (const w of line.match(/[a-z0-9]{3,}/g) ?? []) words.add(w);
    for (const w of words) if (w.length >= 3) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return counts;
}

/** Templates reached through `via`, grouped by a further word each holds (null: it has none). */
function bucketsOf(members: readonly number[], via: ReadonlySet<string>, wordsOf: readonly string[][]): { second: string | null; members: number[] }[] {
  const other = (i: number) => (wordsOf[i] as string[]).filter((w) => !via.has(w) && w.length >= 3);
  const buckets: { second: string | null; members: number[] }[] = [];
  const lone = members.filter((i) => other(i).length === 0);
  if (lone.length > 0) buckets.push({ second: null, members: lone });
  const left = new Set(members.filter((i) => other(i).length > 0));
  while (left.size > 0) {
    const counts = new Map<string, number>();
    for (const i of left) for (const w of other(i)) counts.set(w, (counts.get(w) ?? 0) + 1);
    let best = '';
    let bestCount = 0;
    for (const [w, n] of counts) if (n > bestCount || (n === bestCount && w.length > best.length)) [best, bestCount] = [w, n];
    const chosen = [...left].filter((i) => other(i).includes(best));
    buckets.push({ second: best, members: chosen });
    for (const i of chosen) left.delete(i);
  }
  return buckets;
}
