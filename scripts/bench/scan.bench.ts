// npm run bench -- --only scan
// `wsgi-errors scan` as a user runs it (the bin launcher in a child process,
// start-up included) over generated Apache error logs of 200 MB and 50 MB,
// 5% of whose lines are mod_wsgi's (half tagged with their code, half
// untagged, as older releases wrote them). Targets: at least 50 MB/s on the
// 200 MB log, and peak RSS under 200 MB whatever the log size. Also the
// start-up time of a short command (`explain`).
//
// The reference is the real corpus (built once into a temporary site) when
// it is there, else content/. Logs go to a temporary folder removed at the end.
// Runs: BENCH_SCAN_RUNS (default 3) per measurement, median reported.
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, writeSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { matcherFile } from '../cli/load-reference.js';
import { createMatcher, type MatcherData } from '../search/matcher.js';
import { corpusDocs, corpusMissing } from '../../test/support/sites.js';
import { type BenchSection, median, report } from './stats.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const launcher = path.join(root, 'bin/wsgi-errors.js');
const tsxCli = path.join(root, 'node_modules/tsx/dist/cli.mjs');
const timeBin = '/usr/bin/time';

const runs = positive(process.env.BENCH_SCAN_RUNS, 3);
const mb = 1e6;
const targetMBps = 50;
const rssBudgetMB = 200;

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

interface ChildRun {
  ms: number;
  stdoutBytes: number;
  stderr: string;
  code: number | null;
}

/** Run a child, consuming its stdout as a pager would; stdin from a file when given. */
function runChild(command: string, args: readonly string[], stdinFile?: string): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const stdinFd = stdinFile ? openSync(stdinFile, 'r') : null;
    const started = performance.now();
    const child = spawn(command, args, { cwd: root, stdio: [stdinFd ?? 'ignore', 'pipe', 'pipe'] });
    let stdoutBytes = 0;
    let stderr = '';
    child.stdout?.on('data', (b: Buffer) => (stdoutBytes += b.length));
    child.stderr?.on('data', (b: Buffer) => {
      if (stderr.length < 100_000) stderr += b.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (stdinFd !== null) closeSync(stdinFd);
      resolve({ ms: performance.now() - started, stdoutBytes, stderr, code });
    });
  });
}

interface ScanFigures {
  ms: number;
  maxRssKb: number;
  matched: number;
  examined: number;
  matcherRuns: number;
  outputBytes: number;
}

/** One scan; peak RSS from /usr/bin/time -v when installed, else the tool's own --stats. */
async function scanOnce(log: string, site: string, extra: readonly string[], viaStdin = false): Promise<ScanFigures> {
  const args = [launcher, 'scan', viaStdin ? '-' : log, '--site', site, '--stats', ...extra];
  const useTime = existsSync(timeBin);
  const r = useTime ? await runChild(timeBin, ['-v', process.execPath, ...args], viaStdin ? log : undefined) : await runChild(process.execPath, args, viaStdin ? log : undefined);
  if (r.code !== 0) throw new Error(`scan exited with ${r.code}\n${r.stderr.slice(0, 2000)}`);
  const stats = JSON.parse(/^stats (.*)$/m.exec(r.stderr)?.[1] ?? '{}') as { maxRssKb?: number; matched?: number; examined?: number; matcherRuns?: number };
  const fromTime = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  return { ms: r.ms, maxRssKb: fromTime ? Number(fromTime[1]) : (stats.maxRssKb ?? Number.NaN), matched: stats.matched ?? -1, examined: stats.examined ?? -1, matcherRuns: stats.matcherRuns ?? -1, outputBytes: r.stdoutBytes };
}

// ---- the generated log ----------------------------------------------------

const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Apache 2.4's timestamp for second `s` of a November day, microseconds from `us`. */
function apacheTime(s: number, us: number): string {
  const hh = String(Math.floor(s / 3600) % 24).padStart(2, '0');
  const mm = String(Math.floor(s / 60) % 60).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  const day = 1 + (Math.floor(s / 86400) % 28);
  return `${days[day % 7]} Nov ${String(day).padStart(2, ' ')} ${hh}:${mm}:${ss}.${String(us % 1_000_000).padStart(6, '0')} 2026`;
}

// What an error log is mostly made of: core and module notices, proxy and
// TLS complaints, access denials, and Python tracebacks from the application
// (under [wsgi:error], full of words mod_wsgi's own messages use too).
const unrelated: ((n: number) => string)[] = [
  (n) => `[mpm_event:notice] [pid ${800 + (n % 7)}:tid 140213] AH00489: Apache/2.4.62 (Debian) mod_wsgi/5.0.2 Python/3.12 configured -- resuming normal operations`,
  (n) => `[core:notice] [pid ${800 + (n % 7)}:tid 140213] AH00094: Command line: '/usr/sbin/apache2'`,
  (n) => `[proxy:error] [pid ${900 + (n % 50)}:tid 14021${n % 10}] (111)Connection refused: AH00957: http: attempt to connect to 127.0.0.1:8080 (localhost:8080) failed`,
  (n) => `[proxy_http:error] [pid ${900 + (n % 50)}:tid 14021${n % 10}] [client 198.51.100.${n % 250}:${40000 + (n % 20000)}] AH01114: HTTP: failed to make connection to backend: localhost`,
  (n) => `[wsgi:error] [pid ${1000 + (n % 40)}:tid 14021${n % 10}] [remote 203.0.113.${n % 250}:${30000 + (n % 30000)}] Traceback (most recent call last):`,
  (n) => `[wsgi:error] [pid ${1000 + (n % 40)}:tid 14021${n % 10}] [remote 203.0.113.${n % 250}:${30000 + (n % 30000)}]   File "/usr/lib/python3/dist-packages/django/core/handlers/exception.py", line 55, in inner`,
  (n) => `[wsgi:error] [pid ${1000 + (n % 40)}:tid 14021${n % 10}] [remote 203.0.113.${n % 250}:${30000 + (n % 30000)}]     response = get_response(request)`,
  (n) => `[wsgi:error] [pid ${1000 + (n % 40)}:tid 14021${n % 10}] [remote 203.0.113.${n % 250}:${30000 + (n % 30000)}] django.db.utils.OperationalError: could not connect to server: Connection refused`,
  (n) => `[ssl:warn] [pid ${800 + (n % 7)}:tid 140213] AH01909: www.example.org:443:0 server certificate does NOT include an ID which matches the server name`,
  (n) => `[authz_core:error] [pid ${900 + (n % 50)}:tid 14021${n % 10}] [client 192.0.2.${n % 250}:${50000 + (n % 10000)}] AH01630: client denied by server configuration: /var/www/private/${n % 97}.html`,
  (n) => `[core:error] [pid ${900 + (n % 50)}:tid 14021${n % 10}] [client 192.0.2.${n % 250}:${50000 + (n % 10000)}] AH00126: Invalid URI in request GET /cgi-bin/%2e%2e/%2e%2e/bin/sh HTTP/1.1`,
  (n) => `[mpm_event:warn] [pid 811:tid 140213] AH00045: child process ${4000 + (n % 900)} still did not exit, sending a SIGTERM`,
  (n) => `[php:error] [pid ${900 + (n % 50)}:tid 14021${n % 10}] [client 192.0.2.${n % 250}:51234] PHP Warning:  Undefined variable $user in /var/www/legacy/index.php on line ${n % 300}`
];

interface Generated {
  bytes: number;
  lines: number;
  matching: number;
}

/** Distinct values per placeholder: enough repetition to be a log, enough variety to be a real one. */
const variants = 40;

/**
 * Messages the matcher recognises once filled in, each with the codes it
 * names and `variants` versions with different values (pid numbers, paths).
 */
function matchingMessages(data: MatcherData): { codes: string[]; texts: string[] }[] {
  const matcher = createMatcher(data);
  const out: { codes: string[]; texts: string[] }[] = [];
  for (const t of data.templates) {
    const texts: string[] = [];
    for (let v = 0; v < variants; v++) {
      const text = t.segments
        .map((s) => {
          if (typeof s === 'string') return s;
          const forms = data.forms[s.name];
          const form = forms ? forms[v % forms.length] : undefined;
          return form ? form.map((f) => (typeof f === 'string' ? f : `shop${v}`)).join('') : /^(i|n|id|uid|gid|pid|x|y)$/i.test(s.name) ? String(42 + v) : `/srv/shop${v}/app.wsgi`;
        })
        .join('');
      if (matcher.match(text).candidates.length > 0) texts.push(text);
    }
    if (texts.length > 0) out.push({ codes: t.codes, texts });
  }
  return out;
}

/** Write about `size` bytes of log; every 20th line is mod_wsgi's, alternately tagged and untagged. */
function generateLog(file: string, size: number, data: MatcherData): Generated {
  const messages = matchingMessages(data);
  const fd = openSync(file, 'w');
  let bytes = 0;
  let lines = 0;
  let matching = 0;
  let n = 0;
  try {
    while (bytes < size) {
      let block = '';
      for (let k = 0; k < 20_000; k++, n++) {
        const time = `[${apacheTime(Math.floor(n / 40), n * 7919)}] `;
        if (n % 20 === 7) {
          const k = (n - 7) / 20;
          const m = messages[k % messages.length] as { codes: string[]; texts: string[] };
          const level = ['crit', 'alert', 'error', 'warn'][k % 4] as string;
          const tag = k % 2 === 0 ? `${m.codes[0] as string}: ` : '';
          block += `${time}[wsgi:${level}] [pid ${1000 + (n % 40)}:tid 140213] ${tag}${m.texts[Math.floor(k / messages.length) % m.texts.length] as string}\n`;
          matching++;
        } else {
          block += time + (unrelated[n % unrelated.length] as (n: number) => string)(n) + '\n';
        }
        lines++;
      }
      bytes += writeSync(fd, block);
    }
  } finally {
    closeSync(fd);
  }
  return { bytes, lines, matching };
}

// ---- the section --------------------------------------------------------------

async function referenceSite(work: string): Promise<{ site: string; label: string }> {
  const corpus = corpusMissing() === null;
  const site = path.join(work, 'site');
  const docs = corpus ? corpusDocs : path.join(root, 'content');
  const r = await runChild(process.execPath, [tsxCli, 'scripts/build.ts', '--docs', docs, '--out', site, '--quiet']);
  if (r.code !== 0) throw new Error(`building the reference site failed\n${r.stderr.slice(0, 2000)}`);
  return { site, label: corpus ? 'real corpus' : 'content/ sample (no corpus)' };
}

const mbps = (bytes: number, ms: number) => bytes / mb / (ms / 1000);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function measure(label: string, log: string, size: number, site: string, extra: string[], viaStdin = false): Promise<ScanFigures> {
  const figures: ScanFigures[] = [];
  for (let k = 0; k < runs; k++) figures.push(await scanOnce(log, site, extra, viaStdin));
  const ms = median(figures.map((f) => f.ms));
  const rss = Math.max(...figures.map((f) => f.maxRssKb)) / 1024;
  const rate = mbps(size, ms);
  report(`${label}, median of ${runs}`, `${rate.toFixed(0)} MB/s`, `${seconds(ms)}; peak RSS ${rss.toFixed(0)} MB`);
  return { ...(figures[0] as ScanFigures), ms, maxRssKb: rss * 1024 };
}

async function run(): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), 'wsgi-errors-bench-'));
  try {
    const { site, label } = await referenceSite(work);
    const data = JSON.parse(await readFile(path.join(site, matcherFile), 'utf8')) as MatcherData;
    report('reference', label, `${data.codes.length} codes, ${data.templates.length} message templates`);

    // Start-up: the launcher, the cached bundle and the reference from errors.json.
    await runChild(process.execPath, [launcher, 'explain', 'WSGI0030', '--site', site]);
    const starts: number[] = [];
    for (let k = 0; k < 10; k++) starts.push((await runChild(process.execPath, [launcher, 'explain', 'WSGI0030', '--site', site])).ms);
    const bare: number[] = [];
    for (let k = 0; k < 10; k++) bare.push((await runChild(process.execPath, ['-e', '0'])).ms);
    report('start-up: explain WSGI0030, median of 10', `${median(starts).toFixed(0)} ms`, `node -e 0 takes ${median(bare).toFixed(0)} ms`);

    const big = path.join(work, 'error-200.log');
    const small = path.join(work, 'error-50.log');
    const t = performance.now();
    const g200 = generateLog(big, 200 * mb, data);
    const g50 = generateLog(small, 50 * mb, data);
    report('generated logs', `${(g200.bytes / mb).toFixed(0)} + ${(g50.bytes / mb).toFixed(0)} MB`, `${g200.lines.toLocaleString('en-GB')} lines in the large one, ${((100 * g200.matching) / g200.lines).toFixed(1)}% mod_wsgi's; ${seconds(performance.now() - t)}`);
    const size200 = (await stat(big)).size;
    const size50 = (await stat(small)).size;

    const text = await measure('200 MB, text output (piped)', big, size200, site, []);
    report('  lines matched', `${text.matched.toLocaleString('en-GB')}`, `of ${g200.matching.toLocaleString('en-GB')} written; ${(text.outputBytes / mb).toFixed(1)} MB of output`);
    report('  untagged lines past the prefilter', `${text.examined.toLocaleString('en-GB')}`, `matcher ran on ${text.matcherRuns.toLocaleString('en-GB')} (the rest repeated a message already seen)`);
    if (text.matched !== g200.matching) report('  WARNING', 'match count differs', `expected ${g200.matching}, got ${text.matched}`);
    const verdict = mbps(size200, text.ms) >= targetMBps ? `meets the target (>= ${targetMBps} MB/s)` : `MISSES the target (>= ${targetMBps} MB/s)`;
    report('  throughput verdict', `${mbps(size200, text.ms).toFixed(0)} MB/s`, verdict);
    await measure('200 MB, --json (JSON Lines)', big, size200, site, ['--json']);
    await measure('200 MB, --quiet (summary only)', big, size200, site, ['--quiet']);
    await measure('200 MB from standard input, --quiet', big, size200, site, ['--quiet'], true);
    const fifty = await measure('50 MB, text output (piped)', small, size50, site, []);

    const peak = Math.max(text.maxRssKb, fifty.maxRssKb) / 1024;
    const spread = Math.abs(text.maxRssKb - fifty.maxRssKb) / 1024;
    report('peak RSS 200 MB vs 50 MB', `${(text.maxRssKb / 1024).toFixed(0)} vs ${(fifty.maxRssKb / 1024).toFixed(0)} MB`, `${peak < rssBudgetMB ? `under the ${rssBudgetMB} MB budget` : `OVER the ${rssBudgetMB} MB budget`}; difference ${spread.toFixed(0)} MB`);
    report('peak RSS measured by', existsSync(timeBin) ? '/usr/bin/time -v' : 'scan --stats', '');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const section: BenchSection = { name: 'scan', title: 'wsgi-errors scan: throughput and memory on generated logs', run };
export default section;
