// Permanence: lowercase aliases and the old Sphinx URLs lead to the canonical
// pages. redirect.js carries the #fragment; a meta refresh works without it.
import { h } from 'hastscript';
import type { Redirect, Views } from '../scripts/site/views.js';
import { page } from './lib/layout.js';

interface Data {
  views: Views;
  item: Redirect;
}

export const data = {
  pagination: { data: 'views.redirects', size: 1, alias: 'item' },
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
