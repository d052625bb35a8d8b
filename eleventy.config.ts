// Eleventy: templates in, pages out. The model and views arrive as global data
// from scripts/site/build-site.ts, which also names the output folder (a
// temporary one that replaces the site on success). The build imports this
// file and the templates into its own bundle and hands them to Eleventy as
// virtual templates: one compiled copy of the render code, no TypeScript
// loader at run time, and nothing read from the working directory.
import path from 'node:path';
import type { UserConfig } from '@11ty/eleventy';
import * as directives from './templates/directives.11ty.js';
import * as errorsJson from './templates/errors-json.11ty.js';
import * as errors from './templates/errors.11ty.js';
import * as index from './templates/index.11ty.js';
import * as notFound from './templates/not-found.11ty.js';
import * as runbooks from './templates/runbooks.11ty.js';
import * as sitemap from './templates/sitemap.11ty.js';
import * as triage from './templates/triage.11ty.js';

// Code, directive, runbook and redirect pages are written by the build as it
// renders them (templates/entry-pages.ts); Eleventy makes the listing pages.
const templates = { directives, 'errors-json': errorsJson, errors, index, 'not-found': notFound, runbooks, sitemap, triage };

export default function (config: UserConfig, projectRoot: string) {
  for (const [name, template] of Object.entries(templates)) config.addTemplate(`${name}.11ty.js`, { ...template });
  const publicDir = path.join(projectRoot, 'public');
  config.addPassthroughCopy({ [path.join(publicDir, 'style.css')]: 'style.css', [path.join(publicDir, 'favicon.svg')]: 'favicon.svg' });
  config.setTemplateFormats(['11ty.js']);
}
