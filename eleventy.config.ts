// Eleventy: templates in, pages out. The model and views arrive as global data
// from scripts/site/build-site.ts, which also names the input and output
// folders (output is a temporary folder that replaces the site on success).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UserConfig } from '@11ty/eleventy';

// Passthrough paths are read from the working directory; the build may be run from anywhere.
const publicDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');

export default function (config: UserConfig) {
  config.addExtension('11ty.ts', { key: '11ty.js' });
  config.addPassthroughCopy({ [path.join(publicDir, 'style.css')]: 'style.css', [path.join(publicDir, 'favicon.svg')]: 'favicon.svg' });
  return { templateFormats: ['11ty.ts'] };
}
