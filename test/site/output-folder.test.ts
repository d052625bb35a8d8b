// The output folder through the real build command: a site it wrote is
// replaced, an interrupted build cleans up after itself (or the next build
// does), two builds finishing together both succeed, and the working
// directory does not change the site.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { stampName, stampText } from '../../scripts/site/output-folder.js';
import { corpusDocs, root } from '../support/sites.js';
import { ownOutput, runBuild, snapshot } from './build-command.js';

const cache = path.join(root, 'node_modules/.cache/wsgi-errors');

interface Started {
  pid: number;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function start(args: string[], cwd = root): Started {
  const child = spawn(process.execPath, [path.join(root, 'scripts/launch.mjs'), 'build', '--quiet', ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, WSGI_ERRORS_DEBUG: '1' } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return { pid: child.pid as number, done: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr }))) };
}

/** What a run left in the bundle cache, by its process id. */
function ofProcess(pid: number): string[] {
  return readdirSync(cache).filter((n) => new RegExp(`\\b${pid}\\b`).test(n));
}

/** Names beside `out` that belong to builds of it. */
function besides(out: string): string[] {
  return readdirSync(path.dirname(out)).filter((n) => n.startsWith(`.${path.basename(out)}.`));
}

async function until(what: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function fresh(name: string): string {
  const out = ownOutput(name);
  rmSync(out, { recursive: true, force: true });
  for (const n of existsSync(path.dirname(out)) ? besides(out) : []) rmSync(path.join(path.dirname(out), n), { recursive: true, force: true });
  return out;
}

describe('a site this build wrote', () => {
  test('is stamped, and an empty folder or the stamped site is replaced', () => {
    const out = fresh('stamped');
    mkdirSync(out, { recursive: true });
    expect(runBuild(['--out', out]).status).toBe(0);
    expect(readdirSync(out)).toContain(stampName);
    writeFileSync(path.join(out, 'stale.html'), 'left from an older build');
    expect(runBuild(['--out', out]).status).toBe(0);
    expect(existsSync(path.join(out, 'stale.html'))).toBe(false);
    expect(besides(out)).toEqual([]);
  });
});

describe('an interrupted build', () => {
  test.each(['SIGINT', 'SIGTERM'] as const)('%s: removes its temporary folder and its bundle, and the previous site stays', async (signal) => {
    const out = fresh(`interrupted-${signal}`);
    expect(runBuild(['--out', out]).status).toBe(0);
    const before = snapshot(out);
    const run = start(['--out', out]);
    // Interrupt it mid-build: once its temporary folder exists.
    await until(() => besides(out).some((n) => n.includes('.tmp-')));
    process.kill(run.pid, signal);
    const result = await run.done;
    expect(result.code).toBe(signal === 'SIGINT' ? 130 : 143);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    // The temporary folder and every file in it are gone. A folder that a
    // write already in Node's thread pool made again as the process exited
    // can remain, empty (seen under load); the next build clears it.
    const left = besides(out);
    for (const n of left) expect(snapshot(path.join(path.dirname(out), n)).size, n).toBe(0);
    expect(ofProcess(run.pid)).toEqual([]);
    expect(snapshot(out)).toEqual(before);
    if (left.length > 0) {
      expect(runBuild(['--out', out]).status).toBe(0);
      expect(besides(out)).toEqual([]);
    }
  });

  test('SIGINT while the code pages are being written: the page writer stops before the folder is removed, and nothing is left', async () => {
    const out = fresh('interrupted-writing');
    // The real corpus: 580 pages, long enough to be caught writing them.
    const run = start(['--docs', corpusDocs, '--out', out]);
    const writing = () => besides(out).some((n) => n.includes('.tmp-') && existsSync(path.join(path.dirname(out), n, 'errors/WSGI0002/index.html')));
    await until(writing);
    const pending = besides(out).find((n) => n.includes('.tmp-')) as string;
    // Still before the listings: no page of them written yet.
    expect(existsSync(path.join(path.dirname(out), pending, 'errors/index.html'))).toBe(false);
    process.kill(run.pid, 'SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    // Not even an empty folder: the writer finished the page it was on, then stopped.
    expect(besides(out)).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  test('SIGKILL leaves its leftovers, which the next build clears, and only those', async () => {
    const out = fresh('killed');
    // What a run killed while bundling (or an older version's run) leaves in the cache.
    mkdirSync(path.join(cache, 'build.tmp-999997-1'), { recursive: true });
    writeFileSync(path.join(cache, 'build-999997.mjs'), '');
    expect(runBuild(['--out', out]).status).toBe(0);
    const run = start(['--out', out]);
    await until(() => besides(out).some((n) => n.includes('.tmp-')));
    process.kill(run.pid, 'SIGKILL');
    await run.done;
    expect(besides(out).some((n) => n.startsWith(`.killed.tmp-${run.pid}-`))).toBe(true);
    // Someone else's folder that only looks like ours (no stamp) is kept.
    const lookalike = path.join(path.dirname(out), '.killed.tmp-999999-mine');
    mkdirSync(lookalike, { recursive: true });
    writeFileSync(path.join(lookalike, 'notes.txt'), 'not a build\n');
    // A stale displaced site of a process that is gone.
    const staleOld = path.join(path.dirname(out), '.killed.old-999998-0');
    mkdirSync(staleOld, { recursive: true });
    writeFileSync(path.join(staleOld, stampName), stampText);

    expect(runBuild(['--out', out]).status).toBe(0);
    expect(besides(out)).toEqual(['.killed.tmp-999999-mine']);
    expect(ofProcess(run.pid)).toEqual([]);
    expect(ofProcess(999997)).toEqual([]);
    rmSync(lookalike, { recursive: true });
  });
});

test('two builds that finish together both succeed and leave nothing beside the site', async () => {
  const out = fresh('race');
  expect(runBuild(['--out', out]).status).toBe(0);
  const runs = [start(['--out', out]), start(['--out', out]), start(['--out', out])];
  const results = await Promise.all(runs.map((r) => r.done));
  for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0, stderr: '' });
  expect(besides(out)).toEqual([]);
  expect(readdirSync(out)).toContain('index.html');
});

test('the site is the same whatever the working directory', async () => {
  const here = fresh('from-project');
  const elsewhere = fresh('elsewhere');
  expect((await start(['--out', here]).done).code).toBe(0);
  expect((await start(['--out', elsewhere], tmpdir()).done).code).toBe(0);
  expect(snapshot(elsewhere)).toEqual(snapshot(here));
  // Passthrough files too (they were once read from the working directory).
  expect([...snapshot(elsewhere).keys()]).toEqual(expect.arrayContaining(['style.css', 'favicon.svg', 'index.html']));
});
