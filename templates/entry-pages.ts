// Pages made one per item, thousands at a scale of 10,000 codes: the code,
// directive and runbook pages and the redirect pages. The build renders them
// one at a time and writes each as soon as it is made (nothing is held: memory
// stays flat however many codes there are). Eleventy makes the few listing
// pages.
import type { Views } from '../scripts/site/views.js';
import * as directive from './directive.11ty.js';
import * as error from './error.11ty.js';
import * as redirects from './redirects.11ty.js';
import * as runbook from './runbook.11ty.js';

export interface RenderedPage {
  /** The file below the site's root: `errors/WSGI0030/index.html`. */
  path: string;
  html: string;
  /** A code, directive or runbook page: one the search indexes (it carries data-pagefind-body). */
  indexed: boolean;
}

/** One template's pages: what its pagination would make, rendered lazily. */
function* pagesOf<Item>(template: { data: { permalink: (d: { views: Views; item: Item }) => string }; render: (d: { views: Views; item: Item }) => string }, views: Views, items: readonly Item[], indexed = true): Generator<RenderedPage> {
  for (const item of items) yield { path: template.data.permalink({ views, item }), html: template.render({ views, item }), indexed };
}

export function* renderItemPages(views: Views): Generator<RenderedPage> {
  yield* renderIndexedPages(views);
  yield* renderRedirectPages(views);
}

/** The code, directive and runbook pages: the ones Pagefind indexes, in the order it is fed them. */
export function* renderIndexedPages(views: Views): Generator<RenderedPage> {
  yield* pagesOf(error, views, views.errors);
  yield* pagesOf(directive, views, views.directives);
  yield* pagesOf(runbook, views, views.runbooks);
}

/** The redirect pages (old and lower-case addresses): not indexed. */
export function renderRedirectPages(views: Views): Generator<RenderedPage> {
  return pagesOf(redirects, views, views.redirects, false);
}

/**
 * Every item page by id (`error:WSGI0030`, `directive:<name>`, `runbook:<slug>`,
 * `redirect:<path>`), rendered when called: `npm run dev` renders only the
 * pages an edit changed (scripts/dev/affected.ts names them).
 */
export function itemPages(views: Views): Map<string, () => RenderedPage> {
  const pages = new Map<string, () => RenderedPage>();
  const add = <Item>(id: string, template: Parameters<typeof pagesOf<Item>>[0], item: Item) => pages.set(id, () => pagesOf(template, views, [item]).next().value as RenderedPage);
  for (const item of views.errors) add(`error:${item.entry.code}`, error, item);
  for (const item of views.directives) add(`directive:${item.entry.name}`, directive, item);
  for (const item of views.runbooks) add(`runbook:${item.entry.slug}`, runbook, item);
  for (const item of views.redirects) pages.set(`redirect:${item.from}`, () => pagesOf(redirects, views, [item], false).next().value as RenderedPage);
  return pages;
}
