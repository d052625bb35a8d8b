// Code syntax, in one place: what a code is (`WSGI0030`), how one is written
// out, and the spellings logs and people use for it (`wsgi0030`, `WSGI-0030`,
// `wsgi_0030`, `WSGI 0030`, `0030`, `117`). Every stage that reads or writes a
// code takes its test, its parse or its regular-expression source from here;
// the scanner and the prefilter compile their own fast forms of these sources.
// No Node or DOM API: the browser bundles import it too, and keep only the
// expressions they use (each is made by a call marked pure, from parts).

/** A regular expression from source parts; pure, so a bundle drops those it does not use. */
const re = (flags: string, ...parts: string[]): RegExp => new RegExp(parts.join(''), flags);

/** The canonical code, as a regular-expression source: `WSGI` and four digits. */
export const codeSource = 'WSGI\\d{4}';

/** Exactly a canonical code. Not global: `test` keeps no state. */
export const codePattern = /* @__PURE__ */ re('', '^', codeSource, '$');

export function isCode(text: string): boolean {
  return codePattern.test(text);
}

/** 30 -> `WSGI0030`. */
export function formatCode(n: number | string): string {
  return `WSGI${String(n).padStart(4, '0')}`;
}

/** `WSGI0030` -> 30. */
export function codeNumber(code: string): number {
  return Number(code.slice(4));
}

const anyCode = /* @__PURE__ */ re('', codeSource);

/** The first canonical code written in a text (a diagnostic's message), or null. */
export function firstCode(text: string): string | null {
  return anyCode.exec(text)?.[0] ?? null;
}

/**
 * Codes and directive names where the docs and runbooks mention them
 * (`WSGI0030`, `WSGISocketPrefix`). Global and shared: set `lastIndex` to 0
 * before an `exec` or `test` loop.
 */
export const mentionPattern = /* @__PURE__ */ re('g', '\\b(?:', codeSource, '|WSGI[A-Z][A-Za-z]+)\\b');

// ---- spellings --------------------------------------------------------------
// Sources for the `i` flag (or lower-cased text).

/** `wsgi` as logs and people write it before the digits: then `-`, `_`, a space or nothing. */
export const spelledPrefix = 'wsgi[-_ ]?';

/** A spelled code, rough: no group and no look-around (for the scanner's pass over every byte). */
export const spelledCode = spelledPrefix + '\\d{4}';

/** A spelled code whose digits (group 1) are not followed by a fifth: `wsgi0030` at a given place (with the `y` flag). */
export const spelledCodeAt = spelledPrefix + '(\\d{4})(?!\\d)';

/** A spelled code in a log line, not the tail of a longer word (`xwsgi0030`); group 1 holds the digits. */
export const codeInLine = /* @__PURE__ */ re('i', '(?<![a-z0-9])', spelledCodeAt);

/** The code a log line carries, canonical, or null. */
export function codeOfLine(line: string): string | null {
  const m = codeInLine.exec(line);
  return m ? formatCode(m[1] as string) : null;
}

/** A spelled code and the colon after it, anywhere in a pasted line: what leaves a query before its words go to full-text search. */
export const spelledCodeWithColon = /* @__PURE__ */ re('gi', spelledCode, '\\b:?');

/** Mod_wsgi's own tag at the start of a message: `WSGI0030:` (any case). */
export const leadingCode = /* @__PURE__ */ re('i', '^\\s*', codeSource, '\\b:?');

const around = '[^\\p{L}\\p{N}]*';
/** Group 1: digits after `wsgi`; group 2: bare digits. */
const typedCode = (bareDigits: string) => re('iu', '^', around, '(?:', spelledPrefix, '(\\d{1,4})|(', bareDigits, '))', around, '$');
const typed = { four: /* @__PURE__ */ typedCode('\\d{4}'), short: /* @__PURE__ */ typedCode('\\d{1,4}') };

/**
 * A code as a person types it, alone but for punctuation around it: `WSGI0030`,
 * `wsgi30`, `WSGI-0030`, `wsgi_0030`, `(WSGI0030).`, `0030`; canonical, or
 * null. Bare digits count only at four (`0030`, not `30`: a search box reads
 * that as text) unless `shortDigits` (a command line, where `117` can only be
 * a code).
 */
export function parseCode(input: string, options: { shortDigits?: boolean } = {}): string | null {
  const m = (options.shortDigits ? typed.short : typed.four).exec(input);
  return m ? formatCode((m[1] ?? m[2]) as string) : null;
}

/**
 * A code as typed in the search box: what parseCode reads (`WSGI0117`,
 * `wsgi117`, `WSGI117`, `0117`), and bare digits shorter than four (`117`)
 * too when `allocated` says that code exists (`999` stays text). Canonical,
 * or null.
 */
export function parseQueryCode(input: string, allocated: (code: string) => boolean): string | null {
  const code = parseCode(input);
  if (code) return code;
  const short = parseCode(input, { shortDigits: true });
  return short && allocated(short) ? short : null;
}

/** A code being typed, not finished yet: `w`, `wsg`, `WSGI01`, `wsgi-`, `01` (spelledPrefix, one letter at a time). */
const partial = /^(?:w(?:s(?:g(?:i[-_ ]?\d{0,4})?)?)?|\d+)$/i;

export function isPartialCode(text: string): boolean {
  return partial.test(text);
}

const inText = { four: /* @__PURE__ */ re('i', spelledPrefix, '(\\d{4})'), short: /* @__PURE__ */ re('i', spelledPrefix, '(\\d{1,4})(?!\\d)') };

/** A spelled code anywhere in a text (a query, an address); digits 1-4 unless `fourDigits`. Returns it canonical, or null. */
export function codeInText(text: string, options: { fourDigits?: boolean } = {}): string | null {
  const m = (options.fourDigits ? inText.four : inText.short).exec(text);
  return m ? formatCode(m[1] as string) : null;
}

/** A site address naming a code page (`/errors/WSGI0030/`, `../errors/wsgi0030`); group 1 is the code as written. */
export const codePageAddress = /* @__PURE__ */ re('i', '(?:^|/)errors/(', codeSource, ')/?(?:index\\.html)?(?:[?#].*)?$');

/** An error page's title with its code in front: `WSGI0030: ` (cut off where the code is shown apart). */
export const codeTitlePrefix = /* @__PURE__ */ re('', '^', codeSource, ': ');
