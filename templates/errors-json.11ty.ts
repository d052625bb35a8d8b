// /errors.json: the typed model for tools, with each entry's canonical URL.
import { directiveToJson, errorToJson, referenceToJson } from '../scripts/model/to-json.js';
import type { Views } from '../scripts/site/views.js';
import { absolute } from './lib/layout.js';

export const data = { permalink: 'errors.json', eleventyExcludeFromCollections: true };

export function render({ views }: { views: Views }): string {
  const { config, model } = views;
  const body = {
    title: config.title,
    generatedFrom: config.upstream,
    severities: views.ladder.map((l) => ({ severity: l.severity, meaning: l.meaningText, count: l.count })),
    reference: referenceToJson(model.reference),
    errors: views.errors.map((v) => ({ url: absolute(config, v.path), ...errorToJson(v.entry) })),
    directives: views.directives.map((v) => ({ url: absolute(config, v.path), ...directiveToJson(v.entry) })),
    groups: model.configuration?.groups ?? [],
    runbooks: views.runbooks.map((v) => ({ url: absolute(config, v.path), slug: v.entry.slug, title: v.entry.title, summary: v.entry.summary, codes: v.errors.map((e) => e.label) }))
  };
  return JSON.stringify(body, null, 1) + '\n';
}
