// /directives/: grouped as configuration.rst groups them.
import { h } from 'hastscript';
import type { Views } from '../scripts/site/views.js';
import { page } from './lib/layout.js';
import { breadcrumbs, linkList } from './lib/parts.js';

export const data = { permalink: 'directives/index.html', eleventyExcludeFromCollections: true };

export function render({ views }: { views: Views }): string {
  const { config } = views;
  return page(config, { title: 'Configuration directives', path: 'directives/', description: `The ${views.counts.directives} Apache configuration directives mod_wsgi provides.`, bodyClass: 'page-directives' }, [
    breadcrumbs(config.base, [{ label: 'Directives' }]),
    h('h1', 'Configuration directives'),
    h('p', { className: ['lede'] }, `${views.counts.directives} directives, grouped by what they configure.`),
    views.groups.length > 1 ? h('nav', { ariaLabel: 'Groups' }, h('ul', { className: ['inline-list'] }, views.groups.map((g) => h('li', h('a', { href: `#${g.id}` }, g.title))))) : null,
    ...views.groups.map((g) => h('section', { id: g.id, className: ['part'], ariaLabelledBy: `${g.id}-title` }, [h('h2', { id: `${g.id}-title` }, g.title), linkList(g.directives, 'links directive-list')]))
  ].filter((x) => x !== null));
}
