// Reading a code the way people type it, and suggesting codes that exist.

/** `WSGI0030`, `wsgi0030`, `0030`, `30`, `WSGI0030:` -> `WSGI0030`; null when it is no code. */
export function normaliseCode(input: string): string | null {
  const m = /^(?:wsgi)?(\d{1,4})[:.,]?$/i.exec(input.trim());
  return m ? `WSGI${(m[1] as string).padStart(4, '0')}` : null;
}

/** Up to `count` existing codes closest in number to `code`, in order. */
export function nearestCodes(code: string, codes: readonly string[], count = 3): string[] {
  const n = Number(code.slice(4));
  return [...codes]
    .sort((a, b) => Math.abs(Number(a.slice(4)) - n) - Math.abs(Number(b.slice(4)) - n) || (a < b ? -1 : 1))
    .slice(0, count)
    .sort();
}
