// Permanence: lowercase aliases and the old Sphinx URLs lead to the canonical
// pages. redirect.js carries the #fragment; a meta refresh works without it.
import { h } from 'hastscript';
import type { Views } from '../scripts/site/views.js';
import { page } from './lib/layout.js';

export interface Redirect {
  /** Path below the base of the page written. */
  from: string;
  /** Path below the base to go to. */
  to: string;
  title: string;
  /** The old one-page reference, whose #wsgiNNNN fragments name codes. */
  codes: boolean;
}

export function redirectsOf(views: Views): Redirect[] {
  const out: Redirect[] = [
    { from: 'error-reference.html', to: 'errors/', title: 'Error reference', codes: true },
    { from: 'configuration.html', to: 'directives/', title: 'Configuration directives', codes: false }
  ];
  for (const e of views.errors) out.push({ from: `errors/${e.entry.code.toLowerCase()}/index.html`, to: e.path, title: e.entry.code, codes: false });
  for (const d of views.directives) {
    out.push({ from: `${d.entry.docPath}.html`, to: d.path, title: d.entry.name, codes: false });
    if (d.entry.name.toLowerCase() !== d.entry.name) out.push({ from: `directives/${d.entry.name.toLowerCase()}/index.html`, to: d.path, title: d.entry.name, codes: false });
  }
  return out;
}

interface Data {
  views: Views;
  item: Redirect;
}

export const data = {
  pagination: { data: 'redirects', size: 1, alias: 'item' },
  permalink: (d: Data) => d.item.from,
  eleventyExcludeFromCollections: true
};

export function render({ views, item }: Data): string {
  const base = views.config.base;
  const main = [
    h('h1', `${item.title} has moved`),
    h('p', ['This page now lives at ', h('a', { href: base + item.to, id: 'redirect-target' }, base + item.to), '.'])
  ];
  if (item.codes) {
    // Without JavaScript, #wsgi0030 still lands on the right line of this list.
    main.push(
      h('ul', { className: ['links', 'old-anchors'] }, views.errors.map((e) => h('li', { id: e.entry.code.toLowerCase() }, [h('a', { href: base + e.path }, h('code', e.entry.code)), h('span', { className: ['note'] }, e.entry.retired ? 'Retired' : e.entry.title)])))
    );
  }
  return page(views.config, { title: `${item.title} has moved`, path: item.from, redirect: item.to, redirectCodes: item.codes, noindex: true, bodyClass: 'page-redirect' }, main);
}
