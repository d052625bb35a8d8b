// How a scan is written out: for people (text) or for programs (JSON Lines:
// one object per matched line as it is found, then one summary object, so a
// scan of any size streams and `jq` can read it line by line).
import type { Reference } from '../reference.js';
import type { Style } from '../terminal.js';
import type { Hit } from './scanner.js';
import type { CodeCount, Seen, Summary } from './summary.js';

export interface ScanTotals {
  input: string;
  bytes: number;
  lines: number;
}

export interface ScanReport {
  hit(hit: Hit): string;
  summary(summary: Summary, totals: ScanTotals): string;
}

export interface EntryFacts {
  code: string;
  /** In this reference at all (a newer mod_wsgi may log codes it lacks). */
  known: boolean;
  retired: boolean;
  severity: string | null;
  title: string | null;
  url: string | null;
}

export function factsOf(code: string, reference: Reference): EntryFacts {
  const e = reference.entries.get(code);
  if (!e) return { code, known: false, retired: false, severity: null, title: null, url: null };
  return { code, known: true, retired: e.retired, severity: e.severity, title: e.retired ? null : e.title, url: reference.urlOf(code) };
}

export function jsonReport(reference: Reference): ScanReport {
  const seen = (s: Seen) => ({ line: s.line, time: s.time });
  return {
    hit: (h) => JSON.stringify({ type: 'match', line: h.line, time: h.time, tagged: h.tagged, ambiguous: h.codes.length > 1, entries: h.codes.map((c) => factsOf(c, reference)), text: h.text }) + '\n',
    summary: (s, t) =>
      JSON.stringify({
        type: 'summary',
        input: t.input,
        bytes: t.bytes,
        lines: t.lines,
        matched: s.matched,
        tagged: s.tagged,
        untagged: s.untagged,
        ambiguous: s.ambiguous,
        codes: s.rows().map((r) => ({ codes: r.codes, count: r.count, first: seen(r.first), last: seen(r.last) }))
      }) + '\n'
  };
}

export function textReport(reference: Reference, style: Style): ScanReport {
  const describe = (f: EntryFacts): string => {
    if (!f.known) return `${style.bold(f.code)}  not in this reference (a newer mod_wsgi?)`;
    if (f.retired) return `${style.bold(f.code)}  retired  ${f.url}`;
    const sev = f.severity ?? '-';
    return `${style.bold(f.code)}  ${style.severity(sev.padEnd(7), f.severity)}  ${f.title}  ${style.dim(f.url ?? '')}`;
  };
  return {
    hit(h) {
      const facts = h.codes.map((c) => factsOf(c, reference));
      const head = `${style.dim(`line ${h.line}:`)} ${h.text}\n`;
      if (facts.length === 1) return `${head}  -> ${describe(facts[0] as EntryFacts)}\n`;
      return `${head}  -> same message, one of ${facts.length}:\n${facts.map((f) => `     ${describe(f)}\n`).join('')}`;
    },
    summary(s, t) {
      const where = t.input === '-' ? 'standard input' : t.input;
      const parts = [`${s.tagged} with a code`, `${s.untagged} by message`];
      if (s.ambiguous > 0) parts.push(`${s.ambiguous} of them ambiguous`);
      const head = `Scanned ${count(t.lines)} line${t.lines === 1 ? '' : 's'} (${megabytes(t.bytes)}) of ${where}: ${count(s.matched)} matched` + (s.matched > 0 ? ` (${parts.join(', ')}).` : '.');
      if (s.matched === 0) return `${head}\n`;
      return `\n${style.bold(head)}\n\n${table(s.rows(), reference, style)}`;
    }
  };
}

const count = (n: number) => n.toLocaleString('en-GB');
const megabytes = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} kB` : `${n} bytes`);
const seenText = (s: Seen) => s.time ?? `line ${s.line}`;

function table(rows: readonly CodeCount[], reference: Reference, style: Style): string {
  const cells = rows.map((r) => {
    const facts = r.codes.map((c) => factsOf(c, reference));
    const severities = [...new Set(facts.map((f) => (f.retired ? 'retired' : (f.severity ?? '?'))))];
    const title = facts.length > 1 ? 'same message, ambiguous' : facts[0]?.known ? (facts[0].title ?? 'retired') : 'not in this reference';
    return [r.codes.join(' or '), severities.join('/'), count(r.count), seenText(r.first), seenText(r.last), title];
  });
  const header = ['code', 'severity', 'count', 'first seen', 'last seen', 'title'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => (i === 2 ? v.padStart(widths[i] as number) : i === c.length - 1 ? v : v.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [style.bold(line(header)), ...cells.map(line)].join('\n') + '\n';
}
