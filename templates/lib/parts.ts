// Small pieces several templates use.
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Severity } from '../../scripts/model/types.js';
import type { LinkItem } from '../../scripts/site/views.js';

export function badge(severity: Severity | null, retired: boolean): ElementContent {
  if (retired) return h('span', { className: ['badge', 'badge-retired'] }, 'Retired');
  if (!severity) return h('span', { className: ['badge'] }, 'Unknown');
  return h('span', { className: ['badge', `sev-${severity.toLowerCase()}`], title: `Severity ${severity}` }, severity);
}

export function linkList(items: readonly LinkItem[], className = 'links'): ElementContent {
  return h(
    'ul',
    { className: [className] },
    items.map((i) =>
      h('li', { className: i.retired ? ['retired'] : undefined }, [
        h('a', { href: i.href }, i.kind === 'runbook' ? i.label : h('code', i.label)),
        i.note ? h('span', { className: ['note'] }, i.note) : null
      ])
    )
  );
}

export function section(id: string, title: string, content: ElementContent[]): ElementContent | null {
  if (content.length === 0) return null;
  return h('section', { id, className: ['part'], ariaLabelledBy: `${id}-title` }, [h('h2', { id: `${id}-title` }, title), ...content]);
}

export function breadcrumbs(base: string, trail: { href?: string; label: string }[]): ElementContent {
  return h('nav', { className: ['crumbs'], ariaLabel: 'Breadcrumb' }, [
    h(
      'ol',
      [{ href: base, label: 'Reference' }, ...trail].map((c) => (c.href ? h('li', h('a', { href: c.href }, c.label)) : h('li', { ariaCurrent: 'page' }, c.label)))
    )
  ]);
}

export function compact<T>(items: (T | null | undefined | false)[]): T[] {
  return items.filter((i): i is T => i !== null && i !== undefined && i !== false);
}
