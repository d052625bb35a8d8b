// /404.html: says whether a code-shaped path names a code that exists, is
// retired, or was never allocated.
import { h } from 'hastscript';
import type { Views } from '../scripts/site/views.js';
import { page } from './lib/layout.js';

export const data = { permalink: '404.html', eleventyExcludeFromCollections: true };

export function render({ views }: { views: Views }): string {
  const { config } = views;
  const base = config.base;
  const first = views.errors[0]?.entry.code ?? '';
  const last = views.errors[views.errors.length - 1]?.entry.code ?? '';
  return page(config, { title: 'Page not found', path: '404.html', noindex: true, scripts: ['not-found.js'], bodyClass: 'page-404' }, [
    h('h1', 'Page not found'),
    h(
      'div',
      {
        id: 'code-status',
        className: ['notice'],
        role: 'status',
        dataCodes: views.errors.filter((e) => !e.entry.retired).map((e) => e.entry.code).join(' '),
        dataRetired: views.errors.filter((e) => e.entry.retired).map((e) => e.entry.code).join(' '),
        dataFirst: first,
        dataLast: last
      },
      h('p', 'There is no page at this address.')
    ),
    h('p', [
      'Codes run from ',
      h('code', first),
      ' to ',
      h('code', last),
      '. Every code has a page at ',
      h('code', `${base}errors/WSGI0001/`),
      ', retired ones included. Try the ',
      h('a', { href: `${base}errors/` }, 'list of error codes'),
      ', the ',
      h('a', { href: `${base}directives/` }, 'directives'),
      ' or the search box above.'
    ])
  ]);
}
