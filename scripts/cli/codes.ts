// Reading a code the way people type it, and suggesting codes that exist.
import { codeNumber, parseCode } from '../model/code-syntax.js';

/** `WSGI0030`, `wsgi0030`, `wsgi-0030`, `0030`, `30`, `WSGI0030:` -> `WSGI0030`; null when it is no code. */
export function normaliseCode(input: string): string | null {
  return parseCode(input, { shortDigits: true });
}

/** Up to `count` existing codes closest in number to `code`, in order. */
export function nearestCodes(code: string, codes: readonly string[], count = 3): string[] {
  const n = codeNumber(code);
  return [...codes]
    .sort((a, b) => Math.abs(codeNumber(a) - n) - Math.abs(codeNumber(b) - n) || (a < b ? -1 : 1))
    .slice(0, count)
    .sort();
}
