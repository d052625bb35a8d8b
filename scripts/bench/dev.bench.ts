// npm run bench -- --only dev
// `npm run dev` on a copy of the real corpus, as a writer uses it: start-up to
// the first page served, then save to reloaded page in headless Chromium (file
// written to the page's load event) for a one-field edit of one entry and for
// a runbook edit, beside the full build (`npm run build`) and Sphinx's rebuild
// after one edit (sphinx-build -b html, incremental) measured in the same run;
// then the dev process's resident memory over many consecutive edits.
//
// Runs: BENCH_DEV_EDITS (default 20) entry edits, BENCH_DEV_RUNBOOK_EDITS
// (default 10), BENCH_DEV_MEMORY_EDITS (default 200), BENCH_DEV_STARTS
// (default 3, after one warm-up) and BENCH_DEV_BUILDS (default 3, after one
// warm-up). Each timed edit starts from a quiet server (the search index of
// the last one made), as when a writer saves, reads, then saves again.
import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { browserMissing, launchBrowser } from '../../test/support/browser.js';
import { type DevProcess, startDev } from '../../test/support/dev-process.js';
import { corpusDocs, corpusMissing } from '../../test/support/sites.js';
import { type BenchSection, median, report } from './stats.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const launcher = path.join(root, 'scripts/launch.mjs');

const positive = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};
const edits = positive(process.env.BENCH_DEV_EDITS, 20);
const runbookEdits = positive(process.env.BENCH_DEV_RUNBOOK_EDITS, 10);
const memoryEdits = positive(process.env.BENCH_DEV_MEMORY_EDITS, 200);
const starts = positive(process.env.BENCH_DEV_STARTS, 3);
const builds = positive(process.env.BENCH_DEV_BUILDS, 3);

/** The entry edited: one sentence of its cause. */
const code = 'WSGI0030';
const causeLine = /^( {3}``apr_proc_mutex_create\(\)`` failed)(?: \(edit \d+\))? (when creating the cross-process)$/m;
const runbookName = 'accept-lock-semaphores.md';

const msText = (v: number) => `${v.toFixed(0)} ms`;
const spread = (values: readonly number[]) => `min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)}, n=${values.length}`;

function run(command: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('close', (status) => (status === 0 ? resolve(performance.now() - started) : reject(new Error(`${path.basename(command)} ${args.join(' ')} exited with ${status}\n${stderr}`))));
  });
}

/** Resident memory of a process, in MB (Linux). */
function rssOf(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function editCause(file: string, k: number): Promise<string> {
  const text = await readFile(file, 'utf8');
  const marker = `(edit ${k})`;
  if (!causeLine.test(text)) throw new Error(`the cause line of ${code} is not in ${file}`);
  await writeFile(file, text.replace(causeLine, `$1 ${marker} $2`));
  return marker;
}

/** The inputs as a Sphinx project (no index.rst: the configuration page is the root). */
async function sphinxSource(docs: string, dir: string): Promise<void> {
  await mkdir(path.join(dir, 'configuration-directives'), { recursive: true });
  await cp(path.join(docs, 'error-reference.rst'), path.join(dir, 'error-reference.rst'));
  await cp(path.join(docs, 'configuration.rst'), path.join(dir, 'configuration.rst'));
  for (const f of (await readdir(path.join(docs, 'configuration-directives'))).filter((n) => n.endsWith('.rst'))) await cp(path.join(docs, 'configuration-directives', f), path.join(dir, 'configuration-directives', f));
  await writeFile(path.join(dir, 'conf.py'), "project = 'mod_wsgi'\nroot_doc = 'configuration'\n");
}

/** Writes, then waits for the page's load event; ms from the write to the event. */
async function timedReload(page: Page, write: () => Promise<unknown>): Promise<number> {
  const loaded = page.waitForEvent('load', { timeout: 15_000 });
  const started = performance.now();
  await write();
  await loaded;
  return performance.now() - started;
}

async function measure(tmp: string): Promise<void> {
  const docs = path.join(tmp, 'docs');
  const runbooks = path.join(tmp, 'runbooks');
  await cp(corpusDocs, docs, { recursive: true });
  await cp(path.join(root, 'content/runbooks'), runbooks, { recursive: true });
  const reference = path.join(docs, 'error-reference.rst');
  const devArgs = ['--docs', docs, '--runbooks', runbooks, '--port', '0'];

  // Sphinx: a first full build, then the rebuild after one edit of one entry.
  const sphinx = spawnSync('sphinx-build', ['--version'], { encoding: 'utf8' });
  const src = path.join(tmp, 'sphinx-src');
  const sphinxOut = path.join(tmp, 'sphinx-out');
  if (sphinx.status === 0) {
    await sphinxSource(docs, src);
    await run('sphinx-build', ['-b', 'html', '-q', src, sphinxOut]);
  }

  // The full build (`npm run build`), the start-up of `npm run dev` to its
  // first page served, and Sphinx's rebuild after one edit, run by run in
  // turn, so load from other work on the machine falls on all three.
  const buildTimes: number[] = [];
  const startTimes: number[] = [];
  const sphinxTimes: number[] = [];
  let dev: DevProcess | null = null;
  for (let k = -1; k < Math.max(builds, starts); k++) {
    if (k < builds) {
      const out = path.join(tmp, `site-${k + 1}`);
      const args = [launcher, 'build', '--docs', docs, '--runbooks', runbooks, '--out', out, '--quiet'];
      // A failed build is reported, then run again, so one failure does not lose the run.
      const t = await run(process.execPath, args).catch(async (error: unknown) => {
        report('  a full build FAILED, run again', '', String(error instanceof Error ? error.message : error).split('\n').slice(1, 2).join(''));
        return run(process.execPath, args);
      });
      if (k >= 0) buildTimes.push(t);
      await rm(out, { recursive: true, force: true });
    }
    if (k >= 0 && k < builds && sphinx.status === 0) {
      await editCause(path.join(src, 'error-reference.rst'), 1000 + k);
      sphinxTimes.push(await run('sphinx-build', ['-b', 'html', '-q', src, sphinxOut]));
    }
    if (k < starts) {
      const started = performance.now();
      const d = await startDev(devArgs);
      const response = await fetch(`${d.url}errors/${code}/`);
      if (response.status !== 200) throw new Error(`npm run dev served ${response.status} for ${code}`);
      await response.text();
      if (k >= 0) startTimes.push(performance.now() - started);
      if (k < starts - 1) await d.stop();
      else dev = d;
    }
  }
  const fullBuild = median(buildTimes);
  report('full build (npm run build), median', msText(fullBuild), spread(buildTimes));
  if (sphinx.status === 0) report('sphinx-build -b html after one edit, median', msText(median(sphinxTimes)), `${spread(sphinxTimes)}; ${(sphinx.stdout || sphinx.stderr).trim()}`);
  else report('sphinx-build', 'not installed', 'install python3-sphinx to compare');
  const startup = median(startTimes);
  report('dev start-up to first page served, median', msText(startup), `${spread(startTimes)}; ${startup <= fullBuild ? 'within' : 'OVER'} the full build time`);
  if (!dev) return;

  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await dev.waitFor(/search index:/);
    await page.goto(`${dev.url}errors/${code}/`);

    // Save to reloaded page, one field of one entry.
    const entryTimes: number[] = [];
    for (let k = 1; k <= edits; k++) {
      const from = dev.lines.length;
      let marker = '';
      entryTimes.push(
        await timedReload(page, async () => {
          marker = await editCause(reference, k);
        })
      );
      if (!(await page.locator('#cause').innerText()).includes(marker)) throw new Error(`the reloaded page lacks ${marker}`);
      await dev.waitFor(/search index:/, from, 15_000);
    }
    const entryMedian = median(entryTimes);
    report('save to reloaded page, entry edit, median', msText(entryMedian), `${spread(entryTimes)}; target <= 250 ms: ${entryMedian <= 250 ? 'met' : 'MISSED'}; ${(fullBuild / entryMedian).toFixed(1)}x faster than the full build`);
    const steps = dev.lines.filter((l) => / changed: \d+ files? written in /.test(l)).slice(-edits);
    const inProcess = steps.map((l) => Number(/ in (\d+) ms/.exec(l)?.[1] ?? NaN)).filter((n) => !Number.isNaN(n));
    if (inProcess.length) report('  of which the rebuild in the dev process', msText(median(inProcess)), spread(inProcess));

    // Save to reloaded page, a runbook.
    const runbookFile = path.join(runbooks, runbookName);
    const original = await readFile(runbookFile, 'utf8');
    const slug = runbookName.replace(/\.md$/, '');
    await page.goto(`${dev.url}runbooks/${slug}/`);
    const runbookTimes: number[] = [];
    for (let k = 1; k <= runbookEdits; k++) {
      const from = dev.lines.length;
      runbookTimes.push(await timedReload(page, () => writeFile(runbookFile, `${original}\nEdit number ${k} of this runbook.\n`)));
      if (!(await page.locator('main').innerText()).includes(`Edit number ${k} of`)) throw new Error(`the reloaded runbook lacks edit ${k}`);
      await dev.waitFor(/search index:/, from, 15_000);
    }
    const runbookMedian = median(runbookTimes);
    report('save to reloaded page, runbook edit, median', msText(runbookMedian), `${spread(runbookTimes)}; target <= 200 ms: ${runbookMedian <= 200 ? 'met' : 'MISSED'}`);
    await page.close();

    // Memory over consecutive edits (each one rebuilt before the next).
    const pid = dev.child.pid as number;
    const before = rssOf(pid);
    const samples: string[] = [];
    for (let k = 1; k <= memoryEdits; k++) {
      const from = dev.lines.length;
      await editCause(reference, 10_000 + k);
      await dev.waitFor(/ changed: /, from, 15_000);
      if (k % 50 === 0) samples.push(`${k}: ${rssOf(pid)?.toFixed(0) ?? '?'} MB`);
    }
    const from = dev.lines.length;
    await dev.waitFor(/search index:/, from, 15_000);
    const after = rssOf(pid);
    report(`dev RSS at 0 and after ${memoryEdits} edits`, before !== null && after !== null ? `${before.toFixed(0)} -> ${after.toFixed(0)} MB` : 'not measurable', samples.join(', '));
  } finally {
    await browser.close();
    const exit = await dev.stop();
    report('Ctrl-C', `exit ${String(exit)}`, existsSync(dev.site) ? `LEFT ${dev.site} behind` : 'temporary folder removed');
  }
}

async function runSection(): Promise<void> {
  const missing = corpusMissing() ?? browserMissing();
  if (missing) {
    process.stdout.write(`  skipped: ${missing}\n`);
    return;
  }
  const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
  process.stdout.write(`  load average at start: ${load()} (shared machine: medians, expect noise)\n`);
  const tmp = await mkdtemp(path.join(tmpdir(), 'bench-dev-'));
  try {
    await measure(tmp);
  } finally {
    await rm(tmp, { recursive: true, force: true });
    process.stdout.write(`  load average at end: ${load()}\n`);
  }
}

const section: BenchSection = {
  name: 'dev',
  title: 'npm run dev: start-up, save to reloaded page (entry, runbook), memory; beside the full build and Sphinx',
  run: runSection
};
export default section;
