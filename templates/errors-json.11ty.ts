// /errors.json: the typed model for tools, with each entry's canonical URL.
import { directiveToJson, errorToJson, referenceToJson } from '../scripts/model/to-json.js';
import type { Views } from '../scripts/site/views.js';
import { absolute } from './lib/layout.js';

export const data = { permalink: 'errors.json', eleventyExcludeFromCollections: true };

export function render({ views, sample }: { views: Views; sample?: boolean }): string {
  const { config, model } = views;
  const body = {
    title: config.title,
    generatedFrom: config.upstream,
    // Where the site is served: origin ('' when unknown) and base path. Tools
    // such as wsgi-errors print links to it with these.
    siteUrl: config.siteUrl,
    basePath: config.base,
    // Built from this project's sample in content/, not from mod_wsgi's docs.
    sample: sample === true,
    severities: views.ladder.map((l) => ({ severity: l.severity, meaning: l.meaningText, count: l.count })),
    reference: referenceToJson(model.reference),
    errors: views.errors.map((v) => ({ url: absolute(config, v.path), ...errorToJson(v.entry) })),
    directives: views.directives.map((v) => ({ url: absolute(config, v.path), ...directiveToJson(v.entry) })),
    groups: model.configuration?.groups ?? [],
    runbooks: views.runbooks.map((v) => ({ url: absolute(config, v.path), slug: v.entry.slug, title: v.entry.title, summary: v.entry.summary, codes: v.errors.map((e) => e.label) }))
  };
  return JSON.stringify(body, null, 1) + '\n';
}
