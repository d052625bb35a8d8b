// The index stage: the matcher and entry cards as JSON, and a Pagefind index
// of the entry pages (codes, directives, runbooks; they carry
// data-pagefind-body), so listings, aliases and redirects stay out.
//
// Pagefind's output is used as it writes it, configured through its options
// and one environment variable (chunkSize), except for two steps below:
// its runtime is minified, and its filters are put in order (filter-order.ts).
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { cacheFolder, cachedTransform } from '../cached-bundle.mjs';
import { projectRoot } from '../project.js';
import type { Model } from '../model/types.js';
import type { Views } from '../site/views.js';
import { packEntries, type SearchEntries } from './entries.js';
import { sortFilters } from './filter-order.js';
import { compileMatcher, type MatcherData } from './matcher.js';
import { searchFiles } from './files.js';

export { searchFiles };


/** How the page starts Pagefind: names only the build knows. */
export interface PagefindStart {
  /** Pagefind's documented `metaCacheTag` option: its entry file's URL becomes `pagefind-entry.json?ts=<tag>`. */
  metaCacheTag: string;
  /** Files every search needs, relative to pagefind/, that the page requests together (entry, meta, WebAssembly). */
  preload: string[];
}

/** What the browser fetches first (search/data.json.gz). */
export interface SearchBundle {
  matcher: MatcherData;
  entries: SearchEntries;
  pagefind: PagefindStart;
}

export interface IndexResult {
  pages: number;
}

export class IndexError extends Error {}

/**
 * The size of Pagefind's word-index chunks, in its own unit (word locations).
 * Its default, 20,000, makes 6 chunks of about 25 KB for the real corpus, and
 * a query downloads one per word; 3,000 makes 33 of about 4.5 KB. Not one of
 * its documented options: Pagefind 1.5.2 reads this environment variable when
 * its indexing service starts (options.rs). A version without it writes its
 * default chunks, bigger but correct; test/search/index.test.ts notices.
 */
const chunkSize = { name: 'PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE', value: '3000' };

/** Pagefind's indexing service, started with `chunkSize` in its environment and nowhere else. */
async function createIndex(): Promise<pagefind.PagefindIndex> {
  const before = process.env[chunkSize.name];
  process.env[chunkSize.name] = chunkSize.value;
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!index) throw new IndexError(`pagefind: ${errors.join('; ') || 'could not create an index'}`);
    return index;
  } finally {
    if (before === undefined) delete process.env[chunkSize.name];
    else process.env[chunkSize.name] = before;
  }
}

/**
 * Pagefind ships its runtime with whitespace (45 KB; minified, 31 KB), which a
 * host that does not compress sends as is before the first result. This is a
 * plain minify, as for the site's own scripts: no bundling, plugins, injected
 * code or defines, so it changes no behaviour and relies on nothing inside the
 * file. Packaging, like a host's compression, not a change to Pagefind.
 */
async function minify(file: string): Promise<void> {
  // Made once per version of the runtime (and of esbuild), then read from the bundle cache.
  const { code } = await cachedTransform(await cacheFolder(projectRoot), 'pagefind-runtime', projectRoot, await readFile(file, 'utf8'), { loader: 'js', minify: true, legalComments: 'inline', logLevel: 'silent' });
  await writeFile(file, code);
}

/** The names the page needs to request Pagefind's first files together. */
async function pagefindStart(bundleDir: string): Promise<PagefindStart> {
  const entry = JSON.parse(await readFile(path.join(bundleDir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string; wasm?: string | null }> };
  const en = entry.languages['en'];
  if (!en) throw new IndexError('pagefind: no English index');
  return { metaCacheTag: en.hash, preload: [`pagefind-entry.json?ts=${en.hash}`, `pagefind.${en.hash}.pf_meta`, `wasm.${en.wasm ?? 'unknown'}.pagefind`] };
}

/**
 * Pagefind's files, byte for byte, written by us into `siteDir`/pagefind: its
 * own writeFiles now and then answered before pagefind-entry.json had its
 * content (an empty file under load, seen in builds and in dev), and the next
 * step reads that file.
 */
async function writeIndexFiles(index: pagefind.PagefindIndex, siteDir: string): Promise<void> {
  const got = await index.getFiles();
  if (got.errors.length) throw new IndexError(`pagefind: ${got.errors.join('; ')}`);
  const bundleDir = path.join(siteDir, searchFiles.pagefind);
  await Promise.all(
    got.files.map(async (f) => {
      const file = path.join(bundleDir, f.path);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, f.content);
    })
  );
}

/** Pagefind's index, fed page by page: the build hands it each entry page as it is rendered. */
export interface PagefindFeed {
  /** Queues a page (its path below the site's root and its HTML) for Pagefind's process. */
  add(page: { path: string; html: string }): void;
  /**
   * Resolves once Pagefind has at most `backlog` pages still to read: the
   * build waits here now and then, so pages written faster than Pagefind
   * reads them do not pile up in memory.
   */
  catchUp(backlog: number): Promise<void>;
  /** Waits for every page, then has Pagefind build the index and writes its files into `siteDir`. */
  write(siteDir: string): Promise<IndexResult>;
  /** Stops Pagefind's process (after write, or when the build fails). */
  close(): Promise<void>;
}

/**
 * A Pagefind index that reads pages while the build renders the next ones:
 * Pagefind's process parses and indexes on the other core, so its reading
 * costs the build almost nothing (on 2,000 codes, 2.4 s of Pagefind's time
 * that used to follow the rendering). Its service handles requests one at a
 * time in the order sent, so the same pages in the same order make the same
 * index on every build (filter-order.ts puts its filters in order).
 */
export async function startPagefind(): Promise<PagefindFeed> {
  const index = await createIndex();
  const pending: Promise<pagefind.NewFileResponse>[] = [];
  const errors: string[] = [];
  let count = 0;
  const settle = async (upTo: number) => {
    while (pending.length > upTo) {
      const done = await (pending.shift() as Promise<pagefind.NewFileResponse>);
      errors.push(...done.errors);
    }
  };
  return {
    add(page) {
      // sourcePath, as Pagefind's own addDirectory gives it: Pagefind makes the page's URL from it.
      const added = index.addHTMLFile({ sourcePath: page.path, content: page.html });
      added.catch(() => {});
      pending.push(added);
      count++;
    },
    catchUp: (backlog) => settle(backlog),
    async write(siteDir) {
      await settle(0);
      if (errors.length) throw new IndexError(`pagefind: ${errors.join('; ')}`);
      await writeIndexFiles(index, siteDir);
      return { pages: count };
    },
    // The service is a child process; a build must not leave it running.
    close: async () => {
      await pagefind.close();
    }
  };
}

/** Code, directive and runbook pages (the pages the build feeds Pagefind), as a glob of their files. */
export const indexedPages = '{errors/WSGI[0-9][0-9][0-9][0-9],directives/WSGI*,runbooks/*}/index.html';

/**
 * Pagefind's index of the entry pages already written into `siteDir`, with
 * its files written into `outDir`: `npm run dev` re-indexes the pages it
 * serves, after the edits stop. Pagefind reads them itself, on its own
 * threads (0.3 s for the corpus, against 1 s fed one by one as the build
 * does), so the next edit's rebuild does not wait for the CPU; the order of
 * its pages may differ from the build's index, the results do not.
 */
export async function writePagefind(siteDir: string, outDir = siteDir): Promise<IndexResult> {
  const index = await createIndex();
  try {
    const added = await index.addDirectory({ path: siteDir, glob: indexedPages });
    if (added.errors.length) throw new IndexError(`pagefind: ${added.errors.join('; ')}`);
    await writeIndexFiles(index, outDir);
    return { pages: added.page_count };
  } finally {
    await pagefind.close();
  }
}

/** Writes the matcher and the entry cards, and finishes what writePagefind wrote in `siteDir`. */
export async function writeSearchIndex(siteDir: string, model: Model, views: Views): Promise<void> {
  await mkdir(path.join(siteDir, 'search'), { recursive: true });
  const matcher = compileMatcher(model.errors);
  const entries = packEntries(views.errors, views.runbooks);
  await writeFile(path.join(siteDir, searchFiles.matcher), JSON.stringify(matcher));
  await writeFile(path.join(siteDir, searchFiles.entries), JSON.stringify(entries));

  const bundleDir = path.join(siteDir, searchFiles.pagefind);
  await sortFilters(bundleDir);
  await minify(path.join(bundleDir, 'pagefind.js'));
  // Pagefind's ready-made interfaces are not used: the site has its own client.
  for (const file of await readdir(bundleDir)) {
    if (/^pagefind-(?:component-ui|modular-ui|ui|highlight)\.(?:js|css)$/.test(file)) await rm(path.join(bundleDir, file));
  }
  const bundle: SearchBundle = { matcher, entries, pagefind: await pagefindStart(bundleDir) };
  await writeFile(path.join(siteDir, searchFiles.bundle), gzipSync(JSON.stringify(bundle), { level: 9 }));
}
