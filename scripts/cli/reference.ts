// What the tool knows about the codes, whichever way it was loaded: the text
// form of each entry (as in /errors.json) and how to print its URL.
import type { ErrorJson } from '../model/to-json.js';
import { entryPath } from '../render/urls.js';
import type { LineMatcher } from './line-matcher.js';

/** An entry of /errors.json, less what a terminal does not show. */
export type CliEntry = Omit<ErrorJson, 'references' | 'referencedBy' | 'place' | 'loggedMessage'> & {
  loggedMessage: Pick<NonNullable<ErrorJson['loggedMessage']>, 'template' | 'segments' | 'notes'> | null;
};

/** Where the site is served: printed URLs are origin + base path + page path. */
export interface SiteAddress {
  /** `https://docs.example.org`, or '' to print paths. */
  origin: string;
  /** `/` or `/prefix/`. */
  base: string;
}

export interface Reference {
  /** Where the entries came from, for messages: `_site/errors.json`, `content`. */
  where: string;
  /** Built from this project's sample in content/ rather than mod_wsgi's docs. */
  sample: boolean;
  entries: ReadonlyMap<string, CliEntry>;
  /** Every code, in order. */
  codes: readonly string[];
  urlOf(code: string): string;
  /** The log-line matcher; loaded on demand because only `scan` needs it. */
  matcher(): Promise<LineMatcher>;
}

/** `https://host` + `/prefix/` + `errors/WSGI0030/`; without an origin, the path alone. */
export function urlMaker(site: SiteAddress): (code: string) => string {
  return (code) => `${site.origin}${site.base}${entryPath({ kind: 'error', code })}`;
}

export function referenceOf(where: string, sample: boolean, list: readonly CliEntry[], site: SiteAddress, matcher: () => Promise<LineMatcher>): Reference {
  const entries = new Map(list.map((e) => [e.code, e]));
  return { where, sample, entries, codes: [...entries.keys()].sort(), urlOf: urlMaker(site), matcher };
}
