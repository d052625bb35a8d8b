// The entry pages (one per code, directive and runbook) are rendered by the
// build itself, before Eleventy runs: the search index is made from this same
// HTML in Pagefind's own process while Eleventy writes, and Eleventy writes
// the pages as they are (the `rendered` template) instead of rendering them again.
import type { Views } from '../scripts/site/views.js';
import * as directive from './directive.11ty.js';
import * as error from './error.11ty.js';
import * as runbook from './runbook.11ty.js';

export interface RenderedPage {
  /** The file below the site's root: `errors/WSGI0030/index.html`. */
  path: string;
  html: string;
}

export function renderEntryPages(views: Views): RenderedPage[] {
  const out: RenderedPage[] = [];
  for (const item of views.errors) out.push({ path: error.data.permalink({ views, item }), html: error.render({ views, item }) });
  for (const item of views.directives) out.push({ path: directive.data.permalink({ views, item }), html: directive.render({ views, item }) });
  for (const item of views.runbooks) out.push({ path: runbook.data.permalink({ views, item }), html: runbook.render({ views, item }) });
  return out;
}

/** Writes the pages renderEntryPages made, one output file each. */
export const rendered = {
  data: {
    pagination: { data: 'rendered', size: 1, alias: 'renderedPage' },
    permalink: (d: { renderedPage: RenderedPage }) => d.renderedPage.path,
    eleventyExcludeFromCollections: true
  },
  render: (d: { renderedPage: RenderedPage }) => d.renderedPage.html
};
