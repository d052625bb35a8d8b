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

/** Lines longer than this may not fit a phone screen, so their block can scroll. */
const scrollAfter = 60;

/**
 * Code blocks that may scroll sideways take keyboard focus, so they can be
 * scrolled without a mouse. Logged messages wrap instead, and short blocks
 * never scroll, so neither adds a tab stop. Returns new nodes; the views
 * are shared between pages and stay as they are.
 */
export function focusableScrollers(nodes: ElementContent[]): ElementContent[] {
  return nodes.map((node) => {
    if (node.type !== 'element') return node;
    if (node.tagName === 'pre') {
      const classes = node.properties['className'];
      const wraps = Array.isArray(classes) && classes.includes('message-block');
      const longest = Math.max(0, ...textOf(node).split('\n').map((l) => l.length));
      return wraps || longest <= scrollAfter ? node : { ...node, properties: { ...node.properties, tabIndex: 0 } };
    }
    return { ...node, children: focusableScrollers(node.children) };
  });
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}
