// Eleventy: templates in, pages out. The model and views arrive as global data
// from scripts/site/build-site.ts, which also names the input and output
// folders (output is a temporary folder that replaces the site on success).
import type { UserConfig } from '@11ty/eleventy';

export default function (config: UserConfig) {
  config.addExtension('11ty.ts', { key: '11ty.js' });
  config.addPassthroughCopy({ 'public/style.css': 'style.css', 'public/favicon.svg': 'favicon.svg' });
  return { templateFormats: ['11ty.ts'] };
}
