// /runbooks/: every runbook with its summary and the codes it covers.
import { h } from 'hastscript';
import type { Views } from '../scripts/site/views.js';
import { page } from './lib/layout.js';
import { breadcrumbs } from './lib/parts.js';

export const data = { permalink: 'runbooks/index.html', eleventyExcludeFromCollections: true };

export function render({ views }: { views: Views }): string {
  const { config } = views;
  const count = views.runbooks.length;
  return page(config, { title: 'Runbooks', path: 'runbooks/', description: 'What to do when a given mod_wsgi failure shows up in the Apache error log.', bodyClass: 'page-runbooks' }, [
    breadcrumbs(config.base, [{ label: 'Runbooks' }]),
    h('h1', 'Runbooks'),
    h('p', { className: ['lede'] }, count === 0 ? 'No runbooks yet.' : `${count} runbook${count === 1 ? '' : 's'}: step-by-step fixes for failures that show up as error codes.`),
    h(
      'ul',
      { className: ['runbook-list'] },
      views.runbooks.map((r) =>
        h('li', [
          h('h2', h('a', { href: config.base + r.path }, r.entry.title)),
          r.entry.summary ? h('p', r.entry.summary) : null,
          r.errors.length ? h('p', { className: ['codes'] }, [h('span', { className: ['muted'] }, 'Codes: '), ...r.errors.flatMap((e, k) => [k > 0 ? ' ' : '', h('a', { href: e.href }, h('code', e.label))])]) : null
        ])
      )
    )
  ]);
}
