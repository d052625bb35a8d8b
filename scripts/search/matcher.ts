// The log-line matcher: which codes a pasted Apache error-log line belongs to.
// compileMatcher runs at build time over the typed model and produces plain
// JSON (one template per distinct logged message, as the model's segments,
// and the documented forms of composite placeholders); createMatcher runs
// anywhere (browser, CLI, tests), needs no DOM and no Node APIs, and builds a
// template's regular expression only when a line gets past that template's
// word prefilter.
import { codeOfLine, leadingCode } from '../model/code-syntax.js';
import { escapeRegExp } from '../model/placeholder-forms.js';
import { literalRuns, segmentsText } from '../model/segments.js';
import type { ErrorEntry, MessageSegment } from '../model/types.js';

export interface MatcherTemplate {
  /** Codes logging exactly this text, ascending (several for shared texts). */
  codes: string[];
  /** The template as documented, cut at its placeholders, whitespace collapsed. */
  segments: MessageSegment[];
}

/** Matcher data of another version is refused (rebuild the site). */
export const matcherVersion = 2;

export interface MatcherData {
  version: typeof matcherVersion;
  /** Every allocated code, ascending, retired ones included. */
  codes: string[];
  retired: string[];
  /** Documented forms of composite placeholders, by placeholder name. */
  forms: Record<string, MessageSegment[][]>;
  templates: MatcherTemplate[];
}

export interface LineMatch {
  /** A WSGI#### code found in the line (normalised upper case), or null. */
  code: string | null;
  /** Codes whose logged-message template matches the line, best first; several for shared texts. */
  candidates: string[];
}

export interface Matcher {
  match(line: string): LineMatch;
  /**
   * Codes whose logged message starts the way `line` does and goes on past
   * its end (a line cut short: `Unable to create accept lock '/x'` without
   * `. Daemon group will not start.`), for a line `match` finds nothing for.
   * The line must hold at least the template's first three literal words
   * (or 16 literal characters); ascending.
   */
  prefix(line: string): string[];
  /** Codes whose logged-message literal contains `fragment` (case and spacing ignored), ascending. */
  containing(fragment: string): string[];
  /** Whether a code is allocated, and if so whether it is retired. */
  lookup(code: string): { retired: boolean } | null;
}

export function compileMatcher(errors: readonly ErrorEntry[]): MatcherData {
  const byText = new Map<string, MatcherTemplate>();
  const found = new Map<string, MessageSegment[][]>();
  for (const entry of errors) {
    const message = entry.loggedMessage;
    if (!message || !message.template.trim()) continue;
    const segments = collapse(message.segments);
    const text = segmentsText(segments);
    const existing = byText.get(text);
    if (existing) existing.codes.push(entry.code);
    else byText.set(text, { codes: [entry.code], segments });
    for (const [name, list] of Object.entries(message.forms)) found.set(name, list);
  }
  const forms: Record<string, MessageSegment[][]> = {};
  for (const [name, list] of [...found].sort(([a], [b]) => a.localeCompare(b))) forms[name] = list;
  const templates = [...byText.values()];
  for (const t of templates) t.codes.sort();
  templates.sort((a, b) => (a.codes[0] ?? '').localeCompare(b.codes[0] ?? ''));
  return {
    version: matcherVersion,
    codes: errors.map((e) => e.code).sort(),
    retired: errors.filter((e) => e.retired).map((e) => e.code).sort(),
    forms,
    templates
  };
}

/** A template's text: placeholders as `<name>`, whitespace collapsed (what the search shows for a code). */
export function templateText(t: MatcherTemplate): string {
  return segmentsText(t.segments);
}

// ---- runtime -----------------------------------------------------------

/** Longer input is cut: no log line is this long, and regex work stays bounded. */
export const maxLineLength = 4096;

interface Compiled extends MatcherTemplate {
  /** Lower-case literal words every matching line contains (a cheap prefilter). */
  words: string[];
  /** Literal characters: more literal text means a more specific match. */
  weight: number;
  /** Built on first use: most templates never get past the prefilter, and
   * building all of them took the browser 10 ms on the first keystroke. */
  re: RegExp | null;
  /** For `containing`: lower-case text with the spacing quirks folded away. */
  folded: string;
  /** For `prefix`: a word the start of a matching line holds, and the expression, built on first use. */
  lead: string;
  prefixRe: RegExp | null;
}

/** One of Apache's `[date] [module:level] [pid N:tid N] [client ip:port]` groups. */
const apacheGroup = String.raw`\s*\[[^\]]{0,200}\]`;

/**
 * Apache's leading groups, all of them, as the matcher strips them: what a
 * line's cache key leaves out in scan and on the triage page, so a message
 * logged again with another time, pid or client gets the same answer.
 */
export const leadingGroups = new RegExp(`^(?:${apacheGroup})+`);

/**
 * Apache's groups, `AH01234: `, the error number's text (`(28)No space left
 * on device: `), mod_wsgi's own prefix and the code.
 */
const prefixRes = [new RegExp(`^${apacheGroup}`), /^\s*AH\d{4,5}:/, /^\s*\(\d{1,6}\)[^:()[\]]{0,120}:/, /^\s*mod_wsgi \(pid=\d+[^)]{0,200}\):/, leadingCode];

export function createMatcher(data: MatcherData): Matcher {
  const compiled: Compiled[] = data.templates.map((t) => ({ ...t, ...prefilterOf(t.segments), re: null, folded: fold(templateText(t)), lead: leadOf(t.segments), prefixRe: null }));
  let forms: Map<string, string> | null = null;
  const regexOf = (t: Compiled) => {
    return (t.re ??= new RegExp(sourceOf(t.segments, formsOf()), 'i'));
  };
  const formsOf = () => (forms ??= new Map(Object.entries(data.forms).map(([name, list]) => [name, `(?:${list.map(formPattern).join('|')})`])));
  const all = new Set(data.codes);
  const retired = new Set(data.retired);

  return {
    match(line: string): LineMatch {
      const clean = sanitise(line);
      const code = codeOfLine(clean);
      const message = stripPrefix(clean);
      const lower = message.toLowerCase();
      let hits: { c: Compiled; at: number }[] = [];
      for (const c of compiled) {
        if (!c.words.every((w) => lower.includes(w))) continue;
        const m = regexOf(c).exec(message);
        if (m) hits.push({ c, at: m.index });
      }
      // A template that explains more of the line wins over one matching only
      // its tail ("Parent directory of WSGI script file is writable to world."
      // is not "WSGI script file is writable to world.").
      const start = Math.min(...hits.map((h) => h.at));
      hits = hits.filter((h) => h.at === start);
      hits.sort((a, b) => b.c.weight - a.c.weight || byText(a.c.codes[0] ?? '', b.c.codes[0] ?? ''));
      const candidates: string[] = [];
      for (const h of hits) for (const c of h.c.codes) if (!candidates.includes(c)) candidates.push(c);
      return { code, candidates };
    },
    prefix(line: string): string[] {
      const message = messageOf(line);
      if (message.length > maxPrefixLength) return [];
      const lower = message.toLowerCase();
      const out: string[] = [];
      for (const c of compiled) {
        if (!c.lead || !lower.includes(c.lead)) continue;
        c.prefixRe ??= new RegExp(prefixSourceOf(c.segments, data.forms), 'i');
        if (c.prefixRe.test(message)) out.push(...c.codes);
      }
      return out.sort(byText);
    },
    containing(fragment: string): string[] {
      // A fragment pasted with its Apache prefix (`[wsgi:crit] Unable to ...`) is looked up without it.
      const needle = fold(messageOf(fragment)).replace(/^[\s"'`.,;:]+|[\s"'`.,;:]+$/g, '');
      if (needle.length < 3) return [];
      const out: string[] = [];
      for (const c of compiled) if (c.folded.includes(needle)) out.push(...c.codes);
      return out.sort();
    },
    lookup(code: string): { retired: boolean } | null {
      const upper = code.toUpperCase();
      return all.has(upper) ? { retired: retired.has(upper) } : null;
    }
  };
}

/**
 * Plain code-unit order. localeCompare would do for ASCII too, but its first
 * call in a browser sets up a collator: about 10 ms on the first keystroke.
 */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Longer messages are not tried as a prefix: a line cut short is a short line, and nested optional values must stay cheap. */
const maxPrefixLength = 600;

/** The first literal word (lower case) of a template, or '' when it has none. */
function leadOf(segments: readonly MessageSegment[]): string {
  const literal = literalRuns(segments).find((run) => /[a-z]/i.test(run)) ?? '';
  return (/[a-z][\w-]*/i.exec(literal)?.[0] ?? '').toLowerCase();
}

/** How a value is matched in a prefix: a quoted one stops at its closing quote. */
const prefixValuePatterns = { quoted: "[^']*", token: '\\S+', text: '.+?' } as const;

interface PrefixUnit {
  source: string;
  /** A composite placeholder's documented forms, each as a chain a line may stop inside. */
  partial?: string;
  words: number;
  chars: number;
}

/** Optional units nested so that each may only follow the one before it: `(?:a(?:b(?:c)?)?)?`. */
function nest(units: readonly PrefixUnit[]): string {
  return units.reduceRight((inner, u) => (u.partial ? `(?:${u.source}${inner}|${u.partial})?` : `(?:${u.source}${inner})?`), '');
}

/**
 * Segments cut into units a line may stop between: literal words and single
 * punctuation characters (after a closing quote, before a full stop), and
 * values. `value` gives a placeholder's pattern and, for one with documented
 * forms, the forms' own units.
 */
function prefixUnits(segments: readonly MessageSegment[], value: (s: Exclude<MessageSegment, string>, space: string) => PrefixUnit): PrefixUnit[] {
  const units: PrefixUnit[] = [];
  let space = '';
  let previous = '';
  for (const s of segments) {
    if (typeof s !== 'string') {
      units.push(value(s, space));
      space = '';
      previous = '';
      continue;
    }
    for (const part of s.split(/(\s+)/)) {
      if (!part) continue;
      if (/^\s+$/.test(part)) {
        space = previous.endsWith('-') ? '\\s*' : '\\s+';
        continue;
      }
      for (const piece of part.match(/[a-z0-9_]+|[^a-z0-9_]/gi) ?? []) {
        units.push({ source: space + escapeRegExp(piece), words: /[a-z]/i.test(piece) ? 1 : 0, chars: piece.length });
        space = '';
      }
      previous = part;
    }
  }
  return units;
}

/**
 * The regular expression for a line that is the start of a template: the
 * template cut into units, the first few required (three literal words or 16
 * literal characters, values before them included), each later one optional
 * and only after the one before it. A line may stop inside a composite
 * placeholder's documented form too (`... in daemon process 'sh`).
 */
function prefixSourceOf(segments: readonly MessageSegment[], forms: Readonly<Record<string, MessageSegment[][]>>): string {
  const inner = (s: Exclude<MessageSegment, string>, space: string): PrefixUnit => ({ source: space + prefixValuePatterns[s.shape], words: 0, chars: 0 });
  const units = prefixUnits(segments, (s, space) => {
    const list = forms[s.name];
    if (!list || list.length === 0) return inner(s, space);
    const chains = list.map((form) => prefixUnits(form, inner));
    const full = chains.map((c) => c.map((u) => u.source).join('')).join('|');
    const partial = chains.map((c) => `${(c[0] as PrefixUnit).source}${nest(c.slice(1))}`).join('|');
    return { source: `${space}(?:${full})`, partial: `${space}(?:${partial})\\s*$`, words: 0, chars: 0 };
  });
  let required = 0;
  let words = 0;
  let chars = 0;
  while (required < units.length && words < 3 && chars < 16) {
    const u = units[required++] as PrefixUnit;
    words += u.words;
    chars += u.chars;
  }
  return `^${units
    .slice(0, required)
    .map((u) => u.source)
    .join('')}${nest(units.slice(required))}\\s*$`;
}

/** How each shape of value is matched when its placeholder has no documented forms. */
const valuePatterns = { quoted: '.*?', token: '\\S+', text: '.+?' } as const;

/** The regular expression for a template: literal text, with values (and documented forms) for its placeholders. */
function sourceOf(segments: readonly MessageSegment[], forms: ReadonlyMap<string, string>): string {
  let pattern = '';
  segments.forEach((s, k) => {
    // A final full stop is often lost when a line is copied by hand.
    if (typeof s === 'string') pattern += k === segments.length - 1 && s.endsWith('.') ? `${literalPattern(s.slice(0, -1))}\\.?` : literalPattern(s);
    else pattern += forms.get(s.name) ?? valuePatterns[s.shape];
  });
  // Start at the message (after a prefix, a colon or a space); end at the
  // line's end, allowing Apache's `, referer: ...` suffix.
  return `(?:^|(?<=[\\s:\\]>)]))${pattern}\\s*(?:,\\s*referer:.*)?$`;
}

/** The two longest literal words of a template, and how much literal text it has. */
function prefilterOf(segments: readonly MessageSegment[]): Pick<Compiled, 'words' | 'weight'> {
  const literal = literalRuns(segments).join(' ');
  const words = [
    ...new Set(
      literal
        .toLowerCase()
        .split(/\s+/)
        .map((w) => w.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, ''))
        .filter((w) => w.length >= 3)
    )
  ]
    .sort((a, b) => b.length - a.length || byText(a, b))
    .slice(0, 2);
  return { words, weight: literal.replace(/\s+/g, '').length };
}

/** A documented form, e.g. `daemon process '<group>'`: inner placeholders match any value. */
function formPattern(form: readonly MessageSegment[]): string {
  let out = '';
  for (const s of form) out += typeof s === 'string' ? literalPattern(s) : s.shape === 'quoted' ? "[^']*" : '\\S+';
  return out;
}

/**
 * Literal text; whitespace is flexible because multi-line literals are joined
 * with spaces (a word broken after a hyphen, `Transfer- Encoding`, matches
 * `Transfer-Encoding` in a real log).
 */
function literalPattern(text: string): string {
  let out = '';
  for (const part of text.split(/(\s+)/)) {
    if (!part) continue;
    if (/^\s+$/.test(part)) out += out.endsWith('-') ? '\\s*' : '\\s+';
    else out += escapeRegExp(part);
  }
  return out;
}

/** Segments with whitespace runs as one space and none at either end; a text segment left empty goes. */
function collapse(segments: readonly MessageSegment[]): MessageSegment[] {
  const out: MessageSegment[] = [];
  segments.forEach((s, k) => {
    if (typeof s !== 'string') return void out.push(s);
    let text = s.replace(/\s+/g, ' ');
    if (k === 0) text = text.trimStart();
    if (k === segments.length - 1) text = text.trimEnd();
    if (text !== '') out.push(text);
  });
  return out;
}

function sanitise(line: string): string {
  // Control characters (binary pastes) become spaces; length is bounded.
  return line.slice(0, maxLineLength).replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** A log line's message: control characters and spacing cleaned up, length capped, Apache's and mod_wsgi's prefixes removed. */
export function messageOf(line: string): string {
  return stripPrefix(sanitise(line));
}

function stripPrefix(line: string): string {
  let rest = line;
  for (;;) {
    const re = prefixRes.find((r) => r.test(rest));
    if (!re) return rest.trim();
    rest = rest.replace(re, '');
  }
}

function fold(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').replace(/- /g, '-').trim();
}
