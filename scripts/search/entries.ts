// What the search box shows for a code it found without Pagefind (a code, a
// log line, a message fragment): code, title, severity, status and source
// file; and, for the triage page's table, the runbooks that cover each code.
// Shipped beside the matcher as a compact JSON file, since every byte counts
// on a first query.
import type { ErrorView, RunbookView } from '../site/views.js';

export interface SearchRunbook {
  title: string;
  /** Path below the base path: `runbooks/daemon-socket-503/`. */
  path: string;
}

export interface SearchEntry {
  code: string;
  title: string;
  severity: string | null;
  retired: boolean;
  /** The C source file that logs the code (the `source` filter). */
  source: string | null;
  /** Path below the base path: `errors/WSGI0117/`. */
  path: string;
  /** Runbooks that mention the code, in the order of the runbooks list. */
  runbooks: SearchRunbook[];
}

/** [code, title, severity or '', 1 when retired else 0, index into `sources` or -1, indices into `runbooks` (only when there are some)] */
export type PackedEntry = [string, string, string, 0 | 1, number] | [string, string, string, 0 | 1, number, number[]];

export interface SearchEntries {
  version: 1;
  /** Every code page lives at `<errorsPath><code>/`. */
  errorsPath: string;
  sources: string[];
  /** [path below the base, title] of each runbook that mentions a code (absent in files written before runbooks were carried). */
  runbooks?: [string, string][];
  errors: PackedEntry[];
}

export function packEntries(errors: readonly ErrorView[], runbookViews: readonly RunbookView[] = []): SearchEntries {
  const errorsPath = 'errors/';
  const sources = [...new Set(errors.map((e) => e.entry.source).filter((s): s is string => s !== null))].sort();
  const runbooks = runbookViews.filter((r) => r.errors.length > 0);
  const covering = new Map<string, number[]>();
  runbooks.forEach((r, k) => {
    for (const e of r.errors) if (!covering.get(e.label)?.push(k)) covering.set(e.label, [k]);
  });
  const packed = errors.map((e): PackedEntry => {
    if (e.path !== `${errorsPath}${e.entry.code}/`) throw new Error(`search entries: ${e.entry.code} lives at ${e.path}, not under ${errorsPath}`);
    const card: PackedEntry = [e.entry.code, e.entry.title, e.entry.severity ?? '', e.entry.retired ? 1 : 0, e.entry.source ? sources.indexOf(e.entry.source) : -1];
    const covered = covering.get(e.entry.code);
    return covered ? [...card, covered] : card;
  });
  return { version: 1, errorsPath, sources, ...(runbooks.length ? { runbooks: runbooks.map((r): [string, string] => [r.path, r.entry.title]) } : {}), errors: packed };
}

export function unpackEntries(data: SearchEntries): SearchEntry[] {
  const runbooks = (data.runbooks ?? []).map(([path, title]) => ({ path, title }));
  return data.errors.map(([code, title, severity, retired, source, covered]) => ({
    code,
    title,
    severity: severity || null,
    retired: retired === 1,
    source: data.sources[source] ?? null,
    path: `${data.errorsPath}${code}/`,
    runbooks: (covered ?? []).flatMap((k) => runbooks[k] ?? [])
  }));
}
