// `npm run dev`: the site served on 127.0.0.1 from a temporary folder of its
// own, built as `npm run build` builds it, then rebuilt on every save of a
// doc, a runbook, content/, templates/ or public/ (only what the save changed:
// scripts/dev/engine.ts), the open pages reloaded when their file was written
// and the docs' problems shown in the terminal and over the page. The search
// index is made again once saves pause. Ctrl-C stops it and removes the folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { reporter } from 'vfile-reporter';
import { type Io, parseOptions, usageError } from '../command-line.js';
import { projectRoot } from '../project.js';
import { removeOnExit } from '../site/output-folder.js';
import { isHttpUrl } from '../site/site-url.js';
import type { Engine, Outcome } from './engine.js';
import { type EngineModule, loadClient, loadEngine } from './load.js';
import { type DevMessage, type DevServer, startServer } from './server.js';
import { type ChangeKind, watchInputs, type Watched } from './watch.js';

export const devUsage = `Usage: npm run dev [-- options]

Serves the reference site on 127.0.0.1 while you edit the docs or runbooks:
each save rebuilds only the pages it changes and reloads those that are open;
problems in the docs show in this terminal and over the page. Nothing is
written into the docs: the site lives in a temporary folder, removed on exit.

Options:
  --docs DIR         the folder holding error-reference.rst (default: this project's content/)
  --runbooks DIR     Markdown runbooks (default: this project's content/runbooks)
  --port N           the port to serve on (default: 8080, or the next free one; 0: any)
  --base-path PATH   serve the site under a path, as in /mod_wsgi/ (default: /)
  --site-url URL     the origin the site will be served from, as for npm run build
  --upstream URL     the upstream docs, for links to pages outside the reference
  --timings          print where each rebuild's time went
  -h, --help         this help

Watched: the docs folder, the runbooks, content/, templates/ and public/.
Ctrl-C stops the server and removes the temporary folder.
`;

const options = {
  docs: { type: 'string' },
  runbooks: { type: 'string' },
  port: { type: 'string', default: '8080' },
  'base-path': { type: 'string', default: '/' },
  'site-url': { type: 'string' },
  upstream: { type: 'string' },
  timings: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false }
} as const;

/** How long saves must pause before the search index is made again. */
const quietMs = 300;

const clock = () => new Date().toTimeString().slice(0, 8);
const ms = (from: number) => `${(performance.now() - from).toFixed(0)} ms`;

export async function devCommand(argv: readonly string[], io: Io): Promise<number> {
  const values = parseOptions('dev', argv, options, io, ['docs', 'runbooks']);
  if (values === null) return 2;
  if (values.help) {
    io.stdout.write(devUsage);
    return 0;
  }
  if (values.upstream !== undefined && !isHttpUrl(values.upstream)) return usageError('dev', `--upstream \`${values.upstream}\` is not an absolute http or https URL`, io);
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) return usageError('dev', `--port \`${values.port}\` is not a port number (0 to 65535)`, io);

  const timings = values.timings;
  // performance.now() counts from the process's start.
  const started = performance.now();
  const build = {
    ...(values.docs !== undefined ? { docs: values.docs } : {}),
    ...(values.runbooks !== undefined ? { runbooks: values.runbooks } : {}),
    basePath: values['base-path'],
    ...(values['site-url'] !== undefined ? { siteUrl: values['site-url'] } : {}),
    ...(values.upstream !== undefined ? { upstream: values.upstream } : {})
  };
  // Run without the launcher (which turns signals into process.exit), a
  // signal must still end the run through 'exit', which removes the folder.
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) if (process.listenerCount(signal) === 0) process.once(signal, () => process.exit(code));
  const work = await mkdtemp(path.join(tmpdir(), 'wsgi-errors-dev-'));
  removeOnExit(work);
  const site = path.join(work, 'site');

  // Watching starts before the first build: a save meanwhile is built next.
  const docs = values.docs ?? path.join(projectRoot, 'content');
  const runbooks = values.runbooks ?? path.join(projectRoot, 'content/runbooks');
  const pending = new Set<ChangeKind>();
  let running = false;
  /** The server is up; until then changes wait in `pending`. */
  let ready = false;
  /** When the first change of the next rebuild was seen. */
  let seen = 0;
  let quietTimer: NodeJS.Timeout | null = null;
  const watched: Watched[] = [
    { kind: 'docs', path: docs },
    { kind: 'runbooks', path: runbooks },
    { kind: 'site-file', path: path.join(projectRoot, 'content/site.json') },
    { kind: 'templates', path: path.join(projectRoot, 'templates') },
    { kind: 'public', path: path.join(projectRoot, 'public') }
  ];
  const watcher = watchInputs(watched, (kinds, since) => {
    if (pending.size === 0 && !running) seen = since;
    for (const k of kinds) pending.add(k);
    if (quietTimer) clearTimeout(quietTimer);
    if (!running && ready) void rebuild();
  });

  const startSteps: string[] = [`start-up ${started.toFixed(0)}`];
  const step = (name: string, from: number) => startSteps.push(`${name} ${(performance.now() - from).toFixed(0)}`);
  let t = performance.now();
  let module: EngineModule = await loadEngine();
  step('engine loaded', t);
  let engine: Engine = module.createEngine({ build, site, work });
  let first: Outcome;
  try {
    t = performance.now();
    first = await engine.full();
    step(`first build (${first.steps.map(([name, took]) => `${name} ${took}`).join(', ')})`, t);
  } catch (error) {
    watcher.close();
    await rm(work, { recursive: true, force: true });
    const problem = module.usageProblem(error);
    if (problem === null) throw error;
    io.stderr.write(`dev: ${problem} (see npm run dev -- --help)\n`);
    return 2;
  }
  let server: DevServer;
  t = performance.now();
  try {
    server = await startServer({ dir: site, base: first.base, port, client: await loadClient() });
  } catch (error) {
    watcher.close();
    await rm(work, { recursive: true, force: true });
    io.stderr.write(`dev: cannot serve on port ${port}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  step('server', t);
  io.stdout.write(`Serving ${server.url} (ready in ${(performance.now()).toFixed(0)} ms${timings ? `: ${startSteps.join(', ')}` : ''}; Ctrl-C to stop)\n`);
  io.stdout.write(`  docs ${docs}, runbooks ${runbooks}; site in ${site}\n`);

  let lastReport = '';
  let lastDiagnostics = '';
  /** Diagnostics to the terminal and the pages, when they changed. */
  const tell = (outcome: Outcome) => {
    const json = JSON.stringify([outcome.diagnostics, outcome.stale]);
    if (json !== lastDiagnostics) {
      lastDiagnostics = json;
      const message = { type: 'wsgi.diagnostics', diagnostics: outcome.diagnostics, stale: outcome.stale } as const;
      server.setGreeting(message);
      server.send(message);
    }
    const report = reporter(outcome.files, { quiet: true });
    if (report !== lastReport) {
      lastReport = report;
      io.stderr.write(report ? `${report}\n` : `${clock()} no problems in the docs\n`);
    }
  };
  tell(first);
  if (first.stale) io.stderr.write(`${clock()} the docs have errors: fix them and the site is built\n`);

  let searching = false;
  let searchAgain = false;
  /** Something was written since the last quiet pass (the first pass makes the first index). */
  let written = true;


  /** Pages already reloaded during this rebuild. */
  let sent = new Set<string>();

  async function rebuild(): Promise<void> {
    running = true;
    while (pending.size > 0) {
      const kinds = [...pending];
      pending.clear();
      // From the first event seen (the settling time included), or, for saves during a rebuild, from its start.
      const t = seen || performance.now();
      seen = 0;
      try {
        let outcome: Outcome;
        if (kinds.includes('templates')) {
          // New template code: the engine is bundled and loaded again.
          module = await loadEngine();
          engine = module.createEngine({ build, site, work });
          outcome = await engine.full();
        } else if (kinds.includes('public') || kinds.includes('site-file')) outcome = await engine.full();
        else {
          // The entry pages reload before the listing pages are made.
          outcome = await engine.update((first) => {
            sent = new Set(first);
            server.send({ type: 'wsgi.reload', paths: first });
          });
        }
        // The pages first, then the terminal and the overlay.
        const rest = outcome.changed === 'all' ? 'all' : outcome.changed.filter((p) => !sent.has(p));
        sent = new Set();
        if (rest === 'all' || rest.length > 0) server.send({ type: 'wsgi.reload', paths: rest });
        if (outcome.changed === 'all' || outcome.changed.length > 0) written = true;
        tell(outcome);
        const what = outcome.stale ? 'not built: the docs have errors' : outcome.changed === 'all' ? 'full build' : `${outcome.changed.length} file${outcome.changed.length === 1 ? '' : 's'} written`;
        const steps = timings ? ` (${outcome.steps.map(([name, took]) => `${name} ${took}`).join(', ')})` : '';
        io.stdout.write(`${clock()} ${kinds.join(', ')} changed: ${what} in ${ms(t)}${steps}\n`);
      } catch (error) {
        // A template that throws, say: over the pages too, until a rebuild succeeds.
        const reason = error instanceof Error ? error.message : String(error);
        io.stderr.write(`${clock()} rebuild failed, the last good pages stay: ${error instanceof Error ? (error.stack ?? reason) : reason}\n`);
        const message: DevMessage = { type: 'wsgi.diagnostics', stale: true, diagnostics: [{ file: kinds.join(', '), line: 1, column: 1, ruleId: 'build-failed', message: `The rebuild failed: ${reason}`, fatal: true, source: null }] };
        lastDiagnostics = JSON.stringify(message);
        server.setGreeting(message);
        server.send(message);
      }
    }
    running = false;
    quietLater();
  }

  function quietLater(): void {
    if (quietTimer) clearTimeout(quietTimer);
    quietTimer = setTimeout(() => void quiet(), quietMs);
  }

  /** Once saves pause: the listing pages and errors.json checked whole, then the search index made again. */
  async function quiet(): Promise<void> {
    quietTimer = null;
    if (running || pending.size > 0 || !written) return;
    written = false;
    try {
      const listed = await engine.listings();
      if (listed.length > 0) server.send({ type: 'wsgi.reload', paths: listed });
    } catch (error) {
      io.stderr.write(`${clock()} listing pages not made: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    if (searching) {
      searchAgain = true;
      return;
    }
    searching = true;
    let failures = 0;
    do {
      searchAgain = false;
      const t = performance.now();
      try {
        const pages = await engine.search();
        if (pages !== null) io.stdout.write(`${clock()} search index: ${pages} pages in ${ms(t)}\n`);
      } catch (error) {
        // Rarely, under load, Pagefind's files come back incomplete: once more, from the start.
        searchAgain = ++failures < 2;
        io.stderr.write(`${clock()} search index not made${searchAgain ? ', trying again' : ''}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      }
    } while (searchAgain);
    searching = false;
  }

  ready = true;
  if (pending.size > 0) void rebuild();
  else quietLater();

  // Until a signal ends the process ('exit' removes the folder; the port closes with it).
  process.once('exit', () => {
    watcher.close();
    io.stdout.write('\ndev: stopped\n');
  });
  await new Promise<never>(() => {});
  return 0;
}
