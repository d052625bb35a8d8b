// The docs' diagnostics as the dev overlay shows them: file:line:column, rule
// id, message and the source line they point at. Plain JSON, sent to the page.
import type { VFile } from 'vfile';

export interface DevDiagnostic {
  /** As the terminal's report names it: the docs folder as given, then the file. */
  file: string;
  line: number;
  column: number;
  ruleId: string;
  message: string;
  fatal: boolean;
  /** The line the message points at, as written (cut at 500 characters), or null when there is none. */
  source: string | null;
}

export function devDiagnostics(files: readonly VFile[]): DevDiagnostic[] {
  const out: DevDiagnostic[] = [];
  for (const f of files) {
    if (f.messages.length === 0) continue;
    const lines = String(f.value ?? '').split(/\r\n|\r|\n/);
    for (const m of f.messages) {
      const line = m.line ?? 1;
      const source = m.line ? (lines[m.line - 1] ?? null) : null;
      out.push({ file: f.path ?? '', line, column: m.column ?? 1, ruleId: m.ruleId ?? 'unknown', message: m.reason, fatal: m.fatal === true, source: source === null ? null : source.slice(0, 500) });
    }
  }
  // Errors first, then by place, as the reader fixes them.
  return out.sort((a, b) => Number(b.fatal) - Number(a.fatal) || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}
