// /runbooks/<slug>/: one operator runbook, with the codes and directives it
// links to listed beside it.
import { h } from 'hastscript';
import type { RunbookView, Views } from '../scripts/site/views.js';
import { page } from './lib/layout.js';
import { breadcrumbs, compact, linkList, section } from './lib/parts.js';

interface Data {
  views: Views;
  item: RunbookView;
}

export const data = {
  pagination: { data: 'views.runbooks', size: 1, alias: 'item' },
  permalink: (d: Data) => `${d.item.path}index.html`,
  eleventyExcludeFromCollections: true
};

export function render({ views, item }: Data): string {
  const rb = item.entry;
  const config = views.config;
  return page(config, { title: rb.title, path: item.path, description: rb.summary, bodyClass: 'page-runbook' }, [
    breadcrumbs(config.base, [{ href: `${config.base}runbooks/`, label: 'Runbooks' }, { label: rb.title }]),
    h(
      'article',
      { className: ['entry', 'runbook'], dataPagefindBody: '', dataPagefindFilter: 'kind:runbook', dataPagefindMeta: `code:${rb.slug}` },
      compact([
        h('header', { className: ['entry-head'] }, [h('p', { className: ['eyebrow'] }, 'Runbook'), h('h1', { dataPagefindMeta: 'title' }, rb.title), rb.summary ? h('p', { className: ['lede'] }, rb.summary) : null]),
        h('div', { className: ['body'] }, item.body)
      ])
    ),
    h(
      'div',
      { className: ['aside'] },
      compact([
        item.errors.length ? section('codes', 'Error codes in this runbook', [linkList(item.errors)]) : null,
        item.directives.length ? section('directives', 'Directives in this runbook', [linkList(item.directives)]) : null
      ])
    )
  ]);
}
