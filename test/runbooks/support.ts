// Runbooks through the model and the render stage, for the runbook tests, the
// Markdown bad-input suite and the Markdown property test: a runbook beside
// the docs-valid reference, its page body as HTML.
import { buildModel, type DocInput } from '../../scripts/model/build-model.js';
import { toHtml } from '../../scripts/render/render.js';
import { buildViews } from '../../scripts/site/views.js';
import { readDocsFixture } from '../support.js';

const docs = readDocsFixture('docs-valid');

export const runbook = (name: string, value: string): DocInput => ({ path: `runbooks/${name}.md`, value });

export const modelWith = (...runbooks: DocInput[]) => buildModel(docs, { runbooks }).model;

/** The runbook page's body (and the views it came from). */
export const html = (model: ReturnType<typeof modelWith>, slug: string) => {
  const views = buildViews(model, { title: 't', description: 'd', base: '/', siteUrl: '', upstream: 'https://upstream.example/', icon: 'data:,' });
  const view = views.runbooks.find((r) => r.entry.slug === slug);
  if (!view) throw new Error(`no runbook ${slug}`);
  return { html: toHtml({ type: 'root', children: view.body }), view, views };
};
