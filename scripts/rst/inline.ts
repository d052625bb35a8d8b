// Inline markup: ``literal``, *emphasis*, **strong**, roles, references,
// standalone URLs and backslash escapes, following docutils' recognition rules
// (start-strings after whitespace or opening punctuation, end-strings before
// whitespace or closing punctuation), so `a*b` and `snake_case` stay text.
//
// One pass over the paragraph, linear in its length: runs of plain text are
// copied whole, and the search for each kind of end-string remembers its last
// answer, so a paragraph full of unclosed `*` or `` ` `` is not rescanned
// once per start-string.
import type { Point, Position } from 'unist';
import { type Line, lineAt, pointAt } from './lines.js';
import type { RstInline, RstText } from './types.js';
import { knownRoles } from './types.js';
import type { Report } from './report.js';

const startBefore = /[\s'"([{<\-/:‘“«—–‐‑‒\u00a0]/u;
const endAfter = /[\s'")\]}>\-/:.,;!?\\’”»—–‐‑‒\u00a0]/u;
const space = /\s/;
// Hoisted: a regular expression literal makes a new object each time it is evaluated.
const escapedSpace = /\\(\s)/g;
const escapedChar = /\\(.)/g;
const spaceRun = /\s+/g;
const trailingPunctuation = /[.,;:!?'")\]]+$/;
const bareName = /^[A-Za-z][\w-]*$/;
const schemeLike = /^\w+:/;
const squashRun = (run: string): string => (run.includes('\n') ? ' ' : run);

/** The line starts of every one-line source (never written to). */
const oneLine: number[] = [0];

/** A paragraph's lines joined with '\n', and the way back to the file. */
export class Source {
  readonly text: string;
  private readonly starts: number[];
  /** lines[first..] are the paragraph's: a paragraph is read in place, not copied out of its block. */
  private readonly first: number;

  constructor(
    private readonly lines: readonly Line[],
    from = 0,
    to = lines.length
  ) {
    this.first = from;
    if (to - from === 1) {
      this.starts = oneLine;
    } else {
      this.starts = [];
      let at = 0;
      for (let k = from; k < to; k++) {
        this.starts.push(at);
        at += (lines[k] as Line).text.length + 1;
      }
    }
    // One flat string (join), not a chain of concatenations that regular expressions would flatten again.
    this.text = to - from === 1 ? (lines[from] as Line).text : joinTexts(lines, from, to);
  }

  /** Map a string index to a file point. */
  point(index: number): Point {
    const starts = this.starts;
    const lo = lineAt(starts, index);
    const line = this.lines[this.first + lo] as Line;
    // An index on a joining '\n' belongs to the end of the previous line.
    return pointAt(line, Math.min(index - (starts[lo] as number), line.text.length));
  }
}

function joinTexts(lines: readonly Line[], from: number, to: number): string {
  const texts: string[] = new Array(to - from);
  for (let k = from; k < to; k++) texts[k - from] = (lines[k] as Line).text;
  return texts.join('\n');
}

export function joinLines(lines: readonly Line[], from = 0, to = lines.length): Source {
  return new Source(lines, from, to);
}

function isSpace(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  return code > 127 && space.test(c);
}

function canStart(s: string, i: number): boolean {
  if (i === 0) return true;
  const prev = s.charCodeAt(i - 1);
  // Letters and digits are the common case and never open markup.
  if ((prev >= 48 && prev <= 57) || (prev >= 65 && prev <= 90) || (prev >= 97 && prev <= 122)) return false;
  return startBefore.test(s[i - 1] as string);
}

function canEnd(s: string, k: number): boolean {
  if (k >= s.length) return true;
  return endAfter.test(s[k] as string);
}

function isEscaped(s: string, j: number): boolean {
  let n = 0;
  for (let k = j - 1; k >= 0 && s[k] === '\\'; k -= 1) n += 1;
  return n % 2 === 1;
}

function isAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Remove backslash escapes from text taken from inside markup. */
function unescape(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(escapedSpace, '').replace(escapedChar, '$1');
}

/** Whitespace runs that cross a line break become one space (`\s*\n\s*` backtracks on long runs). */
function squash(s: string): string {
  if (!s.includes('\n')) return s;
  return s.replace(spaceRun, squashRun);
}

/**
 * `title <target>` as in docutils' embedded URIs and aliases. Written out by
 * hand: the regular expression it replaces backtracked quadratically on long
 * runs of spaces.
 */
export function splitEmbedded(content: string): { title: string; target: string } | null {
  if (!content.endsWith('>')) return null;
  const lt = content.lastIndexOf('<', content.length - 2);
  if (lt < 0 || lt > content.length - 3) return null;
  const target = content.slice(lt + 1, -1);
  if (target.includes('>')) return null;
  return { title: content.slice(0, lt).trimEnd(), target };
}

const roleOpen = /^:([A-Za-z][\w.+-]*(?::[A-Za-z][\w.+-]*)*):`/;
const wordRef = /^[A-Za-z0-9]+(?:[-._+:][A-Za-z0-9]+)*(__?)/;
/**
 * Sticky twins, tried in place at an index instead of on a copied window of
 * the text. A match that fits the window is the match the window would give
 * (neither has a lookahead or an anchor at its end); a longer one is retried
 * on the window itself.
 */
const roleOpenAt = /:([A-Za-z][\w.+-]*(?::[A-Za-z][\w.+-]*)*):`/y;
const wordRefAt = /[A-Za-z0-9]+(?:[-._+:][A-Za-z0-9]+)*(__?)/y;

function execAt(sticky: RegExp, anchored: RegExp, s: string, i: number, window: number): RegExpExecArray | null {
  sticky.lastIndex = i;
  const m = sticky.exec(s);
  if (m === null || m[0].length <= window) return m;
  return anchored.exec(s.slice(i, i + window));
}
const url = /^(?:https?:\/\/|ftp:\/\/|mailto:)[^\s<>"`]+/;
/**
 * Characters where markup could start or be near: escapes, start-strings, and
 * the `_` or joiner after a word (a `Name_` reference) or the `:` of a URL
 * scheme, which send the scan back to the start of that word. Whatever lies
 * before the next one is plain text.
 */
const candidate = /[\\`:*|_.+-]/g;

/**
 * The last search for each kind of end-string: where it started and what it
 * found (-1: none). Whether a place can end markup depends only on the text
 * around it, not on where the search began, so the last answer also answers
 * every later search that starts before it. Shared by all scans (one runs at
 * a time, start to finish) so a paragraph costs no allocation for them.
 */
const searchFrom = new Int32Array(6);
const searchFound = new Int32Array(6);

/** `end` not escaped (when `escapes`), not after whitespace, with a legal follower. */
function endFinder(end: string, escapes: boolean): (s: string, from: number) => number {
  return (s, from) => {
    let j = from;
    for (;;) {
      j = s.indexOf(end, j);
      if (j < 0) return -1;
      const escaped = escapes && isEscaped(s, j);
      if (!escaped && !isSpace(s[j - 1] ?? ' ') && canEnd(s, j + end.length)) return j;
      j += 1;
    }
  };
}

function findBacktickEnd(s: string, from: number): number {
  let j = from;
  for (;;) {
    j = s.indexOf('`', j);
    if (j < 0) return -1;
    if (!isEscaped(s, j) && !isSpace(s[j - 1] ?? ' ')) {
      const after = j + 1;
      if (canEnd(s, after) || s[after] === '_' || s[after] === ':') return j;
    }
    j += 1;
  }
}

/**
 * A lone `*`: pairs of stars are skipped two at a time, as `**strong**` inside.
 * Searches start just after `*x`, never inside a run of stars, so the pairing
 * (and with it the reuse of answers in InlineScan.endOf) does not depend on where they start.
 */
function findEmphasisEnd(s: string, from: number): number {
  let j = from;
  for (;;) {
    j = s.indexOf('*', j);
    if (j < 0) return -1;
    if (s[j + 1] === '*') {
      j += 2;
      continue;
    }
    if (!isEscaped(s, j) && !isSpace(s[j - 1] ?? ' ') && canEnd(s, j + 1)) return j;
    j += 1;
  }
}

const EndKind = { literal: 0, strong: 1, backtick: 2, emphasis: 3, bar: 4, role: 5 } as const;
type EndKind = (typeof EndKind)[keyof typeof EndKind];

type Finder = (s: string, from: number) => number;
const finders: readonly [Finder, Finder, Finder, Finder, Finder, Finder] = [
  endFinder('``', false),
  endFinder('**', true),
  findBacktickEnd,
  findEmphasisEnd,
  endFinder('|', true),
  // Roles close on a backtick too, but escapes count there.
  endFinder('`', true)
];

/** The state of one paragraph's scan. A class, so no closures are made per paragraph. */
class InlineScan {
  readonly s: string;
  readonly out: RstInline[] = [];
  /**
   * Pending text: `buf`, then the source slice [from, to). Plain text is a
   * slice of the paragraph nearly always, so it is cut once when flushed
   * rather than glued together piece by piece.
   */
  buf = '';
  from = 0;
  to = 0;
  bufStart = 0;
  /** Bit k set: this scan has searched for end-string kind k, so searchFrom/searchFound[k] are its own. */
  private searched = 0;

  constructor(
    readonly src: Source,
    readonly report: Report
  ) {
    this.s = src.text;
  }

  endOf(kind: EndKind, from: number): number {
    const bit = 1 << kind;
    if ((this.searched & bit) === 0) {
      this.searched |= bit;
      searchFrom[kind] = -1;
      searchFound[kind] = -1;
    }
    const last = searchFrom[kind] as number;
    const found = searchFound[kind] as number;
    if (last >= 0 && from >= last && (found < 0 || from <= found)) return found;
    const next = finders[kind](this.s, from);
    searchFrom[kind] = from;
    searchFound[kind] = next;
    return next;
  }

  pos(a: number, b: number): Position {
    return { start: this.src.point(a), end: this.src.point(b) };
  }

  flush(at: number): void {
    const value = this.to > this.from ? this.buf + this.s.slice(this.from, this.to) : this.buf;
    if (value !== '') this.out.push({ type: 'text', value, position: this.pos(this.bufStart, at) });
    this.buf = '';
    this.from = this.to = 0;
    this.bufStart = at;
  }

  text(a: number, b: number, value: string): RstText {
    return { type: 'text', value, position: this.pos(a, b) };
  }

  warnUnknownRole(name: string, at: number): void {
    if (!knownRoles.has(name)) this.report.warn('unknown-role', `Unknown interpreted text role \`${name}\`, kept as text`, this.src.point(at));
  }

  /** Markup that may start at `i` (a legal start position); the index after it, or -1. */
  markup(i: number): number {
    const s = this.s;
    const c = s[i] as string;

    // ``literal``
    if (c === '`' && s[i + 1] === '`' && s[i + 2] !== undefined && !isSpace(s[i + 2])) {
      const j = this.endOf(EndKind.literal, i + 3);
      if (j > 0) {
        this.flush(i);
        this.out.push({ type: 'inlineCode', value: squash(s.slice(i + 2, j)), position: this.pos(i, j + 2) });
        return j + 2;
      }
      this.report.warn('unclosed-inline', 'Inline literal start-string without end-string', this.src.point(i));
      this.append(i, i + 2);
      return i + 2;
    }

    // :role:`content`
    if (c === ':') {
      const role = execAt(roleOpenAt, roleOpen, s, i, 80);
      if (role) {
        const open = i + role[0].length;
        const j = this.endOf(EndKind.role, open);
        if (j > open) {
          this.flush(i);
          const name = role[1] as string;
          const content = squash(s.slice(open, j));
          const m = splitEmbedded(content);
          this.out.push({
            type: 'role',
            name,
            title: m && m.title ? unescape(m.title) : null,
            target: unescape(m ? m.target : content).trim(),
            position: this.pos(i, j + 1)
          });
          this.warnUnknownRole(name, i);
          return j + 1;
        }
      }
      return -1;
    }

    // `text`_, `text`__, `text <url>`_, `text`:role:, `text`
    if (c === '`') {
      if (s[i + 1] === undefined || s[i + 1] === '`' || isSpace(s[i + 1])) return -1;
      const j = this.endOf(EndKind.backtick, i + 1);
      if (j > i + 1) return this.interpreted(i, j);
      this.report.warn('unclosed-inline', 'Interpreted text or reference start-string without end-string', this.src.point(i));
      return -1;
    }

    if (c === '*') {
      // **strong**
      if (s[i + 1] === '*') {
        if (s[i + 2] === undefined || s[i + 2] === '*' || isSpace(s[i + 2])) return -1;
        const j = this.endOf(EndKind.strong, i + 3);
        if (j > 0) {
          this.flush(i);
          this.out.push({ type: 'strong', children: [this.text(i + 2, j, unescape(squash(s.slice(i + 2, j))))], position: this.pos(i, j + 2) });
          return j + 2;
        }
        this.report.warn('unclosed-inline', 'Strong start-string without end-string', this.src.point(i));
        this.append(i, i + 2);
        return i + 2;
      }
      // *emphasis*
      if (s[i + 1] === undefined || isSpace(s[i + 1])) return -1;
      const j = this.endOf(EndKind.emphasis, i + 2);
      if (j > 0) {
        this.flush(i);
        this.out.push({ type: 'emphasis', children: [this.text(i + 1, j, unescape(squash(s.slice(i + 1, j))))], position: this.pos(i, j + 1) });
        return j + 1;
      }
      this.report.warn('unclosed-inline', 'Emphasis start-string without end-string', this.src.point(i));
      return -1;
    }

    // |substitution|
    if (c === '|') {
      if (s[i + 1] === undefined || s[i + 1] === '|' || isSpace(s[i + 1])) return -1;
      const j = this.endOf(EndKind.bar, i + 2);
      if (j > 0 && !s.slice(i + 1, j).includes('\n')) {
        this.flush(i);
        const name = s.slice(i + 1, j);
        this.out.push({ type: 'substitutionReference', name, position: this.pos(i, j + 1) });
        this.report.warn('unknown-substitution', `Substitution |${name}| is not supported; shown as text`, this.src.point(i));
        return j + 1;
      }
      return -1;
    }

    // standalone URL
    if ((c === 'h' || c === 'f' || c === 'm') && (s.startsWith('http', i) || s.startsWith('ftp://', i) || s.startsWith('mailto:', i))) {
      const u = url.exec(s.slice(i, i + 2048));
      if (u) {
        const value = u[0].replace(trailingPunctuation, '');
        this.flush(i);
        this.out.push({ type: 'link', url: value, children: [this.text(i, i + value.length, value)], position: this.pos(i, i + value.length) });
        return i + value.length;
      }
    }

    // Name_ / Name__: only worth trying when a `_` ends the run of words and joiners.
    let end = i + 1;
    let underscore = false;
    for (; end < s.length && end < i + 200; end++) {
      const k = s.charCodeAt(end);
      if (k === 95 /* _ */) {
        underscore = true;
        break;
      }
      if (!isAlnum(k) && k !== 45 && k !== 46 && k !== 43 && k !== 58) break;
    }
    if (underscore) {
      const w = execAt(wordRefAt, wordRef, s, i, 200);
      if (w && canEnd(s, i + w[0].length)) {
        const anonymous = w[1] === '__';
        const name = w[0].slice(0, -(w[1] as string).length);
        this.flush(i);
        this.out.push({
          type: 'reference',
          text: name,
          refname: anonymous ? null : normaliseName(name),
          url: null,
          anonymous,
          position: this.pos(i, i + w[0].length)
        });
        return i + w[0].length;
      }
    }
    return -1;
  }

  /** `text` followed by `_`, `__`, `:role:` or nothing; j is the closing backtick. */
  interpreted(i: number, j: number): number {
    const s = this.s;
    this.flush(i);
    const content = squash(s.slice(i + 1, j));
    let k = j + 1;
    if (s[k] === '_') {
      const anonymous = s[k + 1] === '_';
      k += anonymous ? 2 : 1;
      const m = splitEmbedded(content);
      const shown = unescape(m && m.title ? m.title : m && !bareName.test(m.target.trim()) ? m.target : content);
      let refname: string | null = null;
      let target: string | null = null;
      // `<Directory>`_ alone is docutils' embedded-URI form, but a bare word is
      // no URI: the docs mean the target named `<Directory>`, so resolve it by name.
      const bracketedName = m !== null && m.title === '' && !anonymous && bareName.test(m.target.trim());
      if (bracketedName) {
        refname = normaliseName(content);
      } else if (m) {
        const inner = m.target.trim();
        if (inner.endsWith('_') && !schemeLike.test(inner)) refname = normaliseName(inner.slice(0, -1));
        else target = inner.replace(spaceRun, '');
      } else if (!anonymous) {
        refname = normaliseName(shown);
      }
      this.out.push({ type: 'reference', text: shown, refname, url: target, anonymous, position: this.pos(i, k) });
      return k;
    }
    const suffix = s[k] === ':' ? roleOpen.exec(s.slice(k, k + 80).replace(/`$/, '') + '`') : null;
    if (suffix) {
      const name = suffix[1] as string;
      k += name.length + 2;
      this.out.push({ type: 'role', name, title: null, target: unescape(content), position: this.pos(i, k) });
      this.warnUnknownRole(name, i);
      return k;
    }
    this.out.push({ type: 'role', name: '', title: null, target: unescape(content), position: this.pos(i, k) });
    return k;
  }

  run(): RstInline[] {
    const s = this.s;
    let i = 0;
    while (i < s.length) {
      candidate.lastIndex = i;
      // test, not exec: no match object per candidate (the pattern is one character long).
      const q = candidate.test(s) ? candidate.lastIndex - 1 : s.length;
      const code = s.charCodeAt(q);
      if (code === 92 || code === 96 || code === 42 || code === 124) {
        this.append(i, q);
        i = this.step(q);
        continue;
      }
      // A joiner, `_` or `:` (or the end): the word before it may be a reference or a URL.
      let word = q;
      while (word > i && isAlnum(s.charCodeAt(word - 1))) word -= 1;
      if (word < q) {
        this.append(i, word);
        if (canStart(s, word)) {
          const after = this.markup(word);
          if (after >= 0) {
            i = after;
            continue;
          }
        }
        // The word is text, and so is what follows it: nothing starts right after a letter.
        const to = Math.min(q + 1, s.length);
        this.append(word, to);
        i = to;
        continue;
      }
      this.append(i, q);
      if (q < s.length) i = this.step(q);
      else i = q;
    }
    this.flush(s.length);
    return mergeText(this.out);
  }

  empty(): boolean {
    return this.buf === '' && this.to === this.from;
  }

  /** The source text from a to b, as it stands. */
  append(a: number, b: number): void {
    if (b <= a) return;
    if (this.to === this.from) {
      if (this.buf === '') this.bufStart = a;
      this.from = a;
      this.to = b;
    } else if (this.to === a) {
      this.to = b;
    } else {
      this.buf += this.s.slice(this.from, this.to);
      this.from = a;
      this.to = b;
    }
  }

  /** Text that is not a slice of the source (an escaped character). */
  appendText(text: string): void {
    if (this.to > this.from) {
      this.buf += this.s.slice(this.from, this.to);
      this.from = this.to = 0;
    }
    this.buf += text;
  }

  /** Read what starts at `i`; the index after it. */
  step(i: number): number {
    const s = this.s;
    const code = s.charCodeAt(i);
    if (this.empty()) this.bufStart = i;
    if (code === 92 /* \ */) {
      const next = s[i + 1];
      if (next === undefined) return i + 1;
      if (!isSpace(next)) this.appendText(next);
      return i + 2;
    }
    const alnum = isAlnum(code);
    if ((alnum || code === 96 || code === 58 || code === 42 || code === 124) && canStart(s, i)) {
      const after = this.markup(i);
      if (after >= 0) return after;
    }
    if (alnum) {
      // Markup cannot start inside a word: take the rest of it as text.
      let end = i + 1;
      while (end < s.length && isAlnum(s.charCodeAt(end))) end += 1;
      this.append(i, end);
      return end;
    }
    this.append(i, i + 1);
    return i + 1;
  }
}

/** The inline content of lines[from..to). */
export function parseInline(lines: readonly Line[], report: Report, from = 0, to = lines.length): RstInline[] {
  return new InlineScan(joinLines(lines, from, to), report).run();
}

/** Reference names are case-insensitive with whitespace collapsed (docutils). */
export function normaliseName(name: string): string {
  if (isNormalName(name)) return name;
  const trimmed = name.trim();
  return (needsSquash.test(trimmed) ? trimmed.replace(spaceRun, ' ') : trimmed).toLowerCase();
}

/** Whitespace that `replace(/\s+/g, ' ')` would change: a run of two, or one that is not a plain space. */
const needsSquash = /\s\s|[^\S ]/;

/**
 * Already normal, so the trim/replace/lower-case chain would give it back
 * unchanged: ASCII without capitals or control whitespace, single inner spaces.
 */
function isNormalName(name: string): boolean {
  const n = name.length;
  if (n === 0) return true;
  if (name.charCodeAt(0) === 32 || name.charCodeAt(n - 1) === 32) return false;
  for (let k = 0; k < n; k++) {
    const c = name.charCodeAt(k);
    if (c > 127 || (c >= 65 && c <= 90) || (c >= 9 && c <= 13)) return false;
    if (c === 32 && name.charCodeAt(k + 1) === 32) return false;
  }
  return true;
}

/** Glue neighbouring text nodes together, in place. */
function mergeText(nodes: RstInline[]): RstInline[] {
  let kept = 0;
  for (let k = 0; k < nodes.length; k++) {
    const n = nodes[k] as RstInline;
    const prev = kept > 0 ? nodes[kept - 1] : undefined;
    if (n.type === 'text' && prev && prev.type === 'text') {
      prev.value += n.value;
      prev.position = { start: prev.position.start, end: n.position.end };
    } else {
      nodes[kept] = n;
      kept += 1;
    }
  }
  nodes.length = kept;
  return nodes;
}
