// Near matches: the entries whose logged message is closest to a line no
// template matches exactly, for lines from older mod_wsgi releases (which
// write no WSGI#### code and often other wording: "Couldn't create accept
// lock '...' (5)." where 6.0 logs "Unable to create accept lock '...'. Daemon
// group will not start.").
//
// The line and each template become sets of normalised words: the literal
// words of the template (its placeholders left out), and the line's words
// less its values (paths, numbers, addresses, quoted names), Apache's prefix
// and mod_wsgi's own `mod_wsgi (pid=N):`. Words are weighted by rarity among
// the templates (inverse document frequency, so "accept" and "lock" count for
// much more than "unable" or "daemon"), and a template scores an F-measure of
// the weight it shares with the line: over the line's words (did the message
// explain the line?) and over its own (how much of the message is there?),
// leaning to the first.
//
// Built at load time from the matcher's templates (the model's segments): it
// adds nothing to what the browser downloads. Pure: no DOM and no Node APIs;
// the search box and `scan` share it.
import { literalRuns } from '../model/segments.js';
import type { MessageSegment } from '../model/types.js';
import { messageOf } from './matcher.js';

export interface NearTemplate {
  /** Codes logging this text, ascending. */
  codes: readonly string[];
  segments: readonly MessageSegment[];
}

export interface NearHit {
  codes: string[];
  /** 0 to 1: the weighted F-measure of the shared words (1: the same words). */
  score: number;
  /** The normalised words the line and the template share (see `wordKey`). */
  shared: string[];
}

export interface NearMatcher {
  /** Templates sharing words with `line`, best first, at most `limit`, none under `minScore`. */
  rank(line: string, options?: { limit?: number; minScore?: number }): NearHit[];
  /** The line's words the templates know (normalised, distinct, in order): what `rank` compares. */
  words(line: string): string[];
}

/** Under this a template shares too little with a line to be called close. */
export const nearMinScore = 0.3;

/** Words that say nothing about which message a line is. */
const stopWords = new Set(['a', 'an', 'the', 'to', 'of', 'in', 'on', 'for', 'and', 'or', 'is', 'be', 'by', 'as', 'at', 'it', 'its', 'this', 'that', 'with', 'from', 'was', 'were', 'been', 'has', 'have', 'had']);

/**
 * Older releases' ways of saying what 6.0 says, as single words: "Couldn't
 * create" is "Unable to create"; 4.x's misspelt "intialise" is "initialise".
 */
const sameAs: Record<string, string> = { "couldn't": 'unable', couldnt: 'unable', cannot: 'unable', "can't": 'unable', failed: 'unable', failure: 'unable', intialise: 'initialise', exec: 'execute' };

/**
 * A word as both sides are compared: lower case, the forms above mapped, -ize
 * spelt -ise, and a light suffix cut (plural s, -ed, -ing, final e), so
 * "initialized" and "initialise", "threads" and "thread" meet.
 */
export function wordKey(word: string): string {
  let w = word.toLowerCase();
  w = sameAs[w] ?? w;
  w = w.replace(/'s$/, '').replace(/iz(e|ed|es|ing|ation)$/, 'is$1');
  if (w.length > 5 && w.endsWith('ing')) w = undouble(w.slice(0, -3));
  else if (w.length > 4 && w.endsWith('ed')) w = undouble(w.slice(0, -2));
  else if (w.length > 4 && w.endsWith('es') && !w.endsWith('ses')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** `stopp` -> `stop`, `shutt` -> `shut`: a doubled final consonant left by a cut suffix. */
function undouble(w: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(w) && !/(?:ll|ss|zz)$/.test(w) ? w.slice(0, -1) : w;
}

/** A chunk of a line that is a value, not wording: a path, an address, a URL. */
const valueChunk = /^(?:[/~]|[a-z]:\\|\\\\)|:\/\/|\/.*\/|@|^\d+(?:\.\d+){3}(?::\d+)?$/i;
/** Words inside a chunk: letters, with an apostrophe inside (couldn't, user's). */
const wordPattern = /[a-z]+(?:'[a-z]+)?/gi;

interface Token {
  key: string;
  /** Inside single or double quotes: in a line, a value unless the templates know the word ('site', 'Basic'). */
  quoted: boolean;
}

/** A chunk opening a quoted value (group 1: the quote), and chunks closing one. */
const opensQuote = /^[(<[{]*(['"])/;
const closesQuote: Record<string, RegExp> = { "'": /.'[)>\]},.;:!?]*$/, '"': /."[)>\]},.;:!?]*$/ };

/** Words of `text` as compared (values dropped), in order, repeats kept. */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  let quote = '';
  for (const raw of text.split(/\s+/)) {
    if (quote === '') quote = opensQuote.exec(raw)?.[1] ?? '';
    const quoted = quote !== '';
    if (quoted && (closesQuote[quote] as RegExp).test(raw)) quote = '';
    const chunk = raw.replace(/^[\s"'`(<[{]+|[\s"'`)>\]},.;:!?]+$/g, '');
    if (!chunk || valueChunk.test(chunk)) continue;
    for (const m of chunk.matchAll(wordPattern)) {
      if (m[0].length < 2) continue;
      const key = wordKey(m[0]);
      if (key.length >= 2 && !stopWords.has(key)) out.push({ key, quoted });
    }
  }
  return out;
}

/** The literal words of a template (placeholders left out), normalised, distinct. */
export function templateWords(segments: readonly MessageSegment[]): string[] {
  return [...new Set(literalRuns(segments).flatMap((run) => tokens(run).map((t) => t.key)))];
}

/** Mod_wsgi's own prefix in releases before 6.0: `mod_wsgi (pid=4242): ` or `mod_wsgi: `. */
const modWsgiPrefix = /^\s*mod_wsgi(?: \([^)]{0,200}\))?:\s*/i;

/** The message of a log line: Apache's prefix, the error number's text and mod_wsgi's own prefix removed. */
export function nearMessage(line: string): string {
  let message = messageOf(line);
  for (;;) {
    const next = messageOf(message.replace(modWsgiPrefix, ''));
    if (next === message) return message;
    message = next;
  }
}

interface Indexed {
  codes: string[];
  words: string[];
  weight: number;
}

/**
 * What a word of the line that no template uses weighs against them: as much
 * as a word found in one template of ten. A line of many such words (a Python
 * traceback, another module's message) is far from every template, however
 * well its few known words fit. Quoted words no template uses are values
 * ('shop', 'www-data') and count for nothing.
 */
const unknownWeight = 3;

export function createNearMatcher(templates: readonly NearTemplate[]): NearMatcher {
  const list: Indexed[] = templates.map((t) => ({ codes: [...t.codes], words: templateWords(t.segments), weight: 0 }));
  const df = new Map<string, number>();
  for (const t of list) for (const w of t.words) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [w, n] of df) idf.set(w, Math.log((list.length + 1) / n));
  const postings = new Map<string, number[]>();
  list.forEach((t, i) => {
    for (const w of t.words) {
      t.weight += idf.get(w) as number;
      const p = postings.get(w);
      if (p) p.push(i);
      else postings.set(w, [i]);
    }
  });

  /** The line's known words (distinct, in order) and how many other words it has. */
  const read = (line: string) => {
    const known: string[] = [];
    const unknown = new Set<string>();
    for (const t of tokens(nearMessage(line))) {
      if (idf.has(t.key)) {
        if (!known.includes(t.key)) known.push(t.key);
      } else if (!t.quoted) unknown.add(t.key);
    }
    return { known, unknown: unknown.size };
  };

  return {
    words: (line) => read(line).known,
    rank(line, options = {}) {
      const limit = options.limit ?? 5;
      const minScore = options.minScore ?? nearMinScore;
      const { known, unknown } = read(line);
      if (known.length === 0 || limit <= 0) return [];
      let lineWeight = unknown * unknownWeight;
      const shared = new Map<number, number>();
      for (const w of known) {
        const weight = idf.get(w) as number;
        lineWeight += weight;
        for (const i of postings.get(w) as number[]) shared.set(i, (shared.get(i) ?? 0) + weight);
      }
      const hits: { i: number; score: number }[] = [];
      for (const [i, weight] of shared) {
        // F-measure leaning to the line's side (beta 0.5): a line's words
        // should all be explained by the message; a 6.0 message may say more
        // than the older one did.
        const precision = weight / lineWeight;
        const recall = weight / (list[i] as Indexed).weight;
        const score = (1.25 * precision * recall) / (0.25 * precision + recall);
        if (score >= minScore) hits.push({ i, score });
      }
      // Best first; of equal scores the shorter message (less left unexplained), then code order.
      hits.sort((a, b) => b.score - a.score || (list[a.i] as Indexed).weight - (list[b.i] as Indexed).weight || a.i - b.i);
      return hits.slice(0, limit).map(({ i, score }) => {
        const t = list[i] as Indexed;
        return { codes: [...t.codes], score: Math.round(score * 1000) / 1000, shared: known.filter((w) => t.words.includes(w)) };
      });
    }
  };
}

/**
 * A near match in a log summary (scan, the triage page) shares at least this
 * many words with its message: with one, a traceback's `File "...", line 12,
 * in view` lines would all count as the message with "line" in it.
 */
export const nearMinShared = 2;

/**
 * The closest messages for a log line mod_wsgi wrote (`nearCandidateLine`, which
 * the caller checks: it may memoise on the message alone), as scan and the
 * triage page count them: at most `limit`, each sharing `nearMinShared` words.
 */
export function logLineNear(matcher: NearMatcher, line: string, limit: number): NearHit[] {
  return matcher.rank(line, { limit }).filter((hit) => hit.shared.length >= nearMinShared);
}

/** A level the reference has no entries at (its severities run from WARNING to EMERG). */
const quietLevel = /\[(?:[a-z_]*:)?(?:info|debug|notice|trace\d)\]/i;
/** Mod_wsgi's prefix in releases before 6.0. */
const modWsgiMark = /mod_wsgi(?: \(pid=|:)/i;
/** Apache 2.4's module tag for mod_wsgi, and the `<message>: <file>` form older releases write some messages in, without their prefix. */
const wsgiTag = /\[wsgi:/i;
const scriptErrorEnd = /: \/\S*\s*$/;

/**
 * A line of a log worth a near match: written by mod_wsgi (its pre-6.0
 * `mod_wsgi (pid=N):` or `mod_wsgi:` prefix; or Apache 2.4's `[wsgi:...]`
 * tag on a `<message>: <file>` line, since under that tag the application's
 * own output, tracebacks and all, is logged too), at a level the reference
 * documents. Other modules' lines share words with mod_wsgi's messages
 * ("client denied by server configuration") without being any of them.
 */
export function nearCandidateLine(line: string): boolean {
  if (quietLevel.test(line)) return false;
  return modWsgiMark.test(line) || (wsgiTag.test(line) && scriptErrorEnd.test(line));
}

/** A logged message as parts, the words in `shared` (as wordKey gives them) marked; placeholders as `<name>`, never marked. */
export function markShared(segments: readonly MessageSegment[], shared: readonly string[]): { text: string; mark: boolean }[] {
  const keys = new Set(shared);
  const parts: { text: string; mark: boolean }[] = [];
  const push = (text: string, mark: boolean) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.mark === mark) last.text += text;
    else parts.push({ text, mark });
  };
  for (const s of segments) {
    if (typeof s !== 'string') {
      push(`<${s.name}>`, false);
      continue;
    }
    let at = 0;
    for (const m of s.matchAll(wordPattern)) {
      push(s.slice(at, m.index), false);
      const key = wordKey(m[0]);
      push(m[0], m[0].length >= 2 && keys.has(key));
      at = m.index + m[0].length;
    }
    push(s.slice(at), false);
  }
  return parts;
}

/** Near templates from entries (one per code), codes logging the same text gathered into one. */
export function nearTemplatesOf(entries: Iterable<{ code: string; segments: readonly MessageSegment[] }>): NearTemplate[] {
  const byText = new Map<string, { codes: string[]; segments: readonly MessageSegment[] }>();
  for (const e of entries) {
    const key = JSON.stringify(e.segments);
    const t = byText.get(key);
    if (t) t.codes.push(e.code);
    else byText.set(key, { codes: [e.code], segments: e.segments });
  }
  return [...byText.values()].map((t) => ({ codes: t.codes.sort(), segments: t.segments }));
}
