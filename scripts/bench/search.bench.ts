// Search: what it weighs, what a first query downloads, how fast results
// appear after a keystroke in headless Chromium (cold and warm), and how long
// the log-line matcher takes per line. Builds the real corpus into a
// temporary folder and serves it on a loopback server that does not compress.
//
// Each browser figure is also taken for Pagefind as shipped: its untouched
// output for the same pages (default options, chunks, runtime) beside the
// site's, driven through its own pagefind.search in the same page, loading
// the fragments of as many results as the site shows at first. The site's
// figures are printed with their ratio to that.
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import type { Browser, Page } from 'playwright-core';
import { fragmentsAtOnce } from '../../public/search/logic.js';
import { apachePrefix, fillTemplate } from '../../test/search/fill.js';
import { browserMissing, launchBrowser } from '../../test/support/browser.js';
import { corpusDocs, corpusMissing } from '../../test/support/sites.js';
import { serveStatic, type StaticServer } from '../../test/support/static-server.js';
import { formatCode } from '../model/code-syntax.js';
import { createMatcher, type MatcherData } from '../search/matcher.js';
import { buildSite } from '../site/build-site.js';
import { indexedPages } from '../search/index-site.js';
import { type BenchSection, median, ms, report, timeRuns } from './stats.js';

const targets = { warmMs: 50, coldMs: 300, firstQueryKB: 150, matcherMs: 5 };
const samples = 20;
/** Where Pagefind's untouched output goes, inside the built site. */
const shippedDir = 'pagefind-shipped/';

/** Twenty word queries that go to the full-text index (the slowest path). */
const wordQueries = [
  'daemon socket',
  'accept mutex',
  'python home',
  'chroot',
  'queue timeout',
  'authentication script',
  'signal pipe',
  'free-threading',
  'response headers',
  'locale',
  'interpreter',
  'permissions',
  'restart',
  'memory limit',
  'listener backlog',
  'telemetry',
  'transfer encoding',
  'virtual host',
  'graceful',
  'stack trace'
];

async function sizeOf(dir: string, filter: (file: string) => boolean = () => true): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (filter(file)) total += (await stat(file)).size;
  }
  return total;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Milliseconds from the start of a query to its results painted, and that start on the page's clock. */
interface Timed {
  ms: number;
  start: number;
}

/** A search to measure: the site's box, or Pagefind as shipped called directly. */
interface Engine {
  /** Run `query` on a loaded page, timing it to its results painted (next animation frame). */
  time(page: Page, query: string): Promise<Timed>;
  /** What a page does when someone focuses the search box. */
  focus(page: Page): Promise<void>;
}

/**
 * The site's search box: from an input event to results for that query in
 * the DOM and painted. Only anonymous inline functions in the page callbacks:
 * the TypeScript loader would otherwise add a naming helper that does not
 * exist in the page.
 */
const site: Engine = {
  time: (page, query) =>
    page.evaluate(
      (q) =>
        new Promise<Timed>((resolve, reject) => {
          const input = document.querySelector<HTMLInputElement>('#search-input');
          const results = document.querySelector<HTMLElement>('[data-search-results]');
          if (!input || !results) return reject(new Error('no search box'));
          const expected = q.trim().replace(/\s+/g, ' ');
          const start = performance.now();
          const observer = new MutationObserver(() => {
            if (results.dataset['state'] !== 'done' || results.dataset['query'] !== expected) return;
            observer.disconnect();
            requestAnimationFrame(() => resolve({ ms: performance.now() - start, start }));
          });
          observer.observe(results, { attributes: true, attributeFilter: ['data-state', 'data-query'] });
          input.value = q;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          setTimeout(() => reject(new Error(`no results for ${q} within 10 s`)), 10_000);
        }),
      query
    ),
  focus: (page) => page.locator('#search-input').focus()
};

/**
 * Pagefind as shipped, as its documentation shows: import pagefind.js,
 * pagefind.search, then the data of the first results (as many fragments as
 * the site loads for a first page), painted.
 */
function shipped(server: StaticServer): Engine {
  const url = `${server.url}${shippedDir}pagefind.js`;
  type Runtime = { init(): Promise<void>; search(q: string): Promise<{ results: { data(): Promise<unknown> }[] }> };
  return {
    time: (page, query) =>
      page.evaluate(
        ([u, q, n]) => {
          const start = performance.now();
          return (import(u) as Promise<Runtime>)
            .then((pf) => pf.search(q))
            .then((found) => Promise.all(found.results.slice(0, n).map((r) => r.data())))
            .then(() => new Promise<Timed>((resolve) => requestAnimationFrame(() => resolve({ ms: performance.now() - start, start }))));
        },
        [url, query, fragmentsAtOnce] as const
      ),
    // "Calling pagefind.init() when your search interface gains focus" (its documentation).
    focus: (page) => page.evaluate((u) => (import(u) as Promise<Runtime>).then((pf) => pf.init()), url)
  };
}

/**
 * Bytes the server sends from the first query's start until it has been
 * quiet for 300 ms (so what focusing prefetches, and a worker's requests,
 * count too). The server does not compress; the gzip figure is what a host
 * that compresses would send (Pagefind's own files are gzipped already).
 */
async function firstQueryBytes(browser: Browser, server: StaticServer, root: string, engine: Engine, query: string): Promise<{ raw: number; gzip: number; files: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url, { waitUntil: 'load' });
  const from = server.requests.length;
  await engine.focus(page);
  await engine.time(page, query);
  for (let seen = -1, waited = 0; seen !== server.requests.length && waited < 5000; waited += 300) {
    seen = server.requests.length;
    await page.waitForTimeout(300);
  }
  await context.close();
  const asked = server.requests.slice(from).filter((p) => /^\/(?:search\/|pagefind)/.test(p));
  const bodies = await Promise.all(asked.map((p) => readFile(path.join(root, decodeURIComponent(p.replace(/\?.*$/, ''))))));
  return {
    raw: bodies.reduce((sum, b) => sum + b.length, 0),
    gzip: bodies.reduce((sum, b) => sum + Math.min(b.length, gzipSync(b).length), 0),
    files: bodies.length
  };
}

/** A fresh browser context (empty cache) per query, on a loaded page; `focused`: the box focused 300 ms before. */
async function coldRuns(browser: Browser, server: StaticServer, engine: Engine, focused: boolean): Promise<{ times: number[]; wasmAt: number[] }> {
  const times: number[] = [];
  const wasmAt: number[] = [];
  for (const q of wordQueries) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url, { waitUntil: 'load' });
    if (focused) {
      await engine.focus(page);
      await page.waitForTimeout(300);
    }
    const { ms: elapsed, start } = await engine.time(page, q);
    times.push(elapsed);
    // When Pagefind's WebAssembly had arrived (not seen when a worker fetched it).
    wasmAt.push(
      await page.evaluate((s) => {
        const entry = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) => /wasm\.\w+\.pagefind$/.test(e.name));
        return entry ? entry.responseEnd - s : -1;
      }, start)
    );
    await context.close();
  }
  return { times, wasmAt: wasmAt.filter((t) => t >= 0) };
}

/** Warm: one page whose first query has loaded everything it starts with. */
async function warmRuns(browser: Browser, server: StaticServer, engine: Engine, lines: string[]): Promise<Record<'words' | 'again' | 'codes' | 'lines', number[]>> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url, { waitUntil: 'load' });
  await engine.time(page, 'warm up');
  const run = async (queries: string[]) => {
    const times: number[] = [];
    for (const q of queries) times.push((await engine.time(page, q)).ms);
    return times;
  };
  // New words each time: most still fetch an index chunk or two, and all fetch their result fragments.
  const words = await run(wordQueries);
  // The same queries again: everything they need is in the page already.
  const again = await run(wordQueries);
  const codes = await run(Array.from({ length: samples }, (_, k) => formatCode(k * 10 + 1)));
  const pasted = await run(Array.from({ length: samples }, (_, k) => lines[(k * 9) % lines.length] as string));
  await context.close();
  return { words, again, codes, lines: pasted };
}

/** One figure of the site beside Pagefind as shipped. */
function compare(label: string, ours: number, theirs: number, unit: (v: number) => string, detail = ''): void {
  report(label, unit(ours), `as shipped ${unit(theirs)}, ratio ${(ours / theirs).toFixed(2)}${detail ? `; ${detail}` : ''}`);
}

const verdict = (value: number, target: number, unit: string) => `target < ${target} ${unit}: ${value < target ? 'met' : 'MISSED'}`;

/** Pagefind's own output for the same pages, untouched: default options, chunk size, runtime. */
async function writeShipped(siteDir: string): Promise<void> {
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: siteDir, glob: indexedPages });
    if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: path.join(siteDir, shippedDir) });
    if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
}

const section: BenchSection = {
  name: 'search',
  title: 'Search: index size, first-query bytes, keystroke to results in Chromium, matcher per line',
  async run() {
    const missing = corpusMissing();
    if (missing) {
      process.stdout.write(`  skipped: ${missing}\n`);
      return;
    }
    const work = await mkdtemp(path.join(os.tmpdir(), 'wsgi-search-bench-'));
    const siteDir = path.join(work, 'site');
    try {
      await buildSite({ docs: corpusDocs, out: siteDir });
      await writeShipped(siteDir);
      const ours = path.join(siteDir, 'pagefind');
      const theirs = path.join(siteDir, shippedDir);
      const indexFiles = (f: string) => /\.pf_(index|filter|fragment|meta)$/.test(f);
      const runtimeFiles = (f: string) => /(pagefind\.js|wasm\.en\.pagefind)$/.test(f);
      const chunks = async (dir: string) => (await readdir(path.join(dir, 'index'))).length;
      compare('Pagefind index (index, filters, fragments, meta)', await sizeOf(ours, indexFiles), await sizeOf(theirs, indexFiles), kb, `${await chunks(ours)} word chunks, as shipped ${await chunks(theirs)}`);
      compare('Pagefind runtime (pagefind.js + wasm)', await sizeOf(ours, runtimeFiles), await sizeOf(theirs, runtimeFiles), kb, `as shipped also runs pagefind-worker.js (${kb((await stat(path.join(theirs, 'pagefind-worker.js'))).size)})`);
      const size = async (file: string) => (await stat(path.join(siteDir, file))).size;
      report('matcher.json / entries.json / search.js', kb(await size('search/matcher.json')), `${kb(await size('search/entries.json'))} / ${kb(await size('search.js'))}; data.json.gz (both, gzipped) ${kb(await size('search/data.json.gz'))}`);

      // Matcher: every template filled with realistic values, with Apache's prefix.
      const data = JSON.parse(await readFile(path.join(siteDir, 'search/matcher.json'), 'utf8')) as MatcherData;
      const matcher = createMatcher(data);
      const lines = data.templates.map((t, k) => `${apachePrefix()}${k % 2 ? `${t.codes[0]}: ` : ''}${fillTemplate(t.segments, data.forms, k)}`);
      lines.push(`${apachePrefix()}This line is not in the reference at all, and matches nothing.`);
      const batch = await timeRuns(() => lines.forEach((l) => matcher.match(l)), 30, 5);
      const perLine = median(batch) / lines.length;
      let slowest = 0;
      for (const l of lines) slowest = Math.max(slowest, Math.min(...(await timeRuns(() => matcher.match(l), 5, 1))));
      report(`matcher per line (median, ${lines.length} lines)`, ms(perLine), `${verdict(perLine, targets.matcherMs, 'ms')}; slowest line ${ms(slowest)}`);

      const noBrowser = browserMissing();
      if (noBrowser) {
        process.stdout.write(`  browser figures skipped: ${noBrowser}\n`);
        return;
      }
      // Two cores shared with other work: the load says how far to trust the timings below.
      report('machine load (1-minute average)', os.loadavg()[0]?.toFixed(2) ?? '?', `${os.cpus().length} CPUs`);
      const server = await serveStatic(siteDir, '/');
      const browser = await launchBrowser();
      const them = shipped(server);
      try {
        // Each word of a full-text query costs one index chunk.
        for (const [label, query] of [
          ['code', 'WSGI0117'],
          ['message words', 'daemon socket'],
          ['four words', 'python home virtual environment'],
          ['log line', lines[116] ?? (lines[0] as string)]
        ] as const) {
          const bytes = await firstQueryBytes(browser, server, siteDir, site, query);
          const other = await firstQueryBytes(browser, server, siteDir, them, query);
          compare(`first query downloads (${label})`, bytes.raw, other.raw, kb, `${bytes.files} files (as shipped ${other.files}); ${kb(bytes.gzip)} if the host gzips; ${verdict(bytes.raw / 1024, targets.firstQueryKB, 'KB')}`);
        }

        const coldMid = async (engine: Engine, focused: boolean) => {
          const { times, wasmAt } = await coldRuns(browser, server, engine, focused);
          return { mid: median(times), max: Math.max(...times), wasm: median(wasmAt) };
        };
        const cold = await coldMid(site, false);
        const coldShipped = await coldMid(them, false);
        compare(
          `keystroke to results, cold (median of ${wordQueries.length})`,
          cold.mid,
          coldShipped.mid,
          ms,
          `${verdict(cold.mid, targets.coldMs, 'ms')}; max ${ms(cold.max)}; nothing fetched before the keystroke; Pagefind's WebAssembly in at ${ms(cold.wasm)}`
        );
        // The usual case: the box is focused (which starts the downloads) a moment before typing.
        const focused = await coldMid(site, true);
        const focusedShipped = await coldMid(them, true);
        compare(`cold, typed 300 ms after focusing (median of ${wordQueries.length})`, focused.mid, focusedShipped.mid, ms, `${verdict(focused.mid, targets.coldMs, 'ms')}; max ${ms(focused.max)}`);
        report("  Pagefind's start-up on the cold path", ms(cold.mid - focused.mid), "cold minus focused: its files, their JavaScript gunzip, WebAssembly compile, and its 50 ms ready poll (0-50 ms, 25 on average)");

        const warm = await warmRuns(browser, server, site, lines);
        const warmShipped = await warmRuns(browser, server, them, lines);
        const warmLine = (label: string, key: keyof typeof warm, detail: string) => compare(`${label} (median of ${warm[key].length})`, median(warm[key]), median(warmShipped[key]), ms, `max ${ms(Math.max(...warm[key]))}${detail}`);
        warmLine('keystroke to results, warm words', 'words', `; ${verdict(median(warm.words), targets.warmMs, 'ms')}; new words each time`);
        warmLine('keystroke to results, warm words repeated', 'again', '; nothing to fetch');
        warmLine('keystroke to results, warm codes', 'codes', '');
        warmLine('keystroke to results, warm log lines', 'lines', '');
      } finally {
        await browser.close();
        await server.close();
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
};

export default section;
