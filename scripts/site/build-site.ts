// The whole build as one function: read -> model -> render -> site -> index,
// made of steps that `npm run dev` (scripts/dev/) runs too.
// Output goes to a temporary folder beside the target and replaces it only on
// success, so a failed build leaves the previous site untouched.
import { chmod, copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Eleventy from '@11ty/eleventy';
import { cacheFolder, cachedBundle } from '../cached-bundle.mjs';
import { ofProject, projectRoot } from '../project.js';
import type { VFile } from 'vfile';
import { type BuiltModel, buildModel } from '../model/build-model.js';
import { DocsError, readDocs, readRunbooks } from '../model/read-docs.js';
import type { Model } from '../model/types.js';
import { type PagefindFeed, startPagefind, writeSearchIndex } from '../search/index-site.js';
import { type RenderedPage, renderIndexedPages, renderItemPages, renderRedirectPages } from '../../templates/entry-pages.js';
import { readSiteFile, type SiteFile } from './config.js';
import { parseBasePath, parseSiteUrl } from './site-url.js';
import { checkOutput, clearLeftovers, OutputRefused, makeTemporary, swap } from './output-folder.js';
import { type PageWriter, startPageWriter } from './page-writer.js';
import type { Phases } from './phases.js';
import { buildViews, type Views } from './views.js';
import siteConfig from '../../eleventy.config.js';

export interface BuildOptions {
  /** Defaults to this project's content/ and _site/, wherever the build is run from. */
  docs?: string;
  out?: string;
  basePath?: string;
  siteUrl?: string;
  upstream?: string;
  /** Time spent in each phase, recorded when given. */
  phases?: Phases;
  /** Defaults to content/site.json of this project. */
  siteFile?: string;
  /** Markdown runbooks; defaults to content/runbooks of this project, whatever --docs says. */
  runbooks?: string;
}

export interface BuildResult {
  model: Model;
  files: VFile[];
  counts: { errors: number; directives: number };
  /** Where the site was written, as given or defaulted. */
  out: string;
  /** The origin the site was built for ('' when unknown). */
  siteUrl: string;
}

export class BuildError extends Error {
  constructor(
    message: string,
    readonly files: VFile[] = []
  ) {
    super(message);
  }
}

/** Client scripts, written in TypeScript, shipped as small minified files. */
export const clientScripts = ['site', 'redirect', 'not-found', 'search', 'triage', 'triage-worker'];

/** Where a build reads and what site it makes: the options, checked, with their defaults. */
export interface SiteSource {
  docs: string;
  runbooks: string;
  /** content/site.json or the file given. */
  site: SiteFile;
  /** The site's origin ('' when unknown), checked. */
  origin: string;
  /** `/` or `/prefix/`. */
  base: string;
  upstream: string;
  /** Built from this project's content/: errors.json says so, so tools can tell their user. */
  sample: boolean;
  /** Named with --runbooks: then it must exist. */
  runbooksGiven: boolean;
}

/**
 * The options checked and defaulted; reads content/site.json (or the file
 * given). A mistake in them throws DocsError: a usage mistake.
 */
export async function resolveSource(options: BuildOptions): Promise<SiteSource> {
  const docs = options.docs ?? ofProject('content');
  const runbooks = options.runbooks ?? path.join(projectRoot, 'content/runbooks');
  const siteFile = options.siteFile ?? path.join(projectRoot, 'content/site.json');
  const site = await readSiteFile(siteFile);
  const siteUrl = options.siteUrl ?? site.url;
  const checked = siteUrl === '' ? { origin: '' } : parseSiteUrl(siteUrl);
  if ('problem' in checked) throw new DocsError(`${options.siteUrl !== undefined ? '--site-url' : `${siteFile}: "url"`} ${checked.problem}`);
  const base = parseBasePath(options.basePath ?? '/');
  if ('problem' in base) throw new DocsError(`--base-path ${base.problem}`);
  const upstream = options.upstream ?? site.upstream;
  return { docs, runbooks, site, origin: checked.origin, base: base.base, upstream, sample: path.resolve(docs) === path.resolve(projectRoot, 'content'), runbooksGiven: options.runbooks !== undefined };
}

/**
 * read -> model: the docs and runbooks read whole and checked. A docs or
 * runbooks folder that is not there throws DocsError: a usage mistake.
 */
export async function readModel(source: SiteSource, phases?: Phases): Promise<BuiltModel> {
  const folder = await readDocs(source.docs);
  const runbooks = await readRunbooks(source.runbooks, { given: source.runbooksGiven });
  phases?.mark('read docs and runbooks');
  return buildModel(folder.inputs, { allDocs: folder.allDocs, root: source.docs, upstream: source.upstream, runbooks });
}

/** How many of the model's diagnostics are errors (a build with any stops). */
export function fatalCount(model: Model): number {
  return model.diagnostics.filter((d) => d.fatal).length;
}

export async function siteViews(source: SiteSource, model: Model): Promise<Views> {
  return buildViews(model, {
    title: source.site.title,
    description: source.site.description,
    base: source.base,
    siteUrl: source.origin,
    upstream: source.upstream,
    icon: `data:image/svg+xml,${encodeURIComponent((await readFile(path.join(projectRoot, 'public/favicon.svg'), 'utf8')).trim())}`
  });
}

/** Eleventy set up to make the listing pages (and copy the stylesheet and icon) into `dir`. */
export function listingsEleventy(dir: string, source: SiteSource, views: Views): Eleventy {
  const eleventy = new Eleventy(path.join(projectRoot, 'templates'), dir, {
    configPath: '',
    quietMode: true,
    config(config) {
      siteConfig(config, projectRoot);
      config.addGlobalData('views', views);
      // errors.json says whether this is the sample, so tools can tell their user.
      config.addGlobalData('sample', source.sample);
    }
  });
  // The build prints its own one-line summary; Eleventy's would repeat it
  // (its errors still arrive as exceptions).
  eleventy.disableLogger();
  return eleventy;
}

/**
 * The client scripts, copied into `dir`. They are bundled once and reused
 * while public/ is unchanged; a first bundle is made by esbuild's own process,
 * on the other core while the build does the rest.
 */
export async function copyClientScripts(dir: string): Promise<void> {
  const b = await cachedBundle(await cacheFolder(projectRoot), 'client', projectRoot, {
    entryPoints: clientScripts.map((s) => `public/${s}.ts`),
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    legalComments: 'none'
  });
  await Promise.all(b.files.map((f) => copyFile(path.join(b.dir, f), path.join(dir, f))));
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const phases = options.phases;
  const out = path.resolve(options.out ?? ofProject('_site'));
  const docs = options.docs ?? ofProject('content');
  const runbooksDir = options.runbooks ?? path.join(projectRoot, 'content/runbooks');
  // Before anything is read or written: the output is replaced whole at the end.
  checkOutput({
    out,
    protect: [
      { what: 'project folder', dir: projectRoot },
      { what: 'docs folder', dir: docs },
      { what: 'runbooks folder', dir: runbooksDir }
    ]
  });
  const source = await resolveSource(options);
  const { model, files } = await readModel(source, phases);
  const fatal = fatalCount(model);
  phases?.mark('model');
  if (fatal > 0) throw new BuildError(`${fatal} error${fatal === 1 ? '' : 's'} in the docs`, files);

  const views = await siteViews(source, model);

  phases?.mark('views');
  await mkdir(path.dirname(out), { recursive: true });
  await clearLeftovers(out);
  const { dir: tmp, disarm } = await makeTemporary(out);
  let search: PagefindFeed | null = null;
  let writer: PageWriter | null = null;
  try {
    // mkdtemp makes the folder private (0700); once swapped in it is the site's
    // root, which a web server running as another user must be able to read.
    await chmod(tmp, 0o755);
    const bundling = copyClientScripts(tmp);
    bundling.catch(() => {});
    // Pagefind reads each entry page in its own process as it is rendered,
    // and a worker thread writes it.
    search = await startPagefind();
    writer = startPageWriter(tmp);
    await handOut(renderIndexedPages(views), writer, search);
    phases?.mark('render and write code, directive and runbook pages');
    // Pagefind has every page it indexes: it makes its index (on its own
    // process, the longest step at 10,000 codes) while this thread renders
    // the redirect pages and Eleventy writes the listing pages, and the
    // writer finishes the pages it still has (on a slow disk).
    const indexing = search.write(tmp);
    indexing.catch(() => {});
    await handOut(renderRedirectPages(views), writer);
    phases?.mark('render and write redirect pages');
    const eleventy = listingsEleventy(tmp, source, views);
    for (const step of await Promise.allSettled([eleventy.write(), writer.close(), bundling, indexing])) if (step.status === 'rejected') throw step.reason;
    await search.close();
    phases?.mark('Eleventy writes the listings while Pagefind makes its index');
    await writeSearchIndex(tmp, model, views);
    phases?.mark('search index');
    await swap(tmp, out);
    phases?.mark('swap');
  } catch (error) {
    await writer?.abort();
    await search?.close();
    await rm(tmp, { recursive: true, force: true });
    // The one line the build prints names the problem; WSGI_ERRORS_DEBUG=1 shows where it came from.
    if (process.env['WSGI_ERRORS_DEBUG']) console.error(error);
    throw error instanceof BuildError || error instanceof OutputRefused ? error : new BuildError(error instanceof Error ? error.message : String(error), files);
  } finally {
    disarm();
  }
  return { out: options.out ?? ofProject('_site'), model, files, counts: { errors: model.errors.length, directives: model.directives.length }, siteUrl: views.config.siteUrl };
}

/**
 * Hands each page, as it is rendered, to `writer` (a worker thread that
 * writes it while this one renders the next) and, if indexed, to Pagefind
 * (`search`): memory does not grow with the number of codes. Waits only to
 * keep either from falling too far behind.
 */
async function handOut(pages: Iterable<RenderedPage>, writer: PageWriter, search?: PagefindFeed): Promise<void> {
  let count = 0;
  for (const page of pages) {
    writer.write(page);
    if (page.indexed) search?.add(page);
    if (++count % 32 === 0) {
      // At most a thousand pages ahead of the writer (a slow disk catches up
      // while Eleventy works) and a few hundred ahead of Pagefind: a few MB.
      await writer.catchUp(1024);
      await search?.catchUp(256);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/** Every code, directive, runbook and redirect page of `views`, written into `siteDir`. */
export async function writeItemPages(siteDir: string, views: Views): Promise<void> {
  const writer = startPageWriter(siteDir);
  try {
    await handOut(renderItemPages(views), writer);
    await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
