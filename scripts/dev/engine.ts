// The builds behind `npm run dev`, made of the build's own steps
// (scripts/site/build-site.ts): a full build into the served folder at start
// and after a template, public/ or site.json change; after a docs or runbook
// edit, the docs are read and checked whole (tens of milliseconds) and only
// the pages the edit changed are rendered (scripts/dev/affected.ts) and
// written, each only when its bytes differ. The listing pages and errors.json
// go through Eleventy as in the build; the search index is made again after a
// quiet moment (search()), off the path of the page reload.
//
// Loaded from a bundle of its own (scripts/dev/load.ts), so a template
// edit loads the new templates. Writes only below `work`; every page is
// written to a temporary name and renamed, so the server never sends half a page.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { VFile } from 'vfile';
import { DocsError } from '../model/read-docs.js';
import type { Model } from '../model/types.js';
import { writePagefind, writeSearchIndex } from '../search/index-site.js';
import { type BuildOptions, copyClientScripts, fatalCount, listingsEleventy, readModel, resolveSource, type SiteSource, siteViews, writeItemPages } from '../site/build-site.js';
import type { Views } from '../site/views.js';
import { itemPages } from '../../templates/entry-pages.js';
import { plan } from './affected.js';
import { type DevDiagnostic, devDiagnostics } from './diagnostics.js';

export interface EngineOptions {
  build: BuildOptions;
  /** The folder the server serves. */
  site: string;
  /** A folder of the dev run's own, holding `site`: where the next site and search index are made. */
  work: string;
}

export interface Outcome {
  /** The site's base path (`/` or `/prefix/`), which the server serves it under. */
  base: string;
  /** Files below the site's root written or removed (`errors/WSGI0030/index.html`); 'all' after a full build. */
  changed: string[] | 'all';
  diagnostics: DevDiagnostic[];
  /** The docs have errors: the pages served are those of the last good build. */
  stale: boolean;
  /** The vfiles, for the terminal's report. */
  files: VFile[];
  /** Where the time went (`--timings`): step and milliseconds. */
  steps: [string, number][];
}

interface Built {
  source: SiteSource;
  model: Model;
  views: Views;
}

export interface Engine {
  full(): Promise<Outcome>;
  /** `early`, when given, gets the item pages written before the listing pages are made (the page reloads sooner). */
  update(early?: (written: string[]) => void): Promise<Outcome>;
  /** Every listing page and errors.json made again, written where they changed; the files written. */
  listings(): Promise<string[]>;
  /** Pagefind's index and the search data made again from the pages as served, then moved in; the number of pages indexed (null before the first good build). */
  search(): Promise<number | null>;
}

/** A mistake in the options or folders (no docs folder...), as `npm run build` reports with exit 2; null for anything else. Asked of the engine's own bundle, whose classes are its own. */
export function usageProblem(error: unknown): string | null {
  return error instanceof DocsError ? error.message : null;
}

class Steps {
  readonly list: [string, number][] = [];
  #last = performance.now();
  mark(name: string): void {
    const now = performance.now();
    this.list.push([name, Math.round(now - this.#last)]);
    this.#last = now;
  }
}

export function createEngine(options: EngineOptions): Engine {
  const { site, work } = options;
  let built: Built | null = null;
  let source: SiteSource | null = null;
  let serial = 0;
  // Whatever writes into the site runs alone.
  let queue: Promise<unknown> = Promise.resolve();
  const alone = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job);
    queue = run.catch(() => {});
    return run;
  };

  /** Replaces `name` in the site by `from`, in two renames. */
  async function moveIn(from: string, name: string): Promise<void> {
    const target = path.join(site, name);
    const old = path.join(work, `old-${++serial}`);
    const had = await rename(target, old).then(
      () => true,
      () => false
    );
    await rename(from, target);
    if (had) await rm(old, { recursive: true, force: true });
  }

  async function checked(s: SiteSource, steps: Steps): Promise<{ model: Model; files: VFile[]; outcome: Outcome | null }> {
    const { model, files } = await readModel(s);
    steps.mark('read and model');
    const diagnostics = devDiagnostics(files);
    return { model, files, outcome: fatalCount(model) > 0 ? { base: s.base, changed: [], diagnostics, stale: true, files, steps: steps.list } : null };
  }

  async function full(): Promise<Outcome> {
    // site.json may have changed: everything is read again.
    const s = await resolveSource(options.build);
    source = s;
    const steps = new Steps();
    const { model, files, outcome } = await checked(s, steps);
    if (outcome) {
      if (!built) await placeholder();
      return outcome;
    }
    const views = await siteViews(s, model);
    const next = await mkdtemp(path.join(work, 'site-'));
    try {
      await Promise.all([copyClientScripts(next), writeItemPages(next, views)]);
      await listingsEleventy(next, s, views).write();
    } catch (error) {
      await rm(next, { recursive: true, force: true });
      throw error;
    }
    await alone(async () => {
      // The search index of the last site serves until search() makes the next.
      for (const name of ['pagefind', 'search']) await rename(path.join(site, name), path.join(next, name)).catch(() => {});
      const old = path.join(work, `old-${++serial}`);
      await rename(site, old).catch(() => {});
      await rename(next, site);
      await rm(old, { recursive: true, force: true });
    });
    built = { source: s, model, views };
    steps.mark('site');
    return { base: s.base, changed: 'all', diagnostics: devDiagnostics(files), stale: false, files, steps: steps.list };
  }

  /** Before the first good build: a page that says so, for the overlay to stand on (not over a site an earlier engine built). */
  async function placeholder(): Promise<void> {
    if (existsSync(path.join(site, 'index.html'))) return;
    await mkdir(site, { recursive: true });
    const html = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The docs have errors</title></head><body><main><h1>The docs have errors</h1><p>The site is built as soon as they are fixed; this page then reloads.</p></main></body></html>\n';
    await writeFile(path.join(site, 'index.html'), html);
  }

  async function update(early?: (written: string[]) => void): Promise<Outcome> {
    if (!built || !source) return full();
    const s = source;
    const steps = new Steps();
    const { model, files, outcome } = await checked(s, steps);
    if (outcome) return outcome;
    const views = await siteViews(s, model);
    const todo = plan({ model: built.model, redirects: built.views.redirects }, { model, redirects: views.redirects });
    steps.mark(`views and plan (${todo.render.length} to render)`);
    const changed = await alone(async () => {
      const written: string[] = [];
      const pages = itemPages(views);
      for (const id of todo.render) {
        const page = pages.get(id)?.();
        if (page && (await writeIfChanged(page.path, page.html))) written.push(page.path);
      }
      for (const file of todo.remove) {
        await rm(path.join(site, file), { force: true });
        // An entry's folder, if it is now empty.
        await rmdir(path.dirname(path.join(site, file))).catch(() => {});
        written.push(file);
      }
      steps.mark('render and write');
      if (todo.listings && written.length > 0) early?.([...written]);
      if (todo.listings) {
        written.push(...(await writeListings(s, views)));
        steps.mark('listings');
      }
      return written;
    });
    built = { source: s, model, views };
    return { base: s.base, changed, diagnostics: devDiagnostics(files), stale: false, files, steps: steps.list };
  }

  /**
   * Writes `content` to `file` (below the site) unless it already holds it;
   * whether it wrote. Synchronous: a page or two after an edit, each a few
   * kilobytes, with no trip through the thread pool on the way to the reload.
   */
  async function writeIfChanged(file: string, content: string): Promise<boolean> {
    const target = path.join(site, file);
    let old: string | null = null;
    try {
      old = readFileSync(target, 'utf8');
    } catch {
      // A new page.
    }
    if (old === content) return false;
    mkdirSync(path.dirname(target), { recursive: true });
    const tmp = path.join(work, `page-${++serial}`);
    writeFileSync(tmp, content);
    renameSync(tmp, target);
    return true;
  }

  /** The listing pages and errors.json as Eleventy makes them, each written where it changed. */
  async function writeListings(s: SiteSource, views: Views): Promise<string[]> {
    const results = await listingsEleventy(site, s, views).toJSON();
    const written: string[] = [];
    for (const r of results) {
      if (!r.outputPath) continue;
      const file = path.relative(site, r.outputPath);
      if (await writeIfChanged(file, r.content)) written.push(file);
    }
    return written;
  }

  return {
    full: () => full(),
    update: (early) => update(early),
    listings: () => (built ? alone(() => writeListings((built as Built).source, (built as Built).views)) : Promise.resolve([])),
    async search() {
      const b = built;
      if (!b) return null;
      const next = await mkdtemp(path.join(work, 'search-'));
      try {
        // Pagefind reads the served entry pages and writes its index beside them, in `next`.
        const { pages } = await writePagefind(site, next);
        await writeSearchIndex(next, b.model, b.views);
        await alone(async () => {
          for (const name of await readdir(next)) await moveIn(path.join(next, name), name);
        });
        return pages;
      } finally {
        await rm(next, { recursive: true, force: true });
      }
    }
  };
}
