// How a scan is written out: for people (text) or for programs (JSON Lines:
// one object per matched line as it is found, then one summary object, so a
// scan of any size streams and `jq` can read it line by line).
//
// Near matches (lines mod_wsgi wrote that no message fits exactly, as older
// releases write them) are never mixed with exact ones: in JSON they are
// objects of their own type with a score; in text they get their own section
// after the exact hits and their own table after the exact one.
import { markShared, type NearHit } from '../../search/near.js';
import type { Reference } from '../reference.js';
import type { Style } from '../terminal.js';
import type { Hit, NearLine } from './scanner.js';
import type { CodeCount, Seen, Summary } from './summary.js';

export interface ScanTotals {
  input: string;
  bytes: number;
  lines: number;
}

export interface ScanReport {
  hit(hit: Hit): string;
  /** A near line as it is found: what to write now (text keeps it for nearSection). */
  near(line: NearLine): string;
  /** After the last line: the near lines kept for their own section ('' for none, and in JSON). */
  nearSection(): string;
  /** `near`: the near lines counted by their closest entry. */
  summary(summary: Summary, totals: ScanTotals, near: Summary): string;
}

/** Near lines a text report lists (the rest are counted in the summary): memory stays flat. */
export const nearShown = 200;

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
  const rows = (s: Summary) => s.rows().map((r) => ({ codes: r.codes, count: r.count, first: seen(r.first), last: seen(r.last) }));
  return {
    hit: (h) => JSON.stringify({ type: 'match', line: h.line, time: h.time, tagged: h.tagged, ambiguous: h.codes.length > 1, entries: h.codes.map((c) => factsOf(c, reference)), text: h.text }) + '\n',
    near: (n) =>
      JSON.stringify({
        type: 'near',
        line: n.line,
        time: n.time,
        score: (n.closest[0] as NearLine['closest'][number]).score,
        closest: n.closest.map((c) => ({ score: c.score, shared: sharedWords(c, reference), entries: c.codes.map((code) => factsOf(code, reference)) })),
        text: n.text
      }) + '\n',
    nearSection: () => '',
    summary: (s, t, near) =>
      JSON.stringify({
        type: 'summary',
        input: t.input,
        bytes: t.bytes,
        lines: t.lines,
        matched: s.matched,
        tagged: s.tagged,
        untagged: s.untagged,
        ambiguous: s.ambiguous,
        codes: rows(s),
        near: near.matched,
        nearCodes: rows(near)
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
  const kept: string[] = [];
  let nearLines = 0;
  return {
    hit(h) {
      const facts = h.codes.map((c) => factsOf(c, reference));
      const head = `${style.dim(`line ${h.line}:`)} ${h.text}\n`;
      if (facts.length === 1) return `${head}  -> ${describe(facts[0] as EntryFacts)}\n`;
      return `${head}  -> same message, one of ${facts.length}:\n${facts.map((f) => `     ${describe(f)}\n`).join('')}`;
    },
    near(n) {
      nearLines++;
      if (kept.length >= nearShown) return '';
      const [best, ...others] = n.closest as [NearLine['closest'][number], ...NearLine['closest']];
      const score = (x: number) => x.toFixed(2);
      let out = `${style.dim(`line ${n.line}:`)} ${n.text}\n`;
      best.codes.forEach((c, i) => (out += `  ${i === 0 ? '~>' : '  '} ${describe(factsOf(c, reference))}  ${style.dim(`(score ${score(best.score)})`)}\n`));
      if (others.length > 0) out += `     ${style.dim(`or ${others.map((o) => `${o.codes.join('/')} (${score(o.score)})`).join(', ')}`)}\n`;
      kept.push(out);
      return '';
    },
    nearSection() {
      if (nearLines === 0) return '';
      const more = nearLines - kept.length;
      const tail = more > 0 ? `... and ${count(more)} more near line${more === 1 ? '' : 's'} (counted below)\n` : '';
      return `\n${style.bold('No exact match; closest messages (lines mod_wsgi wrote, as releases before 6.0 word them):')}\n\n${kept.join('')}${tail}`;
    },
    summary(s, t, near) {
      const where = t.input === '-' ? 'standard input' : t.input;
      const parts = [`${s.tagged} with a code`, `${s.untagged} by message`];
      if (s.ambiguous > 0) parts.push(`${s.ambiguous} of them ambiguous`);
      const nearPart = near.matched > 0 ? `; ${count(near.matched)} near (no message fits exactly)` : '';
      const head = `Scanned ${count(t.lines)} line${t.lines === 1 ? '' : 's'} (${megabytes(t.bytes)}) of ${where}: ${count(s.matched)} matched` + (s.matched > 0 ? ` (${parts.join(', ')})` : '') + `${nearPart}.`;
      if (s.matched === 0 && near.matched === 0) return `${head}\n`;
      const exact = s.matched > 0 ? `\n${table(s.rows(), reference, style)}` : '';
      const closest = near.matched > 0 ? `\n${style.bold('Near matches by closest entry (not exact):')}\n${table(near.rows(), reference, style)}` : '';
      return `\n${style.bold(head)}\n${exact}${closest}`;
    }
  };
}

/** The words of the entry's logged message the line shares, as the message writes them. */
function sharedWords(hit: NearHit, reference: Reference): string[] {
  const segments = reference.entries.get(hit.codes[0] ?? '')?.loggedMessage?.segments;
  return segments ? markShared(segments, hit.shared).flatMap((p) => (p.mark ? [p.text] : [])) : [];
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
