// The streaming core of `scan`: bytes in, one Hit per line that names or fits
// an entry. Memory stays flat whatever the input: one fixed working buffer
// holds the bytes being looked at plus the unfinished line carried over.
//
// The hot path never decodes a line it does not need. The buffer is viewed as
// a lower-cased latin1 string (one char per byte, so indices are byte
// offsets) and one prefilter expression finds the few lines worth a look;
// newlines are counted with Buffer#indexOf in native code. The working buffer
// is kept under V8's large-object size so these strings die young and cheap.
import { codeInLine, spelledCodeAt } from '../../model/code-syntax.js';
import { leadingGroups, maxLineLength } from '../../search/matcher.js';
import { logLineNear, nearCandidateLine, type NearHit, type NearMatcher } from '../../search/near.js';
import type { LineMatcher } from '../line-matcher.js';
import { apacheTime } from './apache-time.js';
import { buildPrefilter, normaliseLine, type Prefilter, type Template } from './prefilter.js';

export interface Hit {
  /** 1-based line number in the input. */
  line: number;
  /** The line as text (bad UTF-8 replaced by U+FFFD), without its line ending. */
  text: string;
  time: string | null;
  /** The line carries its code (`WSGI0030:`) rather than being matched by message. */
  tagged: boolean;
  /** The tagged code, or the entries the message fits, best first. */
  codes: string[];
}

/** A line mod_wsgi wrote that no message fits exactly, and the closest messages. */
export interface NearLine {
  line: number;
  text: string;
  time: string | null;
  /** Best first; never empty. */
  closest: NearHit[];
}

export interface ScannerOptions {
  matcher: LineMatcher;
  /** The logged-message templates the matcher knows (for the prefilter). */
  templates: readonly Template[];
  onHit(hit: Hit): void;
  /**
   * Near matches for the lines mod_wsgi wrote (nearCandidateLine) that no
   * message fits exactly, as releases before 6.0 write them. Only lines the
   * exact path already looked at or that hold `mod_wsgi` get this far, so a
   * log with none of them costs no more than before.
   */
  near?: { matcher: NearMatcher; onNear(line: NearLine): void };
  /**
   * Lines longer than this are cut to it for matching and printing (default
   * 32 KiB); a code is still looked for in the whole line.
   */
  maxLine?: number;
}

const newline = 0x0a;
/** Outside printable ASCII: such a line needs decoding and full normalising. */
const unusual = /[^\x20-\x7e]/;
const workSize = 120 * 1024;
/** Characters of cached messages kept before the cache starts afresh. */
const memoBudget = 4 * 1024 * 1024;
/** Closest messages kept for a near line. */
const nearListed = 3;
/** What makes a line reach the near step when no anchor does: mod_wsgi's prefix before 6.0. */
const nearMarker = 'mod_wsgi';
/** codeInLine's match, less its look-behind: `wsgi` at `at` of lower-cased text. */
const codeAt = new RegExp(spelledCodeAt, 'y');
/** Enough of the text before a piece for a code cut by the piece's start: the longest code and the character before it. */
const codeContext = 10;

/** Answers by key, kept until their keys come to `memoBudget` characters; then it starts afresh. */
class Memo<Value> {
  private readonly map = new Map<string, Value>();
  private chars = 0;

  /** The answer for `key`, made by `make` when it is not kept. */
  get(key: string, make: () => Value): Value {
    let found = this.map.get(key);
    if (found === undefined) {
      found = make();
      if (this.chars + key.length > memoBudget) {
        this.map.clear();
        this.chars = 0;
      }
      this.map.set(key, found);
      this.chars += key.length;
    }
    return found;
  }
}

export class LogScanner {
  /** Bytes seen so far. */
  bytes = 0;
  /** Lines seen so far (the last one counts once `end()` ran). */
  lines = 0;
  /** Lines that passed both prefilter stages and went to the matcher. */
  examined = 0;
  /** Of those, the ones the matcher really ran on (the others were cached). */
  matcherRuns = 0;
  /** Lines the near matcher ran on (the others were cached, or not mod_wsgi's). */
  nearRuns = 0;
  /**
   * The matcher's answers by message. It strips Apache's prefix before it
   * looks, so a message logged again with another time, pid or client gets
   * the same answer; logs repeat their messages a great deal.
   */
  private readonly memo = new Memo<string[]>();
  /** The near matcher's answers by message, numbers blanked (pids, times, sizes). */
  private readonly nearMemo = new Memo<NearHit[]>();
  private readonly work: Buffer;
  /** Bytes in `work`: the start of a line not yet ended, then new input. */
  private fill = 0;
  /**
   * Inside a line longer than maxLine: work holds its first maxLine bytes;
   * later bytes up to the next newline are only searched for a code.
   */
  private skipping = false;
  /** That line's first code, once found. */
  private longCode: string | null = null;
  /** The last bytes of it searched, lower-cased, for a code cut between two pieces. */
  private longTail = '';
  /** Lines in the region being looked at hold no code (an over-long line searched already). */
  private noCode = false;
  private readonly maxLine: number;
  /** Built from the first working buffer of input, which it is tuned to. */
  private prefilter: Prefilter | null = null;
  private pattern = /$^/g;
  /** Anchors found in the line being looked at (indices into the prefilter's list). */
  private readonly found: number[] = [];

  constructor(private readonly options: ScannerOptions) {
    this.maxLine = Math.min(options.maxLine ?? 32 * 1024, workSize / 2);
    this.work = Buffer.allocUnsafe(Math.max(workSize, 2 * this.maxLine));
  }

  /** Anchor words in use (0 before any input). */
  get anchors(): number {
    return this.prefilter?.anchors.length ?? 0;
  }

  private ready(): Prefilter {
    if (this.prefilter === null) {
      this.prefilter = buildPrefilter(this.options.templates, this.work.toString('latin1', 0, this.fill).toLowerCase(), this.options.near ? [nearMarker] : []);
      this.pattern = this.prefilter.pattern;
    }
    return this.prefilter;
  }

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    let at = 0;
    while (at < chunk.length) {
      if (this.skipping) {
        const nl = chunk.indexOf(newline, at);
        this.searchLong(chunk, at, nl === -1 ? chunk.length : nl, nl !== -1);
        if (nl === -1) return;
        this.endLong();
        at = nl + 1;
        continue;
      }
      const n = Math.min(this.work.length - this.fill, chunk.length - at);
      chunk.copy(this.work, this.fill, at, at + n);
      this.fill += n;
      at += n;
      // The first buffer-full is the sample the prefilter is tuned to.
      if (this.prefilter === null && this.fill < this.work.length) continue;
      this.ready();
      const last = this.work.lastIndexOf(newline, this.fill - 1);
      if (last !== -1) {
        this.region(last + 1);
        this.work.copyWithin(0, last + 1, this.fill);
        this.fill -= last + 1;
      }
      if (this.fill >= this.maxLine) this.startLong();
    }
  }

  /**
   * work[0, fill) is the start of a line already maxLine long: keep its first
   * maxLine bytes, and look for a code in all of it and in what follows.
   */
  private startLong(): void {
    this.skipping = true;
    this.longCode = null;
    this.longTail = '';
    this.searchLong(this.work, 0, this.fill, false);
    this.fill = this.maxLine;
  }

  /**
   * The next piece of an over-long line, buf[from, to); `last`: the line ends
   * there. Only the line's first code counts; a code at the end of a piece
   * waits for the next one to show it is not followed by a digit.
   */
  private searchLong(buf: Buffer, from: number, to: number, last: boolean): void {
    if (this.longCode !== null) return;
    const context = this.longTail.length;
    const text = this.longTail + buf.toString('latin1', from, to).toLowerCase();
    // A code wholly inside the carried context was judged with the piece before.
    let at = text.indexOf('wsgi', context > 0 ? 1 : 0);
    for (; at !== -1; at = text.indexOf('wsgi', at + 1)) {
      const before = at === 0 ? 0 : text.charCodeAt(at - 1);
      if ((before >= 0x61 && before <= 0x7a) || (before >= 0x30 && before <= 0x39)) continue;
      codeAt.lastIndex = at;
      const m = codeAt.exec(text);
      if (!m) continue;
      if (!last && codeAt.lastIndex === text.length) break;
      this.longCode = `WSGI${m[1] as string}`;
      return;
    }
    this.longTail = text.slice(-codeContext);
  }

  /** The over-long line ended: report it with its code if it has one, else match what was kept of it. */
  private endLong(): void {
    this.skipping = false;
    this.work[this.fill++] = newline;
    if (this.longCode !== null) {
      this.lines++;
      const text = this.work.toString('utf8', 0, this.maxLine);
      this.options.onHit({ line: this.lines, text, time: apacheTime(text), tagged: true, codes: [this.longCode] });
    } else {
      this.noCode = true;
      this.region(this.fill);
      this.noCode = false;
    }
    this.fill = 0;
    this.longCode = null;
    this.longTail = '';
  }

  /** The input ended: a last line without a newline still counts. */
  end(): void {
    this.ready();
    if (this.skipping) {
      this.searchLong(this.work, 0, 0, true);
      this.endLong();
    } else if (this.fill > 0) {
      if (this.work[this.fill - 1] !== newline) this.work[this.fill++] = newline;
      this.region(this.fill);
    }
    this.fill = 0;
  }

  /**
   * Lines in work[0, end): end is just past a newline. Every match of the
   * pattern is taken, overlapping ones too, so each line the pattern finds
   * comes with all the anchors in it.
   */
  private region(end: number): void {
    const buf = this.work;
    const lower = buf.toString('latin1', 0, end).toLowerCase();
    const re = this.pattern;
    const found = this.found;
    let counted = 0;
    let start = -1;
    let stop = -1;
    let code = false;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(lower)) !== null) {
      if (m.index > stop) {
        if (start !== -1) this.examine(buf, lower, start, stop, this.lines + 1, code);
        start = lower.lastIndexOf('\n', m.index) + 1;
        stop = lower.indexOf('\n', m.index);
        counted = this.countTo(buf, counted, start);
        found.length = 0;
        code = false;
      }
      const id = (this.prefilter as Prefilter).anchorOf(m[0]);
      if (id === -1) code = true;
      else if (id >= 0 && !found.includes(id)) found.push(id);
      re.lastIndex = m.index + 1;
    }
    if (start !== -1) this.examine(buf, lower, start, stop, this.lines + 1, code);
    this.countTo(buf, counted, end);
  }

  /** Count the newlines in buf[from, to) into `lines`; returns `to`. */
  private countTo(buf: Buffer, from: number, to: number): number {
    let n = 0;
    let at = buf.indexOf(newline, from);
    while (at !== -1 && at < to) {
      n++;
      at = buf.indexOf(newline, at + 1);
    }
    this.lines += n;
    return to;
  }

  /** One line the pattern found: buf[start, stop), `lower` being buf as lower-cased latin1. */
  private examine(buf: Buffer, lower: string, start: number, stop: number, line: number, code: boolean): void {
    let end = stop;
    if (end > start && lower.charCodeAt(end - 1) === 0x0d) end--;
    // Anchors found past the cut do not count: fall back to looking for all.
    let found: readonly number[] | null = this.found;
    if (end - start > this.maxLine) {
      end = start + this.maxLine;
      found = null;
    }
    const raw = lower.slice(start, end);
    if (code) {
      // In the whole line: a code past the cut counts too. An over-long line
      // that ran past the working buffer was searched as it went by.
      const tag = this.noCode ? null : codeInLine.exec(end < stop ? lower.slice(start, stop) : raw);
      if (tag) {
        const text = buf.toString('utf8', start, end);
        this.options.onHit({ line, text, time: apacheTime(text), tagged: true, codes: [`WSGI${tag[1] as string}`] });
        return;
      }
      // A rough code match may hide an anchor starting at the same place.
      found = null;
    }
    const prefilter = this.prefilter as Prefilter;
    let text: string | null = null;
    let passed: boolean;
    if (!unusual.test(raw)) {
      // For printable ASCII, normalising is collapsing runs of spaces (Apache
      // pads the day of the month with one): no decoding yet.
      passed = prefilter.piecesMatch(raw.includes('  ') ? raw.replace(/ {2,}/g, ' ') : raw, found);
    } else {
      // Runs hold spaces, and whitespace outside ASCII is whitespace to the
      // matcher: from here on, the decoded text.
      passed = prefilter.wordsMatch(raw, found) && prefilter.piecesMatch(normaliseLine((text = buf.toString('utf8', start, end))), found);
    }
    if (passed) {
      text ??= buf.toString('utf8', start, end);
      this.examined++;
      const candidates = this.candidates(text);
      if (candidates.length > 0) return this.options.onHit({ line, text, time: apacheTime(text), tagged: false, codes: candidates });
    }
    // No message fits: a line mod_wsgi wrote may still be close to one.
    const near = this.options.near;
    if (!near || !nearCandidateLine(raw)) return;
    text ??= buf.toString('utf8', start, end);
    const closest = this.closest(near.matcher, text);
    if (closest.length > 0) near.onNear({ line, text, time: apacheTime(text), closest });
  }

  private closest(matcher: NearMatcher, text: string): NearHit[] {
    // Numbers blanked: the same message with another pid, time or size has the same answer.
    const key = text.replace(leadingGroups, '').replace(/\d+/g, '0');
    return this.nearMemo.get(key, () => {
      this.nearRuns++;
      return logLineNear(matcher, text, nearListed);
    });
  }

  private candidates(text: string): string[] {
    // The matcher cuts longer lines, prefix included: no safe key for those.
    if (text.length > maxLineLength) return this.run(text);
    return this.memo.get(text.replace(leadingGroups, ''), () => this.run(text));
  }

  private run(text: string): string[] {
    this.matcherRuns++;
    return this.options.matcher.match(text).candidates;
  }
}
