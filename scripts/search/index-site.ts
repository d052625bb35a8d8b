// The index stage: the matcher and entry cards as JSON, and a Pagefind index
// over the pages Eleventy wrote. Pages opt in with data-pagefind-body (codes,
// directives, runbooks), so listings, aliases and redirects stay out.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { transform } from 'esbuild';
import * as pagefind from 'pagefind';
import type { Model } from '../model/types.js';
import type { Views } from '../site/views.js';
import { packEntries, type SearchEntries } from './entries.js';
import { compileMatcher, type MatcherData } from './matcher.js';
import { searchFiles } from './files.js';
import { tunePagefind } from './pagefind-bundle.js';

export { searchFiles };

/** Code, directive and runbook pages; not lowercase aliases, listings or redirects. */
export const indexedPages = '{errors/WSGI[0-9][0-9][0-9][0-9],directives/WSGI*,runbooks/*}/index.html';

export interface SearchBundle {
  matcher: MatcherData;
  entries: SearchEntries;
}

export interface IndexResult {
  pages: number;
}

export class IndexError extends Error {}

/**
 * Bytes of CBOR per word-index chunk, about 4 KB gzipped: 34 chunks for the
 * real corpus. 4 KB made twice as many files for 1 KB less per word; 16 KB
 * cost 4 KB more per word.
 */
const chunkBytes = 8192;

/**
 * Pagefind ships its runtime with whitespace but not minified: 45 KB that a
 * host without compression sends as is before the first result. Minified it
 * is about 31 KB, and parses sooner. Its licence comments are kept.
 */
async function minifyRuntime(file: string): Promise<void> {
  const { code } = await transform(await readFile(file, 'utf8'), { loader: 'js', format: 'esm', minify: true, legalComments: 'inline' });
  await writeFile(file, code);
}

export async function writeSearchIndex(siteDir: string, model: Model, views: Views): Promise<IndexResult> {
  await mkdir(path.join(siteDir, 'search'), { recursive: true });
  const bundle: SearchBundle = { matcher: compileMatcher(model.errors), entries: packEntries(views.errors) };
  await writeFile(path.join(siteDir, searchFiles.matcher), JSON.stringify(bundle.matcher));
  await writeFile(path.join(siteDir, searchFiles.entries), JSON.stringify(bundle.entries));
  await writeFile(path.join(siteDir, searchFiles.bundle), gzipSync(JSON.stringify(bundle), { level: 9 }));

  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!index) throw new IndexError(`pagefind: ${errors.join('; ') || 'could not create an index'}`);
    // Only entry pages can be in the index (they carry data-pagefind-body);
    // naming them spares Pagefind from parsing every alias and redirect page.
    const added = await index.addDirectory({ path: siteDir, glob: indexedPages });
    if (added.errors.length) throw new IndexError(`pagefind: ${added.errors.join('; ')}`);
    const bundleDir = path.join(siteDir, searchFiles.pagefind);
    const written = await index.writeFiles({ outputPath: bundleDir });
    if (written.errors.length) throw new IndexError(`pagefind: ${written.errors.join('; ')}`);
    await tunePagefind(bundleDir, { chunkBytes });
    await minifyRuntime(path.join(bundleDir, 'pagefind.js'));
    // Pagefind's ready-made interfaces are not used: the site has its own client.
    for (const file of await readdir(bundleDir)) {
      if (/^pagefind-(?:component-ui|modular-ui|ui|highlight)\.(?:js|css)$/.test(file)) await rm(path.join(bundleDir, file));
    }
    return { pages: added.page_count };
  } finally {
    // The service is a child process; a build must not leave it running.
    await pagefind.close();
  }
}
