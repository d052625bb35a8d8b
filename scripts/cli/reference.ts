// What the tool knows about the codes, whichever way it was loaded: the text
// form of each entry (as in /errors.json) and how to print its URL.
import type { ErrorJson } from '../model/to-json.js';
import { entryPath } from '../render/urls.js';
import type { LineMatcher } from './line-matcher.js';

/** An entry of /errors.json, less what a terminal does not show. */
export type CliEntry = Omit<ErrorJson, 'references' | 'referencedBy' | 'place' | 'loggedMessage'> & {
  loggedMessage: Pick<NonNullable<ErrorJson['loggedMessage']>, 'template' | 'notes'> | null;
};

export interface Reference {
  /** Where the entries came from, for messages: `_site/errors.json`. */
  origin: string;
  entries: ReadonlyMap<string, CliEntry>;
  /** Every code, in order. */
  codes: readonly string[];
  urlOf(code: string): string;
  /** The log-line matcher; loaded on demand because only `scan` needs it. */
  matcher(): Promise<LineMatcher>;
}

/** `https://host/prefix` + `/errors/WSGI0030/`, or just the path without a site URL. */
export function urlMaker(siteUrl: string): (code: string) => string {
  const prefix = siteUrl.replace(/\/+$/, '');
  return (code) => `${prefix}/${entryPath({ kind: 'error', code })}`;
}

export function referenceOf(origin: string, list: readonly CliEntry[], siteUrl: string, matcher: () => Promise<LineMatcher>): Reference {
  const entries = new Map(list.map((e) => [e.code, e]));
  return { origin, entries, codes: [...entries.keys()].sort(), urlOf: urlMaker(siteUrl), matcher };
}
