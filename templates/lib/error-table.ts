// The table of codes on /errors/ and its filtered views.
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import type { ErrorFilter, ErrorView } from '../../scripts/site/views.js';
import { badge } from './parts.js';

export function filterNav(base: string, filters: readonly ErrorFilter[], current: ErrorFilter): ElementContent {
  return h('nav', { className: ['filters'], ariaLabel: 'Filter codes' }, [
    h(
      'ul',
      filters.map((f) => {
        const label = [f.label, ' ', h('span', { className: ['count'] }, String(f.count))];
        return h('li', h('a', { href: base + f.path, ariaCurrent: f.path === current.path ? 'page' : undefined }, label));
      })
    )
  ]);
}

export function errorTable(errors: readonly ErrorView[], base: string): ElementContent {
  return h('table', { className: ['codes'], dataCodeTable: '' }, [
    h('caption', { className: ['visually-hidden'] }, 'Error codes'),
    h('thead', h('tr', [h('th', { scope: 'col' }, 'Code'), h('th', { scope: 'col' }, 'Severity'), h('th', { scope: 'col' }, 'Title'), h('th', { scope: 'col' }, 'Status')])),
    h(
      'tbody',
      errors.map((v) =>
        h('tr', { className: v.entry.retired ? ['retired'] : undefined }, [
          h('th', { scope: 'row' }, h('a', { href: base + v.path }, h('code', v.entry.code))),
          h('td', v.entry.severity ? badge(v.entry.severity, false) : '—'),
          h('td', v.entry.retired ? h('span', { className: ['muted'] }, 'No longer logged') : v.entry.title),
          h('td', v.entry.retired ? badge(null, true) : h('span', { className: ['muted'] }, 'Active'))
        ])
      )
    )
  ]);
}
