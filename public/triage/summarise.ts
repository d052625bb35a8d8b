// The triage page's summary of a pasted log excerpt or a dropped log file:
// what `wsgi-errors scan` gives, without Node. Each line is read as scan reads
// it: a line carrying a code (`WSGI0030:`) counts under that code, any other
// line goes to the same log-line matcher the search box uses, and the rest are
// the lines nothing matched. Counts by code, with first and last time, come
// from scan's own Summary. Pure (no DOM, no Node API): the page's worker runs
// it, and the unit tests run it in Node (test/triage/summarise.test.ts).
import { Summary, type CodeCount, type Seen } from '../../scripts/cli/scan/summary.js';
import { codeOfLine } from '../../scripts/model/code-syntax.js';
import { apacheTime } from '../../scripts/search/apache-time.js';
import type { SearchEntry, SearchRunbook } from '../../scripts/search/entries.js';
import { leadingGroups, type Matcher } from '../../scripts/search/matcher.js';
import { logLineNear, nearCandidateLine, type NearMatcher } from '../../scripts/search/near.js';

/**
 * Near matches: lines close to a documented message without fitting it (an
 * older release's wording), and the codes they are probably logged as: the
 * page gives scripts/search/near.ts's matcher (nearFinderOf); without one,
 * `near` is null and no line is a near match. Only lines mod_wsgi wrote
 * (`nearCandidateLine`, as scan decides it) are given to it.
 */
export type NearFinder = (line: string) => readonly string[];

/**
 * The near matcher's best message for a line mod_wsgi wrote, as a
 * NearFinder: the rule and the threshold scan uses (scripts/search/near.ts).
 */
export function nearFinderOf(near: NearMatcher): NearFinder {
  return (line) => logLineNear(near, line, 1)[0]?.codes ?? [];
}

export interface TriageOptions {
  near?: NearFinder | null;
  /** Unmatched lines kept to show (the rest are only counted). Default 100. */
  keepUnmatched?: number;
}

export interface Line {
  /** 1-based, counting blank lines too, as in the pasted text or file. */
  line: number;
  text: string;
}

/** How the lines of a paste were counted. */
export interface TriageCounts {
  /** Lines read, blank ones included. */
  lines: number;
  blank: number;
  matched: number;
  tagged: number;
  untagged: number;
  ambiguous: number;
}

export interface TriageResult extends TriageCounts {
  /** Matched lines counted by code (or by the candidates of a shared message), in code order. */
  rows: CodeCount[];
  /** Null when there is no near matcher. */
  near: { lines: number; rows: (CodeCount & { example: Line })[] } | null;
  unmatched: { count: number; shown: Line[] };
}

/** A line shown is cut here: a log line is rarely this long, and a pasted blob stays cheap to show. */
export const shownLength = 1000;
/** Cached answers by message; logs repeat their messages a great deal. */
const memoEntries = 20_000;

export class Triage {
  private readonly summary = new Summary();
  private readonly nearSummary = new Summary();
  private readonly examples = new Map<string, Line>();
  private readonly unmatched: Line[] = [];
  private unmatchedCount = 0;
  private nearLines = 0;
  private carry = '';
  private lineNo = 0;
  private blank = 0;
  private readonly memo = new Map<string, readonly string[]>();
  private readonly near: NearFinder | null;
  private readonly keep: number;

  constructor(
    private readonly matcher: Matcher,
    options: TriageOptions = {}
  ) {
    this.near = options.near ?? null;
    this.keep = options.keepUnmatched ?? 100;
  }

  /** Lines read so far. */
  get lines(): number {
    return this.lineNo;
  }

  /** More text; a line cut at the end waits for the next piece (or `end`). */
  push(text: string): void {
    const parts = (this.carry + text).split('\n');
    this.carry = parts.pop() ?? '';
    for (const part of parts) this.line(part);
  }

  end(): TriageResult {
    if (this.carry !== '') this.line(this.carry);
    this.carry = '';
    const s = this.summary;
    return {
      lines: this.lineNo,
      blank: this.blank,
      matched: s.matched,
      tagged: s.tagged,
      untagged: s.untagged,
      ambiguous: s.ambiguous,
      rows: s.rows(),
      near: this.near ? { lines: this.nearLines, rows: this.nearSummary.rows().map((r) => ({ ...r, example: this.examples.get(r.codes.join(' ')) as Line })) } : null,
      unmatched: { count: this.unmatchedCount, shown: this.unmatched }
    };
  }

  private line(raw: string): void {
    const line = ++this.lineNo;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') {
      this.blank++;
      return;
    }
    const time = apacheTime(text.trimStart());
    const code = codeOfLine(text);
    if (code) return this.summary.add({ line, text, time, tagged: true, codes: [code] });
    const candidates = this.candidates(text);
    if (candidates.length > 0) return this.summary.add({ line, text, time, tagged: false, codes: [...candidates] });
    const near = this.near && nearCandidateLine(text) ? this.near(text) : [];
    if (near.length > 0) {
      this.nearLines++;
      const key = near.join(' ');
      if (!this.examples.has(key)) this.examples.set(key, { line, text: cut(text) });
      return this.nearSummary.add({ line, text, time, tagged: false, codes: [...near] });
    }
    this.unmatchedCount++;
    if (this.unmatched.length < this.keep) this.unmatched.push({ line, text: cut(text) });
  }

  private candidates(text: string): readonly string[] {
    const key = text.replace(leadingGroups, '');
    let found = this.memo.get(key);
    if (found === undefined) {
      found = this.matcher.match(text).candidates;
      if (this.memo.size >= memoEntries) this.memo.clear();
      this.memo.set(key, found);
    }
    return found;
  }
}

/** The whole of a text at once. */
export function triage(text: string, matcher: Matcher, options: TriageOptions = {}): TriageResult {
  const t = new Triage(matcher, options);
  t.push(text);
  return t.end();
}

const cut = (text: string) => (text.length > shownLength ? `${text.slice(0, shownLength)}…` : text);

// ---- what the page shows ----------------------------------------------------

export interface CodeFacts {
  code: string;
  /** In this reference at all (a newer mod_wsgi may log codes it lacks). */
  known: boolean;
  retired: boolean;
  severity: string | null;
  title: string | null;
  /** Path below the base path; null when unknown. */
  path: string | null;
}

export interface RowView {
  codes: CodeFacts[];
  /** `CRIT`, `ERR/WARNING` for a shared message of two levels, `retired`, or `?`. */
  severity: string;
  /** The entry's title, or what stands for it (as scan's table says it). */
  title: string;
  count: number;
  first: Seen;
  last: Seen;
  /** Runbooks covering any of the codes, each once. */
  runbooks: SearchRunbook[];
  /** A near match's first line. */
  example?: Line;
}

export interface TriageView extends TriageCounts {
  rows: RowView[];
  near: { lines: number; rows: RowView[] } | null;
  unmatched: { count: number; shown: Line[] };
}

export function factsOf(code: string, entries: ReadonlyMap<string, SearchEntry>): CodeFacts {
  const e = entries.get(code);
  if (!e) return { code, known: false, retired: false, severity: null, title: null, path: null };
  return { code, known: true, retired: e.retired, severity: e.severity, title: e.title, path: e.path };
}

export function rowView(row: CodeCount & { example?: Line }, entries: ReadonlyMap<string, SearchEntry>): RowView {
  const codes = row.codes.map((c) => factsOf(c, entries));
  const severity = [...new Set(codes.map((f) => (f.retired ? 'retired' : (f.severity ?? '?'))))].join('/');
  const only = codes[0];
  const title = codes.length > 1 ? 'Same message, one of these codes' : !only?.known ? 'Not in this reference (a newer mod_wsgi?)' : only.retired ? 'Retired' : (only.title ?? '');
  const runbooks = new Map<string, SearchRunbook>();
  for (const c of row.codes) for (const r of entries.get(c)?.runbooks ?? []) runbooks.set(r.path, r);
  const view: RowView = { codes, severity, title, count: row.count, first: row.first, last: row.last, runbooks: [...runbooks.values()] };
  if (row.example) view.example = row.example;
  return view;
}

export function viewOf(result: TriageResult, entries: ReadonlyMap<string, SearchEntry>): TriageView {
  return {
    ...result,
    rows: result.rows.map((r) => rowView(r, entries)),
    near: result.near ? { lines: result.near.lines, rows: result.near.rows.map((r) => rowView(r, entries)) } : null
  };
}

const count = (n: number) => n.toLocaleString('en-GB');
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** One sentence for the live region: what was read and what it came to. */
export function summarySentence(view: TriageView): string {
  const read = view.lines - view.blank;
  if (read === 0) return 'No log lines to summarise.';
  const codes = new Set(view.rows.flatMap((r) => r.codes.map((c) => c.code))).size;
  const parts = [view.matched === 0 ? 'none matched an error code' : `${count(view.matched)} matched ${plural(codes, 'code')}`];
  if (view.near && view.near.lines > 0) parts.push(`${plural(view.near.lines, 'near match', 'near matches')}`);
  parts.push(`${plural(view.unmatched.count, 'line')} matched nothing`);
  return `Summarised ${plural(read, 'line')}: ${parts.join(', ')}.`;
}

/** When a line was seen: its Apache time, else its line number. */
export function seenText(seen: Seen): string {
  return seen.time ?? `line ${seen.line}`;
}
