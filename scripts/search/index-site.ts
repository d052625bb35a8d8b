// The index stage: the matcher and entry cards as JSON, and a Pagefind index
// over the pages Eleventy wrote. Pages opt in with data-pagefind-body (codes,
// directives, runbooks), so listings, aliases and redirects stay out.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import type { Model } from '../model/types.js';
import type { Views } from '../site/views.js';
import { packEntries, type SearchEntries } from './entries.js';
import { compileMatcher, type MatcherData } from './matcher.js';
import { stabilisePagefind } from './pagefind-stable.js';

/** Where the client finds its data, below the base path. */
export const searchFiles = {
  matcher: 'search/matcher.json',
  entries: 'search/entries.json',
  /** Both of the above, gzipped: what the browser fetches (a plain static host would not compress them). */
  bundle: 'search/data.json.gz',
  pagefind: 'pagefind/'
} as const;

export interface SearchBundle {
  matcher: MatcherData;
  entries: SearchEntries;
}

export interface IndexResult {
  pages: number;
}

export class IndexError extends Error {}

export async function writeSearchIndex(siteDir: string, model: Model, views: Views): Promise<IndexResult> {
  await mkdir(path.join(siteDir, 'search'), { recursive: true });
  const bundle: SearchBundle = { matcher: compileMatcher(model.errors), entries: packEntries(views.errors) };
  await writeFile(path.join(siteDir, searchFiles.matcher), JSON.stringify(bundle.matcher));
  await writeFile(path.join(siteDir, searchFiles.entries), JSON.stringify(bundle.entries));
  await writeFile(path.join(siteDir, searchFiles.bundle), gzipSync(JSON.stringify(bundle), { level: 9 }));

  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new IndexError(`pagefind: ${errors.join('; ') || 'could not create an index'}`);
  try {
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length) throw new IndexError(`pagefind: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: path.join(siteDir, searchFiles.pagefind) });
    if (written.errors.length) throw new IndexError(`pagefind: ${written.errors.join('; ')}`);
    await stabilisePagefind(path.join(siteDir, searchFiles.pagefind));
    return { pages: added.page_count };
  } finally {
    await index.deleteIndex();
    // The service is a child process; a build must not leave it running.
    await pagefind.close();
  }
}
