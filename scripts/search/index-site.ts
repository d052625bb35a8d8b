// The index stage: the matcher and entry cards as JSON, and a Pagefind index
// over the pages Eleventy wrote. Pages opt in with data-pagefind-body (codes,
// directives, runbooks), so listings, aliases and redirects stay out.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';
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
 * Bytes of CBOR per word-index chunk, about 4.4 KB gzipped: 34 chunks for the
 * real corpus (Pagefind's own: 6 of about 25 KB). 4 KB made 65 chunks of
 * 2.4 KB; 32 KB put the first word query over 150 KB again.
 */
const chunkBytes = 8192;

/**
 * Pagefind 1.5.2 does not wait for its WebAssembly to be ready: a search
 * started before then checks again every 50 ms, so the first query loses 25 ms
 * on average for nothing. Checking every 4 ms loses at most that. The build
 * fails if the loop is not found (after an upgrade), rather than ship silently.
 */
const readyPoll: Plugin = {
  name: 'pagefind-ready-poll',
  setup(build) {
    build.onLoad({ filter: /pagefind\.js$/ }, async (args) => {
      const code = await readFile(args.path, 'utf8');
      const loop = 'while(this.raw_ptr===null){if(this.initError){throw this.initError;}await asyncSleep(50);}';
      if (code.split(loop).length !== 2) throw new IndexError('pagefind.js: the wait for its WebAssembly is not where this build expects it (a new Pagefind version?)');
      return { contents: code.replace(loop, loop.replace('asyncSleep(50)', 'asyncSleep(4)')), loader: 'js' };
    });
  }
};

/**
 * Pagefind's runtime, bundled again by esbuild: minified (Pagefind ships it
 * with whitespace: 45 KB against 31 KB, which a host without compression sends
 * as is before the first result), with public/pagefind-fetch.ts in place of
 * the global `fetch` so that its first files are requested together and
 * decompressed by the browser, and with a shorter wait (readyPoll). Licence
 * comments are kept.
 * `early`: the files to request as soon as it loads, relative to it.
 */
async function bundleRuntime(bundleDir: string, shim: string, early: readonly string[]): Promise<void> {
  const file = path.join(bundleDir, 'pagefind.js');
  const result = await build({
    entryPoints: [file],
    bundle: true,
    format: 'esm',
    minify: true,
    inject: [shim],
    plugins: [readyPoll],
    define: { PAGEFIND_EARLY: JSON.stringify(early.join(' ')) },
    legalComments: 'inline',
    write: false,
    logLevel: 'silent'
  });
  const [output] = result.outputFiles;
  if (!output) throw new IndexError('esbuild wrote no Pagefind runtime');
  await writeFile(file, output.contents);
}

/**
 * Writes the matcher, the entry cards and the Pagefind bundle into `siteDir`.
 * `publicDir` holds the client sources (public/), one of which goes into
 * Pagefind's runtime.
 */
export async function writeSearchIndex(siteDir: string, model: Model, views: Views, publicDir: string): Promise<IndexResult> {
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
    const languages = await tunePagefind(bundleDir, { chunkBytes });
    const early = ['pagefind-entry.json', ...languages.flatMap((l) => [l.meta, l.wasm])];
    await bundleRuntime(bundleDir, path.join(publicDir, 'pagefind-fetch.ts'), early);
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
