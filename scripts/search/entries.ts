// What the search box shows for a code it found without Pagefind (a code, a
// log line, a message fragment): code, title, severity, status and source
// file. Shipped beside the matcher as a compact JSON file, since every byte
// counts on a first query.
import type { ErrorView } from '../site/views.js';

export interface SearchEntry {
  code: string;
  title: string;
  severity: string | null;
  retired: boolean;
  /** The C source file that logs the code (the `source` filter). */
  source: string | null;
  /** Path below the base path: `errors/WSGI0117/`. */
  path: string;
}

/** [code, title, severity or '', 1 when retired else 0, index into `sources` or -1] */
export type PackedEntry = [string, string, string, 0 | 1, number];

export interface SearchEntries {
  version: 1;
  /** Every code page lives at `<errorsPath><code>/`. */
  errorsPath: string;
  sources: string[];
  errors: PackedEntry[];
}

export function packEntries(errors: readonly ErrorView[]): SearchEntries {
  const errorsPath = 'errors/';
  const sources = [...new Set(errors.map((e) => e.entry.source).filter((s): s is string => s !== null))].sort();
  const packed = errors.map((e): PackedEntry => {
    if (e.path !== `${errorsPath}${e.entry.code}/`) throw new Error(`search entries: ${e.entry.code} lives at ${e.path}, not under ${errorsPath}`);
    return [e.entry.code, e.entry.title, e.entry.severity ?? '', e.entry.retired ? 1 : 0, e.entry.source ? sources.indexOf(e.entry.source) : -1];
  });
  return { version: 1, errorsPath, sources, errors: packed };
}

export function unpackEntries(data: SearchEntries): SearchEntry[] {
  return data.errors.map(([code, title, severity, retired, source]) => ({
    code,
    title,
    severity: severity || null,
    retired: retired === 1,
    source: data.sources[source] ?? null,
    path: `${data.errorsPath}${code}/`
  }));
}
