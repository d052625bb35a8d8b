// /directives/WSGIDaemonProcess/: one page per directive, options as fragments.
import { h } from 'hastscript';
import type { DirectiveView, Views } from '../scripts/site/views.js';
import { page } from './lib/layout.js';
import { breadcrumbs, compact, linkList, section } from './lib/parts.js';

interface Data {
  views: Views;
  item: DirectiveView;
}

export const data = {
  pagination: { data: 'views.directives', size: 1, alias: 'item' },
  permalink: (d: Data) => `${d.item.path}index.html`,
  eleventyExcludeFromCollections: true
};

export function render({ views, item }: Data): string {
  const d = item.entry;
  const config = views.config;
  // Rendered when called (views.ts): called once.
  const { syntax, default: byDefault, body } = item.content();
  const facts = h('dl', { className: ['facts'] }, [
    ...(syntax.length ? [h('dt', 'Syntax'), h('dd', { className: ['syntax'] }, syntax)] : []),
    ...(d.contexts.length ? [h('dt', 'Context'), h('dd', d.contexts.join(', '))] : []),
    ...(byDefault.length ? [h('dt', 'Default'), h('dd', byDefault)] : []),
    ...(d.override ? [h('dt', 'Override'), h('dd', d.override)] : [])
  ]);
  const options = d.options.length
    ? h('nav', { className: ['part', 'options-index'], ariaLabel: 'Options' }, [
        h('h2', 'Options'),
        h('ul', { className: ['inline-list'] }, d.options.map((o) => h('li', h('a', { href: `#${o.id}` }, h('code', o.name)))))
      ])
    : null;
  return page(config, { title: d.name, path: item.path, description: `${d.name}: ${d.descriptionText}`, bodyClass: 'page-directive' }, [
    breadcrumbs(config.base, [{ href: `${config.base}directives/`, label: 'Directives' }, { label: d.name }]),
    h(
      'article',
      { className: ['entry', 'directive'], dataPagefindBody: '', dataPagefindFilter: 'kind:directive', dataPagefindMeta: `code:${d.name}` },
      compact([
        h('header', { className: ['entry-head'] }, [h('p', { className: ['eyebrow'] }, 'Configuration directive'), h('h1', { dataPagefindMeta: 'title' }, h('code', d.name)), h('p', { className: ['lede'], dataPagefindMeta: 'description' }, item.description)]),
        facts,
        options,
        h('div', { className: ['body'] }, body)
      ])
    ),
    h(
      'div',
      { className: ['aside'] },
      compact([
        section('error-codes', 'Error codes that mention this directive', item.errors.length ? [linkList(item.errors)] : [h('p', { className: ['muted'] }, 'No error code mentions it.')]),
        item.referencedBy.length ? section('referenced-by', 'Referenced by', [linkList(item.referencedBy)]) : null,
        item.runbooks.length ? section('runbooks', 'Runbooks', [linkList(item.runbooks.map((r) => ({ ...r, note: '' })), 'links runbook-links')]) : null
      ])
    )
  ]);
}
