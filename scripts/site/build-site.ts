// The whole build as one function: read -> model -> render -> site -> index.
// Output goes to a temporary folder beside the target and replaces it only on
// success, so a failed build leaves the previous site untouched.
import { chmod, copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Eleventy from '@11ty/eleventy';
import { cacheFolder, cachedBundle } from '../cached-bundle.mjs';
import { ofProject, projectRoot } from '../project.js';
import type { VFile } from 'vfile';
import { buildModel } from '../model/build-model.js';
import { DocsError, readDocs, readRunbooks } from '../model/read-docs.js';
import type { Model } from '../model/types.js';
import { type PagefindWriter, startPagefind, writeSearchIndex } from '../search/index-site.js';
import { renderItemPages } from '../../templates/entry-pages.js';
import { readSiteFile } from './config.js';
import { parseBasePath, parseSiteUrl } from './site-url.js';
import { checkOutput, clearLeftovers, OutputRefused, makeTemporary, removeOnExit, swap } from './output-folder.js';
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

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const phases = options.phases;
  const docs = options.docs ?? ofProject('content');
  const out = path.resolve(options.out ?? ofProject('_site'));
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
  const siteFile = options.siteFile ?? path.join(projectRoot, 'content/site.json');
  const site = await readSiteFile(siteFile);
  const siteUrl = options.siteUrl ?? site.url;
  const checked = siteUrl === '' ? { origin: '' } : parseSiteUrl(siteUrl);
  if ('problem' in checked) throw new DocsError(`${options.siteUrl !== undefined ? '--site-url' : `${siteFile}: "url"`} ${checked.problem}`);
  const base = parseBasePath(options.basePath ?? '/');
  if ('problem' in base) throw new DocsError(`--base-path ${base.problem}`);
  // A docs or runbooks folder that is not there throws DocsError: a usage mistake.
  const folder = await readDocs(docs);
  const runbooks = await readRunbooks(runbooksDir);
  phases?.mark('read docs and runbooks');
  const upstream = options.upstream ?? site.upstream;
  const { model, files } = buildModel(folder.inputs, { allDocs: folder.allDocs, root: docs, upstream, runbooks });
  const fatal = model.diagnostics.filter((d) => d.fatal).length;
  phases?.mark('model');
  if (fatal > 0) throw new BuildError(`${fatal} error${fatal === 1 ? '' : 's'} in the docs`, files);

  const views = buildViews(model, {
    title: site.title,
    description: site.description,
    base: base.base,
    siteUrl: checked.origin,
    upstream,
    icon: `data:image/svg+xml,${encodeURIComponent((await readFile(path.join(projectRoot, 'public/favicon.svg'), 'utf8')).trim())}`
  });

  phases?.mark('views');
  await mkdir(path.dirname(out), { recursive: true });
  await clearLeftovers(out);
  const tmp = await makeTemporary(out);
  const disarm = removeOnExit(tmp);
  let pagefindWriter: PagefindWriter | null = null;
  try {
    // mkdtemp makes the folder private (0700); once swapped in it is the site's
    // root, which a web server running as another user must be able to read.
    await chmod(tmp, 0o755);
    // The client scripts are bundled once and reused while public/ is
    // unchanged; a first bundle is made by esbuild's own process on the other
    // core meanwhile.
    const bundling = cachedBundle(await cacheFolder(projectRoot), 'client', projectRoot, {
      entryPoints: clientScripts.map((s) => `public/${s}.ts`),
      bundle: true,
      minify: true,
      format: 'iife',
      target: 'es2020',
      legalComments: 'none'
    }).then((b) => Promise.all(b.files.map((f) => copyFile(path.join(b.dir, f), path.join(tmp, f)))));
    bundling.catch(() => {});
    pagefindWriter = await startPagefind(tmp);
    await writeItemPages(tmp, views, pagefindWriter);
    phases?.mark('render and write entry and redirect pages, indexed as written');
    // Pagefind writes its index in its own process while Eleventy writes the listing pages.
    const indexing = pagefindWriter.finish();
    pagefindWriter = null;
    const eleventy = new Eleventy(path.join(projectRoot, 'templates'), tmp, {
      configPath: '',
      quietMode: true,
      config(config) {
        siteConfig(config, projectRoot);
        config.addGlobalData('views', views);
        // errors.json says whether this is the sample, so tools can tell their user.
        config.addGlobalData('sample', path.resolve(docs) === path.resolve(projectRoot, 'content'));
      }
    });
    // The build prints its own one-line summary; Eleventy's would repeat it
    // (its errors still arrive as exceptions).
    eleventy.disableLogger();
    for (const step of await Promise.allSettled([eleventy.write(), bundling, indexing])) if (step.status === 'rejected') throw step.reason;
    phases?.mark('Eleventy writes the listings while Pagefind writes its index');
    await writeSearchIndex(tmp, model, views);
    phases?.mark('search index');
    await swap(tmp, out);
    phases?.mark('swap');
  } catch (error) {
    await pagefindWriter?.close();
    await rm(tmp, { recursive: true, force: true });
    throw error instanceof BuildError || error instanceof OutputRefused ? error : new BuildError(error instanceof Error ? error.message : String(error), files);
  } finally {
    disarm();
  }
  return { out: options.out ?? ofProject('_site'), model, files, counts: { errors: model.errors.length, directives: model.directives.length }, siteUrl: views.config.siteUrl };
}

/**
 * Writes each code, directive, runbook and redirect page as soon as it is
 * rendered, and hands each entry page to the search index: a few pages in
 * flight at a time, so memory does not grow with the number of codes.
 */
async function writeItemPages(siteDir: string, views: Views, index: PagefindWriter): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  const folders = new Map<string, Promise<unknown>>();
  for (const page of renderItemPages(views)) {
    const file = path.join(siteDir, page.path);
    const folder = path.dirname(file);
    const job = (async () => {
      let made = folders.get(folder);
      if (!made) folders.set(folder, (made = mkdir(folder, { recursive: true })));
      await made;
      await Promise.all([writeFile(file, page.html), page.entry ? index.add({ path: page.path, html: page.html }) : null]);
    })();
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
    if (inFlight.size >= 32) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
}
