// /sitemap.xml, built as an xast tree.
import { x } from 'xastscript';
import { toXml } from 'xast-util-to-xml';
import type { Views } from '../scripts/site/views.js';
import { absolute } from './lib/layout.js';

export const data = { permalink: 'sitemap.xml', eleventyExcludeFromCollections: true };

export function render({ views }: { views: Views }): string {
  const paths = ['', 'errors/', 'directives/', 'triage/', ...views.errorFilters.filter((f) => f.path !== 'errors/').map((f) => f.path), ...views.errors.map((e) => e.path), ...views.directives.map((d) => d.path), ...(views.runbooks.length ? ['runbooks/', ...views.runbooks.map((r) => r.path)] : [])];
  const tree = x(null, [
    { type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"' },
    x('urlset', { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' }, paths.map((p) => x('url', [x('loc', absolute(views.config, p))])))
  ]);
  return toXml(tree) + '\n';
}
