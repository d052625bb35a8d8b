// /errors/WSGI0030/: one page per code, retired ones included.
import { h } from 'hastscript';
import type { ErrorView, Views } from '../scripts/site/views.js';
import { absolute, page } from './lib/layout.js';
import { badge, breadcrumbs, compact, linkList, section } from './lib/parts.js';

interface Data {
  views: Views;
  item: ErrorView;
}

export const data = {
  pagination: { data: 'views.errors', size: 1, alias: 'item' },
  permalink: (d: Data) => `${d.item.path}index.html`,
  eleventyExcludeFromCollections: true
};

export function render({ views, item }: Data): string {
  const e = item.entry;
  const config = views.config;
  // Rendered when read (views.ts): read once.
  const message = item.message;
  const content = item.content();
  const url = absolute(config, item.path);
  const heading = e.retired ? `${e.code} (retired)` : `${e.code}: ${e.title}`;
  const markdown = `[${e.code}${e.retired ? ' (retired)' : `: ${e.title}`}](${url})`;

  // The severity's meaning is the same on every page of that severity: kept out of the search index.
  const facts = h('dl', { className: ['facts'], dataPagefindIgnore: '' }, [
    h('dt', 'Severity'),
    h('dd', [badge(e.severity, false), item.severityMeaning ? h('span', { className: ['meaning'] }, ` ${item.severityMeaning}`) : null]),
    h('dt', 'Source'),
    h('dd', e.source ? h('code', e.source) : 'not recorded')
  ]);

  const article = h(
    'article',
    {
      className: ['entry', e.retired ? 'is-retired' : 'is-active'],
      dataPagefindBody: '',
      dataPagefindFilter: 'kind:error',
      dataPagefindMeta: `code:${e.code}`
    },
    compact([
      h('header', { className: ['entry-head'] }, [
        // The kind of page, as on directive and runbook pages; the code itself is the heading.
        // The severity badge is in the facts below; a retired code, which has none, says so here.
        h('p', { className: ['eyebrow'] }, ['Error code', ...(e.retired ? [' ', badge(e.severity, true)] : [])]),
        h('h1', { dataPagefindMeta: 'title' }, e.retired ? [e.code, h('span', { className: ['sub'] }, ' (retired)')] : [e.code, h('span', { className: ['sub'] }, `: ${e.title}`)])
      ]),
      h('span', { hidden: true, dataPagefindFilter: `status:${e.retired ? 'retired' : 'active'}` }),
      e.severity ? h('span', { hidden: true, dataPagefindFilter: `severity:${e.severity}` }) : null,
      e.source ? h('span', { hidden: true, dataPagefindFilter: `source:${e.source}` }) : null,
      e.retired
        ? h('div', { className: ['notice', 'retired-notice'], role: 'note' }, [
            h('p', h('strong', `${e.code} is retired.`), ' mod_wsgi no longer logs it. The code is never reused, and this page stays so that old links and runbooks keep working.'),
            ...content.retiredNote
          ])
        : null,
      e.retired ? null : facts,
      message
        ? section('message', 'Logged message', [h('pre', { className: ['message-block'], dataPagefindWeight: '5' }, message), ...content.notes])
        : null,
      section('cause', 'Cause', content.cause),
      section('outcome', 'Outcome', content.outcome),
      section('action', 'Operator action', content.action)
    ])
  );

  const aside = compact([
    item.runbooks.length ? section('runbooks', 'Runbooks', [linkList(item.runbooks.map((r) => ({ ...r, note: '' })), 'links runbook-links')]) : null,
    item.related.length ? section('related', 'Related codes', [linkList(item.related)]) : null,
    item.directives.length ? section('directives', 'Directives mentioned', [linkList(item.directives)]) : null,
    section('referenced-by', 'Referenced by', item.referencedBy.length ? [linkList(item.referencedBy)] : [h('p', { className: ['muted'] }, 'No other code or directive links here.')]),
    h('section', { id: 'share', className: ['part', 'share'], ariaLabelledBy: 'share-title' }, [
      h('h2', { id: 'share-title' }, 'Link to this code'),
      h('p', [h('label', { htmlFor: 'permalink' }, 'Permanent URL'), h('input', { type: 'text', id: 'permalink', readOnly: true, value: url, dataCopySource: '' }), h('button', { type: 'button', dataCopy: url, hidden: true }, 'Copy link')]),
      h('p', [h('label', { htmlFor: 'mdlink' }, 'Markdown for a runbook'), h('input', { type: 'text', id: 'mdlink', readOnly: true, value: markdown }), h('button', { type: 'button', dataCopy: markdown, hidden: true }, 'Copy Markdown')])
    ])
  ]);

  const pager = h('nav', { className: ['pager'], ariaLabel: 'Neighbouring codes' }, [
    item.prev ? h('a', { href: item.prev.href, rel: 'prev' }, [h('span', { ariaHidden: 'true' }, '← '), h('code', item.prev.label)]) : h('span'),
    item.next ? h('a', { href: item.next.href, rel: 'next' }, [h('code', item.next.label), h('span', { ariaHidden: 'true' }, ' →')]) : h('span')
  ]);

  return page(
    config,
    { title: heading, path: item.path, description: e.retired ? `${e.code} is a retired mod_wsgi error code.` : `${e.code} (${e.severity ?? 'unknown severity'}): ${e.title}`, bodyClass: 'page-error' },
    [breadcrumbs(config.base, [{ href: `${config.base}errors/`, label: 'Error codes' }, { label: e.code }]), article, h('div', { className: ['aside'] }, aside), pager]
  );
}
