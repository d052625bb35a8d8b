// Runs the tool and collects what it printed: runCli in this process through
// run(argv, io) (fast: no Node start-up, no bundle), runSpawned as the real
// bin (bin/wsgi-errors.js) in a child process, for a few smoke tests.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { run } from '../../scripts/cli/run.js';
import { root } from '../support/sites.js';

export const launcher = path.join(root, 'bin/wsgi-errors.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Bytes for standard input; without it stdin is closed empty. */
  input?: Buffer | string;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/** A clean environment: tests opt in to emphasis, a width and a reference explicitly. */
function environment(options: CliOptions): Record<string, string> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, COLUMNS: undefined, WSGI_ERRORS_SITE: undefined, ...options.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env as Record<string, string>;
}

/** A stream that keeps what is written to it (not a terminal, as a pipe is not). */
function collector(): { stream: Writable; text(): string } {
  const parts: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      parts.push(chunk);
      done();
    }
  });
  return { stream, text: () => Buffer.concat(parts).toString('utf8') };
}

/** The tool in this process: what the bin runs, with the test's stdin, environment and working directory. */
export async function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const stdout = collector();
  const stderr = collector();
  const input = options.input === undefined ? [] : [Buffer.from(options.input)];
  const status = await run(args, { stdout: stdout.stream, stderr: stderr.stream, stdin: Readable.from(input), env: environment(options), cwd: options.cwd ?? root });
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}

/** The real tool, bin/wsgi-errors.js, in a child process. */
export function runSpawned(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [launcher, ...args], { cwd: options.cwd ?? root, env: environment(options), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    // The tool may exit before reading all of stdin (an input error); that is not a test failure.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

export interface SiteEntry {
  code: string;
  title: string;
  severity: string | null;
  retired: boolean;
  loggedMessage: { template: string; placeholders: string[] } | null;
}

/** The entries of a built site, as its errors.json lists them. */
export function siteEntries(site: string): SiteEntry[] {
  return (JSON.parse(readFileSync(path.join(site, 'errors.json'), 'utf8')) as { errors: SiteEntry[] }).errors;
}

/** JSON Lines output, parsed. */
export function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
