// The timestamp Apache puts first on an error log line:
// `[Sat Nov 21 19:54:23.643276 2026]` (2.4, microseconds) or without them (2.2).
// Pure: `wsgi-errors scan` and the triage page (public/triage/) both read it.
const stamp = /^\[([A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?:\.\d{1,6})? \d{4})\]/;

export function apacheTime(line: string): string | null {
  const m = stamp.exec(line);
  return m ? (m[1] as string) : null;
}
