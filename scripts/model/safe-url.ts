// The one rule for what may reach an `href` or `src` (DESIGN.md, "Bad input"):
// http, https and mailto URLs, relative paths and fragments. Anything with
// another scheme (javascript:, data:, vbscript:, file:, ...) is refused by the
// model as a fatal `unsafe-url` diagnostic, in the docs and in runbooks alike.

const allowedSchemes = new Set(['http', 'https', 'mailto']);

/**
 * Whether a URL is safe to emit. Browsers drop ASCII tab and newline anywhere
 * in a URL and trim leading C0 controls and spaces before reading the scheme
 * (WHATWG URL parser), so `java\tscript:` and ` javascript:` count as
 * `javascript:` here too.
 */
export function isSafeUrl(url: string): boolean {
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/[\t\n\r]/g, '').replace(/^[\x00-\x20]+/, '');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  // No scheme: a relative path, a query or a fragment. `//host` is
  // protocol-relative: it keeps the page's own http(s) scheme.
  if (!scheme) return true;
  return allowedSchemes.has((scheme[1] as string).toLowerCase());
}

export const unsafeUrlReason = (url: string): string =>
  `URL \`${url.length > 60 ? url.slice(0, 57) + '...' : url}\` is not allowed: only http, https, mailto, relative paths and fragments may be linked`;
