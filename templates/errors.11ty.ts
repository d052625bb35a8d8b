// /errors/ and its filtered views (/errors/severity/crit/, /errors/status/retired/):
// plain links, so filtering works without JavaScript.
import { h } from 'hastscript';
import type { ElementContent } from 'hast';
import { type ErrorFilter, type ProseSectionView, type Views, matchesFilter } from '../scripts/site/views.js';
import { errorTable, filterNav } from './lib/error-table.js';
import { page } from './lib/layout.js';
import { breadcrumbs } from './lib/parts.js';

interface Data {
  views: Views;
  filter: ErrorFilter;
}

export const data = {
  pagination: { data: 'views.errorFilters', size: 1, alias: 'filter' },
  permalink: (d: Data) => `${d.filter.path}index.html`,
  eleventyExcludeFromCollections: true
};

export function render({ views, filter }: Data): string {
  const { config, counts } = views;
  const shown = views.errors.filter((v) => matchesFilter(filter, v));
  const all = filter.path === 'errors/';
  const title = all ? 'Error codes' : `Error codes: ${filter.label}`;
  return page(config, { title, path: filter.path, description: `${counts.codes} mod_wsgi error codes, ${counts.retired} of them retired.`, bodyClass: 'page-errors' }, [
    breadcrumbs(config.base, all ? [{ label: 'Error codes' }] : [{ href: `${config.base}errors/`, label: 'Error codes' }, { label: filter.label }]),
    h('h1', title),
    h('p', { className: ['lede'] }, [
      `${counts.codes} codes: ${counts.active} active and ${counts.retired} retired. `,
      all ? '' : `${shown.length} shown. `,
      'Codes are never reused, so a retired code keeps its page.'
    ]),
    ...(all ? proseAbove(views) : []),
    filterNav(config.base, views.errorFilters, filter),
    h('p', { className: ['table-filter'], hidden: true }, [h('label', { htmlFor: 'code-filter' }, 'Filter this table'), h('input', { type: 'text', id: 'code-filter', dataTableFilter: '', autoComplete: 'off', placeholder: 'Code or words in the title' })]),
    errorTable(shown, config.base),
    ...(all ? views.referenceProse.after.map(proseSection) : [])
  ]);
}

/** What error-reference.rst says around its entries, on the page of all codes. */
function proseAbove(views: Views): ElementContent[] {
  const { codes, before } = views.referenceProse;
  return [...(codes.length > 0 ? [h('div', { className: ['prose', 'reference-notes'] }, codes)] : []), ...before.map(proseSection)];
}

function proseSection(s: ProseSectionView): ElementContent {
  return h('section', { className: ['part', 'prose'], ariaLabelledBy: s.id }, [h('h2', { id: s.id }, s.title), ...s.body]);
}
