// Search: what it weighs, what a first query downloads, how fast results
// appear after a keystroke in headless Chromium (cold and warm), and how long
// the log-line matcher takes per line. Builds the real corpus into a
// temporary folder and serves it on a loopback server.
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page, Request } from 'playwright-core';
import { apachePrefix, fillTemplate } from '../../test/search/fill.js';
import { browserMissing, launchBrowser } from '../../test/support/browser.js';
import { corpusDocs, corpusMissing } from '../../test/support/sites.js';
import { serveStatic, type StaticServer } from '../../test/support/static-server.js';
import { createMatcher, type MatcherData } from '../search/matcher.js';
import { buildSite } from '../site/build-site.js';
import { type BenchSection, median, ms, report, timeRuns } from './stats.js';

const targets = { warmMs: 50, coldMs: 300, firstQueryKB: 150, matcherMs: 5 };
const samples = 20;

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

/**
 * Time from an input event to results for that query in the DOM and painted
 * (next animation frame). Only anonymous inline functions in the page
 * callback: the TypeScript loader would otherwise add a naming helper that
 * does not exist in the page.
 */
function timeQuery(page: Page, query: string): Promise<number> {
  return page.evaluate(
    (q) =>
      new Promise<number>((resolve, reject) => {
        const input = document.querySelector<HTMLInputElement>('#search-input');
        const results = document.querySelector<HTMLElement>('[data-search-results]');
        if (!input || !results) return reject(new Error('no search box'));
        const expected = q.trim().replace(/\s+/g, ' ');
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (results.dataset['state'] !== 'done' || results.dataset['query'] !== expected) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - start));
        });
        observer.observe(results, { attributes: true, attributeFilter: ['data-state', 'data-query'] });
        input.value = q;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        setTimeout(() => reject(new Error(`no results for ${q} within 10 s`)), 10_000);
      }),
    query
  );
}

/**
 * Bytes the browser downloads from focusing the box and typing a first query
 * until the network is quiet again (so what focusing prefetches counts too).
 */
async function firstQueryBytes(browser: Browser, server: StaticServer, query: string): Promise<{ raw: number; gzip: number; files: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url, { waitUntil: 'load' });
  const pending: Promise<Buffer | null>[] = [];
  const inFlight = new Set<Request>();
  page.on('request', (r) => inFlight.add(r));
  page.on('requestfailed', (r) => inFlight.delete(r));
  page.on('requestfinished', (r) => {
    inFlight.delete(r);
    pending.push(r.response().then((res) => (res ? res.body() : null)).catch(() => null));
  });
  await page.locator('#search-input').fill(query);
  await page.waitForFunction(
    (q) => {
      const s = document.querySelector<HTMLElement>('[data-search-results]');
      return !!s && s.dataset['state'] === 'done' && s.dataset['query'] === q;
    },
    query.trim().replace(/\s+/g, ' ')
  );
  // Quiet for 300 ms, or 5 s at most (a request the browser never finishes must not hang the bench).
  for (let quiet = 0, waited = 0; quiet < 3 && waited < 5000; waited += 100) {
    await page.waitForTimeout(100);
    quiet = inFlight.size === 0 ? quiet + 1 : 0;
  }
  if (inFlight.size > 0) process.stdout.write(`  (still in flight: ${[...inFlight].map((r) => r.url()).join(', ')})\n`);
  // The favicon is fetched again when the URL changes: not search traffic.
  const bodies = (await Promise.all(pending)).filter((b): b is Buffer => b !== null && !b.toString('utf8', 0, 200).includes('<svg'));
  await context.close();
  const raw = bodies.reduce((sum, b) => sum + b.length, 0);
  // Pagefind's own files are gzipped already; a host would send those as they are.
  const gzip = bodies.reduce((sum, b) => sum + Math.min(b.length, gzipSync(b).length), 0);
  return { raw, gzip, files: bodies.length };
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
    const site = path.join(work, 'site');
    try {
      await buildSite({ docs: corpusDocs, out: site });
      const pagefindDir = path.join(site, 'pagefind');
      const index = await sizeOf(pagefindDir, (f) => /\.pf_(index|filter|fragment|meta)$/.test(f));
      const runtime = await sizeOf(pagefindDir, (f) => /(pagefind\.js|wasm\.en\.pagefind)$/.test(f));
      const matcherJson = (await stat(path.join(site, 'search/matcher.json'))).size;
      const entriesJson = (await stat(path.join(site, 'search/entries.json'))).size;
      const client = (await stat(path.join(site, 'search.js'))).size;
      report('Pagefind index (index, filters, fragments, meta)', kb(index));
      report('Pagefind runtime (pagefind.js + wasm)', kb(runtime));
      report('matcher.json / entries.json / search.js', `${kb(matcherJson)}`, `${kb(entriesJson)} / ${kb(client)}`);

      // Matcher: every template filled with realistic values, with Apache's prefix.
      const data = JSON.parse(await readFile(path.join(site, 'search/matcher.json'), 'utf8')) as MatcherData;
      const matcher = createMatcher(data);
      const lines = data.templates.map((t, k) => `${apachePrefix()}${k % 2 ? `${t.codes[0]}: ` : ''}${fillTemplate(t.text, t.placeholders, data.shapes, k)}`);
      lines.push(`${apachePrefix()}This line is not in the reference at all, and matches nothing.`);
      const batch = await timeRuns(() => lines.forEach((l) => matcher.match(l)), 30, 5);
      const perLine = median(batch) / lines.length;
      let slowest = 0;
      for (const l of lines) slowest = Math.max(slowest, Math.min(...(await timeRuns(() => matcher.match(l), 5, 1))));
      report(`matcher per line (median, ${lines.length} lines)`, ms(perLine), `target < ${targets.matcherMs} ms: ${perLine < targets.matcherMs ? 'met' : 'MISSED'}; slowest line ${ms(slowest)}`);

      const missing = browserMissing();
      if (missing) {
        process.stdout.write(`  browser figures skipped: ${missing}\n`);
        return;
      }
      // Two cores shared with other work: the load says how far to trust the timings below.
      report('machine load (1-minute average)', os.loadavg()[0]?.toFixed(2) ?? '?', `${os.cpus().length} CPUs`);
      const server = await serveStatic(site, '/');
      const browser = await launchBrowser();
      try {
        // Each word of a full-text query costs one index chunk (about 4 KB).
        for (const [label, query] of [
          ['code', 'WSGI0117'],
          ['message words', 'daemon socket'],
          ['four words', 'python home virtual environment'],
          ['log line', lines[116] ?? (lines[0] as string)]
        ] as const) {
          const bytes = await firstQueryBytes(browser, server, query);
          const target = `target < ${targets.firstQueryKB} KB: ${bytes.raw / 1024 < targets.firstQueryKB ? 'met' : 'MISSED'} (as sent, uncompressed)`;
          report(`first query downloads (${label})`, kb(bytes.raw), `${bytes.files} files; ${kb(bytes.gzip)} if the host gzips; ${target}`);
        }

        // Cold: a fresh browser context (empty cache) per query, the first keystroke on a loaded page.
        const cold: number[] = [];
        for (const q of wordQueries) {
          const context = await browser.newContext();
          const page = await context.newPage();
          await page.goto(server.url, { waitUntil: 'load' });
          cold.push(await timeQuery(page, q));
          await context.close();
        }
        const coldMid = median(cold);
        report(`keystroke to results, cold (median of ${cold.length})`, ms(coldMid), `target < ${targets.coldMs} ms: ${coldMid < targets.coldMs ? 'met' : 'MISSED'}; max ${ms(Math.max(...cold))}; nothing fetched before the keystroke`);

        // The usual case: the box is focused (which starts the downloads) a moment before typing.
        const focused: number[] = [];
        for (const q of wordQueries) {
          const context = await browser.newContext();
          const page = await context.newPage();
          await page.goto(server.url, { waitUntil: 'load' });
          await page.locator('#search-input').focus();
          await page.waitForTimeout(300);
          focused.push(await timeQuery(page, q));
          await context.close();
        }
        const focusedMid = median(focused);
        report(`cold, typed 300 ms after focusing (median of ${focused.length})`, ms(focusedMid), `target < ${targets.coldMs} ms: ${focusedMid < targets.coldMs ? 'met' : 'MISSED'}; max ${ms(Math.max(...focused))}`);

        // Warm: one page whose first query has loaded Pagefind; each query
        // below has new words, so most still fetch an index chunk or two,
        // and all fetch their result fragments.
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(server.url, { waitUntil: 'load' });
        await timeQuery(page, 'warm up');
        const warm: number[] = [];
        for (const q of wordQueries) warm.push(await timeQuery(page, q));
        const warmMid = median(warm);
        report(`keystroke to results, warm words (median of ${warm.length})`, ms(warmMid), `target < ${targets.warmMs} ms: ${warmMid < targets.warmMs ? 'met' : 'MISSED'}; max ${ms(Math.max(...warm))}; new words each time`);
        // The same queries again: everything they need is in the page already.
        const again: number[] = [];
        for (const q of wordQueries) again.push(await timeQuery(page, q));
        report(`keystroke to results, warm words repeated (median of ${again.length})`, ms(median(again)), `max ${ms(Math.max(...again))}; nothing to fetch`);
        const codes: number[] = [];
        for (let k = 0; k < samples; k++) codes.push(await timeQuery(page, `WSGI${String(k * 10 + 1).padStart(4, '0')}`));
        report(`keystroke to results, warm codes (median of ${codes.length})`, ms(median(codes)));
        const pasted: number[] = [];
        for (let k = 0; k < samples; k++) pasted.push(await timeQuery(page, lines[(k * 9) % lines.length] as string));
        report(`keystroke to results, warm log lines (median of ${pasted.length})`, ms(median(pasted)));
        await context.close();
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
