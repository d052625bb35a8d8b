// Pages made one per item, thousands at a scale of 10,000 codes: the code,
// directive and runbook pages and the redirect pages. The build renders them
// one at a time and writes each as soon as it is made (nothing is held: memory
// stays flat however many codes there are), feeding the entry pages to the
// search index as it goes. Eleventy makes the few listing pages.
import type { Views } from '../scripts/site/views.js';
import * as directive from './directive.11ty.js';
import * as error from './error.11ty.js';
import * as redirects from './redirects.11ty.js';
import * as runbook from './runbook.11ty.js';

export interface RenderedPage {
  /** The file below the site's root: `errors/WSGI0030/index.html`. */
  path: string;
  html: string;
  /** An entry page, which the search index holds (a redirect page is not). */
  entry: boolean;
}

/** One template's pages: what its pagination would make, rendered lazily. */
function* pagesOf<Item>(template: { data: { permalink: (d: { views: Views; item: Item }) => string }; render: (d: { views: Views; item: Item }) => string }, views: Views, items: readonly Item[], entry: boolean): Generator<RenderedPage> {
  for (const item of items) yield { path: template.data.permalink({ views, item }), html: template.render({ views, item }), entry };
}

export function* renderItemPages(views: Views): Generator<RenderedPage> {
  yield* pagesOf(error, views, views.errors, true);
  yield* pagesOf(directive, views, views.directives, true);
  yield* pagesOf(runbook, views, views.runbooks, true);
  yield* pagesOf(redirects, views, views.redirects, false);
}
