// Runs the real tool (bin/wsgi-errors.js, the package's bin) as a child
// process and collects what it printed.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
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

export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  // A clean colour environment: tests opt in to emphasis explicitly.
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, COLUMNS: undefined, ...options.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [launcher, ...args], { cwd: options.cwd ?? root, env, stdio: ['pipe', 'pipe', 'pipe'] });
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
