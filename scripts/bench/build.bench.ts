// npm run bench -- --only build
// The full build as a user runs it (`npm run build`: scripts/launch.mjs in a child process, start-up included),
// beside sphinx-build on the same inputs, then synthetic corpora of 2,000 and
// 10,000 codes for growth, then output size and the weight of a code page.
//
// Runs: BENCH_BUILD_RUNS (default 5, after one warm-up) for the real corpus,
// BENCH_SYNTH_RUNS (default 3) per synthetic size, BENCH_SYNTH_SIZES (default
// 2000,10000); BENCH_SYNTH_SPHINX=1 adds one sphinx-build of the smaller
// synthetic corpus (about 200 s). Our build and Sphinx's
// alternate run by run, so load from other work on the machine falls on both.
// Each synthetic size also reports the file system's floor: the time to write
// the same files and folders with Node's fs alone, in the same folder.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, statfs, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { corpusDocs, corpusMissing } from '../../test/support/sites.js';
import { isCode } from '../model/code-syntax.js';
import { writeCorpus } from '../synth/generate-corpus.js';
import type { Phase } from '../site/phases.js';
import { type BenchSection, median, report } from './stats.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const launcher = path.join(root, 'scripts/launch.mjs');

/**
 * The Node options of package.json's build script: the bench runs our build
 * as `npm run build` does, without npm's own start-up (0.2-0.35 s).
 */
const buildFlags = buildScriptFlags();
function buildScriptFlags(): string[] {
  const script = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['build'] ?? '';
  const m = /^node((?:\s+--[\w-]+(?:=\S+)?)*)\s+scripts\/launch\.mjs build$/.exec(script);
  if (!m) throw new Error(`package.json's build script is not "node [--options] scripts/launch.mjs build": ${script}`);
  return (m[1] as string).trim().split(/\s+/).filter(Boolean);
}

const runs = positive(process.env.BENCH_BUILD_RUNS, 5);
const synthRuns = positive(process.env.BENCH_SYNTH_RUNS, 3);
const synthSizes = sizes(process.env.BENCH_SYNTH_SIZES) ?? [2000, 10000];
/** Page weight budget for one code page with its stylesheet, gzipped. */
const weightBudget = 20 * 1024;

/** `500,2500`: two sizes, small then large. */
function sizes(value: string | undefined): [number, number] | null {
  const list = (value ?? '').split(',').map(Number);
  const [a, b] = list;
  return list.length === 2 && a !== undefined && b !== undefined && Number.isInteger(a) && Number.isInteger(b) && a > 0 && b > a && b <= 10000 ? [a, b] : null;
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** GNU time, when installed, adds the CPU time of a run (all its processes). */
const gnuTime = spawnSync('/usr/bin/time', ['-f', '%U %S', 'true'], { encoding: 'utf8' }).status === 0 ? '/usr/bin/time' : null;
const cpuMarker = '@bench-cpu';

interface Timing {
  /** Wall time in ms, from spawn to exit. */
  wall: number;
  /** User + system CPU time in ms of the process and its children, when measurable. */
  cpu: number | null;
  /** Peak resident memory in MB of the largest process of the run, when measurable. */
  rss: number | null;
  /** Our build's own phases (`--timings`), in ms. */
  phases: Phase[] | null;
  /** Peak resident memory in MB of our build's own process (`--timings`), without Pagefind's. */
  ownRss: number | null;
}

/** Time a child process; rejects with the end of its stderr when it fails. */
function timeChild(command: string, args: readonly string[]): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const argv = gnuTime ? ['-f', `${cpuMarker} %U %S %M`, command, ...args] : [...args];
    const child = spawn(gnuTime ?? command, argv, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-20000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = performance.now() - started;
      const m = new RegExp(`${cpuMarker} ([\\d.]+) ([\\d.]+) (\\d+)\\s*$`).exec(stderr);
      const cpu = m ? (Number(m[1]) + Number(m[2])) * 1000 : null;
      const rss = m ? Number(m[3]) / 1024 : null;
      const json = /^\{"phases":.*\}$/m.exec(stderr);
      const parsed = json ? (JSON.parse(json[0]) as { phases: Phase[]; peakRssMB?: number }) : null;
      if (code === 0) resolve({ wall, cpu, rss, phases: parsed?.phases ?? null, ownRss: parsed?.peakRssMB ?? null });
      else reject(new Error(`${path.basename(command)} ${args.join(' ')} exited with ${code}\n${stderr}`));
    });
  });
}

function ourBuild(docs: string, out: string, extra: readonly string[] = []): Promise<Timing> {
  return timeChild(process.execPath, [...buildFlags, launcher, 'build', '--docs', docs, '--out', out, '--quiet', '--timings', ...extra]);
}

function sphinxBuild(src: string, out: string): Promise<Timing> {
  // -E: read every file again (no saved environment), -q: warnings only.
  return timeChild('sphinx-build', ['-b', 'html', '-E', '-q', src, out]);
}

function sphinxVersion(): string | null {
  const r = spawnSync('sphinx-build', ['--version'], { encoding: 'utf8' });
  return r.error || r.status !== 0 ? null : r.stdout.trim() || r.stderr.trim();
}

/** The inputs our build reads from `docs`, as a Sphinx project of their own. */
async function sphinxSource(docs: string, dir: string): Promise<void> {
  await mkdir(path.join(dir, 'configuration-directives'), { recursive: true });
  await cp(path.join(docs, 'error-reference.rst'), path.join(dir, 'error-reference.rst'));
  await cp(path.join(docs, 'configuration.rst'), path.join(dir, 'configuration.rst'));
  const pages = (await readdir(path.join(docs, 'configuration-directives'))).filter((f) => f.endsWith('.rst'));
  for (const f of pages) await cp(path.join(docs, 'configuration-directives', f), path.join(dir, 'configuration-directives', f));
  // No index.rst is copied, so the configuration page is the root document.
  await writeFile(path.join(dir, 'conf.py'), "project = 'mod_wsgi'\nroot_doc = 'configuration'\n");
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const spread = (times: readonly number[]): string => `runs ${times.map((t) => (t / 1000).toFixed(2)).join(' ')} s`;

async function sizeOf(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { bytes, files };
}

/** Scripts in <head> without defer/async/module hold up the first paint. */
function renderBlockingScripts(html: string): number {
  const head = /<head>([\s\S]*?)<\/head>/.exec(html)?.[1] ?? '';
  return [...head.matchAll(/<script\b([^>]*)>/g)].filter((m) => !/\b(defer|async)\b|type="module"/.test(m[1] ?? '')).length;
}

async function pageWeight(site: string): Promise<void> {
  const errorsDir = path.join(site, 'errors');
  const codes = (await readdir(errorsDir)).filter(isCode);
  const pages = await Promise.all(
    codes.map(async (code) => {
      const html = await readFile(path.join(errorsDir, code, 'index.html'));
      return { code, raw: html.length, gz: gzipSync(html, { level: 9 }).length, blocking: renderBlockingScripts(html.toString('utf8')) };
    })
  );
  pages.sort((a, b) => a.gz - b.gz);
  const typical = pages[pages.length >> 1];
  const largest = pages[pages.length - 1];
  if (!typical || !largest) {
    report('page weight', 'no code pages found');
    return;
  }
  const css = await readFile(path.join(site, 'style.css')).catch(() => null);
  const cssGz = css ? gzipSync(css, { level: 9 }).length : 0;
  const verdict = (bytes: number) => (bytes <= weightBudget ? `within the ${kb(weightBudget)} budget` : `OVER the ${kb(weightBudget)} budget`);
  report('style.css', css ? `${kb(cssGz)} gz` : 'missing', css ? `${kb(css.length)} raw` : '');
  report(`typical code page (${typical.code}, median)`, `${kb(typical.gz)} gz`, `${kb(typical.raw)} raw`);
  report('typical code page + style.css', `${kb(typical.gz + cssGz)} gz`, verdict(typical.gz + cssGz));
  report(`largest code page (${largest.code}) + style.css`, `${kb(largest.gz + cssGz)} gz`, verdict(largest.gz + cssGz));
  const blocking = pages.filter((p) => p.blocking > 0).length;
  report('code pages with render-blocking scripts', String(blocking), blocking === 0 ? 'none' : 'should be 0');
}

/** Medians of wall and CPU time over a set of runs. */
function summary(timings: readonly Timing[]): { wall: number; cpu: number | null } {
  const cpus = timings.map((t) => t.cpu).filter((c): c is number => c !== null);
  return { wall: median(timings.map((t) => t.wall)), cpu: cpus.length === timings.length ? median(cpus) : null };
}

function reportRuns(label: string, timings: readonly Timing[], extra = ''): { wall: number; cpu: number | null } {
  const s = summary(timings);
  const cpu = s.cpu === null ? '' : `; CPU ${seconds(s.cpu)}`;
  const rss = timings.every((t) => t.rss !== null) ? `; peak RSS ${Math.max(...timings.map((t) => t.rss as number)).toFixed(0)} MB` : '';
  report(label, seconds(s.wall), `${spread(timings.map((t) => t.wall))}${cpu}${rss}${extra}`);
  const own = timings.map((t) => t.ownRss);
  if (own.every((r): r is number => r !== null)) {
    // GNU time's peak is the largest single process: ours, or Pagefind's indexer, which holds its whole index while it builds it
    // (the two figures are rounded differently: a couple of MB is the same process).
    const ours = Math.max(...own);
    const largest = Math.round(Math.max(...timings.map((t) => t.rss ?? 0)));
    report('  peak RSS of the build process', `${ours} MB`, largest > ours + 2 ? `the largest process was a child (Pagefind's indexer): ${largest} MB` : 'the largest process of the run');
  }
  return s;
}

/**
 * The phases of one build of the real corpus on main before the build-once
 * work (issue 11's table, one build, 2 cores), grouped as `--timings` reports
 * them, for comparison with this run's medians.
 */
const phasesBefore: Record<string, { ms: number; note: string }> = {
  'start-up and imports': { ms: 141 + 133 + 709 + 102, note: 'Node + esbuild 141, bundling 133, imports 709, tsx 102' },
  'read docs and runbooks': { ms: 35, note: '' },
  model: { ms: 235, note: '' },
  views: { ms: 148, note: '' },
  'Eleventy render and write, client scripts': { ms: 754, note: 'templates compiled by tsx on top' },
  'search index': { ms: 105 + 344 + 120, note: 'addDirectory 105, writeFiles 344, re-chunking ~120' },
  swap: { ms: 123, note: 'up to' }
};

function reportPhases(timings: readonly Timing[], before = false): void {
  const runs = timings.map((t) => t.phases).filter((p): p is Phase[] => p !== null);
  if (runs.length === 0) return;
  process.stdout.write(`\n  phases of our build, medians${before ? ' (before: issue 11, main, one build)' : ''}\n`);
  for (const { name } of runs[0] as Phase[]) {
    const ms = median(runs.map((r) => r.find((p) => p.name === name)?.ms ?? 0));
    const rss = median(runs.map((r) => r.find((p) => p.name === name)?.rssMB ?? 0));
    const was = before ? phasesBefore[name] : undefined;
    report(`  ${name}`, `${ms.toFixed(0)} ms`, `RSS ${rss.toFixed(0)} MB${was ? `; before ${was.ms} ms${was.note ? ` (${was.note})` : ''}` : ''}`);
  }
  if (!before) return;
  const listed = new Set((runs[0] as Phase[]).map((p) => p.name));
  for (const [name, was] of Object.entries(phasesBefore)) if (!listed.has(name)) report(`  before: ${name}`, `${was.ms} ms`, was.note);
}

/**
 * What a run wrote, removed when the whole section ends (with its temporary
 * folder) rather than between runs. On this machine's file system, creating
 * files soon after many were deleted is slower, and more so after each
 * deletion: 3,000 folders and files took 0.3 s, then 1.1, 2.2 and 2.9 s with
 * the previous set deleted before each (0.3-0.5 s each with none deleted).
 * Removing between runs would charge every build for the last one's cleanup,
 * a build that writes many files most. With under 3 GB free they go at once.
 */
let removeAtOnce = false;
async function discard(dir: string): Promise<void> {
  if (removeAtOnce) await rm(dir, { recursive: true, force: true });
}

/**
 * The file system's own cost for a site: every folder and file of `site`
 * written again into a fresh folder beside it, with Node's fs alone, one
 * thread (as the build's page writer does), contents read beforehand.
 */
async function fileSystemFloor(site: string): Promise<{ ms: number; files: number; folders: number }> {
  const files: [string, Buffer][] = [];
  const folders = new Set<string>();
  for (const entry of await readdir(site, { recursive: true, withFileTypes: true })) {
    const rel = path.relative(site, path.join(entry.parentPath, entry.name));
    if (entry.isDirectory()) folders.add(rel);
    else if (entry.isFile()) files.push([rel, await readFile(path.join(site, rel))]);
  }
  const copy = `${site}-floor`;
  const started = performance.now();
  mkdirSync(copy);
  for (const folder of [...folders].sort()) mkdirSync(path.join(copy, folder));
  for (const [rel, bytes] of files) writeFileSync(path.join(copy, rel), bytes);
  const ms = performance.now() - started;
  await discard(copy);
  return { ms, files: files.length, folders: folders.size };
}

async function realCorpus(tmp: string): Promise<void> {
  process.stdout.write(`\n  real corpus: ${corpusDocs}\n`);
  const version = sphinxVersion();
  const src = path.join(tmp, 'sphinx-src');
  if (version) await sphinxSource(corpusDocs, src);
  else process.stdout.write('  sphinx-build not installed, no ratio (install python3-sphinx to compare)\n');

  let n = 0;
  const fresh = (kind: string) => path.join(tmp, `${kind}-${n++}`);
  const ours: Timing[] = [];
  const theirs: Timing[] = [];
  let lastSite = '';
  for (let k = -1; k < runs; k++) {
    const site = fresh('site');
    const t = await ourBuild(corpusDocs, site);
    if (k >= 0) ours.push(t);
    if (lastSite) await discard(lastSite);
    lastSite = site;
    if (version) {
      const out = fresh('sphinx');
      const s = await sphinxBuild(src, out);
      if (k >= 0) theirs.push(s);
      await discard(out);
    }
  }
  const our = reportRuns(`our build, median of ${runs} (wall)`, ours);
  const peak = Math.max(...ours.map((t) => t.rss ?? 0));
  if (peak > 0) report('  peak RSS', `${peak.toFixed(0)} MB`, peak <= 250 ? 'target <= 250 MB: met' : 'target <= 250 MB: MISSED');
  reportPhases(ours, true);
  if (version) {
    const sphinx = reportRuns(`sphinx-build -b html -E, median of ${runs}`, theirs, `; ${version}`);
    const ratio = our.wall / sphinx.wall;
    report('ratio ours / sphinx (wall)', ratio.toFixed(3), ratio <= 0.25 ? 'meets the stretch target (<= 0.25)' : ratio <= 0.33 ? 'meets the target (<= 0.33; stretch 0.25)' : 'MISSES the target (<= 0.33)');
    if (our.cpu !== null && sphinx.cpu !== null) report('ratio ours / sphinx (CPU, less noisy)', (our.cpu / sphinx.cpu).toFixed(2));
  }

  const size = await sizeOf(lastSite);
  const searchIndex = await stat(path.join(lastSite, 'pagefind')).then(
    () => 'with',
    () => 'without'
  );
  report('output', `${(size.bytes / 1024 / 1024).toFixed(2)} MB`, `${size.files} files, ${searchIndex} a search index`);
  await pageWeight(lastSite);
  await discard(lastSite);
}

async function synthetic(tmp: string): Promise<void> {
  process.stdout.write('\n  synthetic corpora (scripts/synth, seed 1)\n');
  await mkdir(path.join(tmp, 'no-runbooks'), { recursive: true });
  const results = new Map<number, { wall: number; cpu: number | null }>();
  const version = process.env.BENCH_SYNTH_SPHINX === '1' ? sphinxVersion() : null;
  for (const codes of synthSizes) {
    const docs = path.join(tmp, `synth-${codes}`);
    const corpus = await writeCorpus(docs, { codes, seed: 1 });
    const timings: Timing[] = [];
    let size = { bytes: 0, files: 0 };
    let floor = { ms: 0, files: 0, folders: 0 };
    for (let k = 0; k < synthRuns; k++) {
      const site = path.join(tmp, `synth-site-${codes}-${k}`);
      // The project's runbooks cite real codes and directives that a synthetic
      // corpus need not have; they are a fixed cost anyway, so leave them out.
      timings.push(await ourBuild(docs, site, ['--runbooks', path.join(tmp, 'no-runbooks')]));
      if (k === synthRuns - 1) {
        size = await sizeOf(site);
        floor = await fileSystemFloor(site);
      }
      await discard(site);
    }
    const s = reportRuns(`${codes} codes, ${corpus.directives} directives, median of ${synthRuns}`, timings);
    results.set(codes, s);
    report('  seconds per 1,000 codes', `${(s.wall / codes).toFixed(2)} s`, s.cpu === null ? '' : `CPU ${(s.cpu / codes).toFixed(2)} s`);
    report('  output', `${(size.bytes / 1024 / 1024).toFixed(1)} MB`, `${size.files} files`);
    report('  file system floor', seconds(floor.ms), `writing the same ${floor.files} files and ${floor.folders} folders with Node's fs alone, one thread, after the last run`);
    const peak = Math.max(...timings.map((t) => t.rss ?? 0));
    if (codes === 10000) {
      report('  target < 30 s', s.wall < 30000 ? 'met' : 'MISSED', `${seconds(s.wall)}`);
      const own = Math.max(...timings.map((t) => t.ownRss ?? 0));
      if (peak > 0) report('  target peak RSS <= 1 GB', peak <= 1024 ? 'met' : 'MISSED', `${peak.toFixed(0)} MB, the largest process; the build process alone ${own} MB`);
    }
    reportPhases(timings);
    if (version && codes === synthSizes[0]) {
      const src = path.join(tmp, `sphinx-src-${codes}`);
      await sphinxSource(docs, src);
      const out = path.join(tmp, `sphinx-${codes}`);
      const sphinx = reportRuns(`  sphinx-build -b html -E, ${codes} codes, one run`, [await sphinxBuild(src, out)], `; ${version}`);
      await discard(out);
      const ratio = s.wall / sphinx.wall;
      report(`  ratio ours / sphinx, ${codes} codes (wall)`, ratio.toFixed(3), ratio <= 0.05 ? 'target <= 0.05: met' : 'target <= 0.05: MISSED');
    }
    await discard(docs);
  }
  const [small, large] = synthSizes;
  const a = results.get(small) as { wall: number; cpu: number | null };
  const b = results.get(large) as { wall: number; cpu: number | null };
  const linear = large / small;
  const verdict = (g: number) => `${g <= linear ? 'no worse than' : 'WORSE than'} linear (${linear}x)`;
  report(`growth ${large} / ${small} codes (wall)`, `${(b.wall / a.wall).toFixed(2)}x`, verdict(b.wall / a.wall));
  if (a.cpu !== null && b.cpu !== null) report(`growth ${large} / ${small} codes (CPU)`, `${(b.cpu / a.cpu).toFixed(2)}x`, verdict(b.cpu / a.cpu));
  // The fixed start-up cost makes the total look better than linear; the
  // marginal cost per code is the figure that shows true growth.
  report('  marginal seconds per 1,000 codes (wall)', `${((b.wall - a.wall) / (large - small)).toFixed(2)} s`);
}

async function run(): Promise<void> {
  const tmp = await mkdtemp(path.join(tmpdir(), 'bench-build-'));
  const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
  process.stdout.write(`  load average at start: ${load()} (shared machine: medians, expect noise)\n`);
  const free = await statfs(tmp).then((f) => f.bavail * f.bsize);
  removeAtOnce = free < 3 * 1024 ** 3;
  process.stdout.write(`  outputs are removed ${removeAtOnce ? 'after each run (under 3 GB free)' : 'when the section ends, not between runs (about 1 GB kept meanwhile)'}\n`);
  try {
    const missing = corpusMissing();
    if (!missing) await realCorpus(tmp);
    else process.stdout.write(`  ${missing}: no real-corpus build or Sphinx comparison\n`);
    await synthetic(tmp);
  } finally {
    await rm(tmp, { recursive: true, force: true });
    process.stdout.write(`  load average at end: ${load()}\n`);
  }
}

const section: BenchSection = {
  name: 'build',
  title: 'Full build: real corpus vs sphinx-build, synthetic growth, page weight',
  run
};
export default section;
