// Reading built pages for the built-site tests: a real HTML parser
// (htmlparser2, which Eleventy already brings) so that links, ids and
// injected elements are seen as a browser would tokenise them, never by
// pattern-matching on the markup.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Document, Element } from 'domhandler';
import { findAll, getAttributeValue, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';

export type { Element } from 'domhandler';

export interface Page {
  /** Path of the file below the site folder, with `/`: `errors/WSGI0030/index.html`. */
  rel: string;
  /** The URL path the page is served at, base path included: `/mod_wsgi/errors/WSGI0030/`. */
  url: string;
  source: string;
  doc: Document;
}

/** Every file below a folder, relative, with `/`, sorted. */
export function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((p) => statSync(path.join(dir, p)).isFile())
    .map((p) => p.split(path.sep).join('/'))
    .sort();
}

export function htmlFiles(dir: string): string[] {
  return filesBelow(dir).filter((p) => p.endsWith('.html'));
}

/** The URL path a static host serves a file at (folders for index.html). */
export function urlOf(rel: string, base: string): string {
  return base + (rel === 'index.html' ? '' : rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel);
}

export function loadPage(site: string, rel: string, base = '/'): Page {
  const source = readFileSync(path.join(site, rel), 'utf8');
  return { rel, url: urlOf(rel, base), source, doc: parseDocument(source) };
}

/** Elements of a page, optionally by tag name, in document order. */
export function elements(page: Page | Element, tag?: string): Element[] {
  const root = 'doc' in page ? page.doc.children : page.children;
  return findAll((el) => tag === undefined || el.name === tag, root);
}

export function attr(el: Element, name: string): string | undefined {
  return getAttributeValue(el, name);
}

export function text(el: Element | Element[]): string {
  return textContent(el).replace(/\s+/g, ' ').trim();
}

export function byId(page: Page, id: string): Element | undefined {
  return elements(page).find((el) => el.attribs['id'] === id);
}

export function ids(page: Page): Set<string> {
  return new Set(elements(page).flatMap((el) => (el.attribs['id'] !== undefined ? [el.attribs['id']] : [])));
}

export function hasClass(el: Element, name: string): boolean {
  return (el.attribs['class'] ?? '').split(/\s+/).includes(name);
}

/** Elements carrying a class, optionally limited to a tag. */
export function withClass(page: Page | Element, name: string, tag?: string): Element[] {
  return elements(page, tag).filter((el) => hasClass(el, name));
}

/** The URL-bearing attributes the crawl follows. */
export const urlAttributes: Record<string, string[]> = {
  a: ['href'],
  link: ['href'],
  script: ['src'],
  img: ['src'],
  source: ['src'],
  iframe: ['src'],
  form: ['action'],
  area: ['href']
};

export interface Link {
  from: string;
  tag: string;
  attribute: string;
  value: string;
}

/** Every URL a page points at: attributes above plus a meta refresh target. */
export function linksOf(page: Page): Link[] {
  const out: Link[] = [];
  for (const el of elements(page)) {
    for (const attribute of urlAttributes[el.name] ?? []) {
      const value = el.attribs[attribute];
      if (value !== undefined) out.push({ from: page.rel, tag: el.name, attribute, value });
    }
    if (el.name === 'meta' && (el.attribs['http-equiv'] ?? '').toLowerCase() === 'refresh') {
      const m = /url=(.*)$/i.exec(el.attribs['content'] ?? '');
      if (m?.[1]) out.push({ from: page.rel, tag: 'meta', attribute: 'refresh', value: m[1].trim() });
    }
  }
  return out;
}

const siteOrigin = 'http://site.invalid';

export type Resolution =
  | { kind: 'external'; url: URL }
  | { kind: 'internal'; file: string | null; fragment: string; path: string; problem?: string }
  | { kind: 'other' };

/**
 * Where a link from `page` lands inside a site served under `base`: the file a
 * static host would answer with (null when none), and the fragment.
 */
export function resolveLink(site: string, base: string, page: Page, value: string): Resolution {
  if (/^(mailto|tel|javascript|data):/i.test(value)) return { kind: 'other' };
  const url = new URL(value, siteOrigin + page.url);
  if (url.origin !== siteOrigin) return { kind: 'external', url };
  const fragment = decodeURIComponent(url.hash.slice(1));
  const pathname = decodeURIComponent(url.pathname);
  if (!pathname.startsWith(base)) return { kind: 'internal', file: null, fragment, path: pathname, problem: `outside the base path ${base}` };
  const rel = pathname.slice(base.length);
  const candidate = rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
  const full = path.join(site, candidate);
  const info = statSync(full, { throwIfNoEntry: false });
  if (info?.isFile()) return { kind: 'internal', file: candidate, fragment, path: pathname };
  if (info?.isDirectory()) return { kind: 'internal', file: null, fragment, path: pathname, problem: 'a folder without its trailing slash' };
  return { kind: 'internal', file: null, fragment, path: pathname, problem: 'no such file' };
}

/** The `<html>` element (every built page has one). */
export function htmlElement(page: Page): Element {
  const el = elements(page, 'html')[0];
  if (!el) throw new Error(`${page.rel} has no <html> element`);
  return el;
}

/** Where a redirect page sends the reader (path below the base), if it is one. */
export function redirectOf(page: Page): string | undefined {
  return attr(htmlElement(page), 'data-redirect');
}
