// `npm run dev` in a child process, as a user starts it (scripts/launch.mjs),
// for the browser tests and the dev bench: its URL and site folder from what
// it prints, and a way to wait for a line it prints later.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { root } from './sites.js';

export interface DevProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:PORT/base/` */
  url: string;
  /** The folder it serves. */
  site: string;
  /** Every line printed so far (stdout and stderr, in arrival order). */
  lines: string[];
  /** The first line at or after `from` (an index into `lines`) matching `pattern`. */
  waitFor(pattern: RegExp, from?: number, timeoutMs?: number): Promise<string>;
  /** Sends `signal` and resolves with the exit code (or the signal's name). */
  stop(signal?: NodeJS.Signals): Promise<number | string | null>;
}

export async function startDev(args: readonly string[], timeoutMs = 60_000): Promise<DevProcess> {
  const child = spawn(process.execPath, [path.join(root, 'scripts/launch.mjs'), 'dev', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let exited: number | string | null | undefined;
  const exit = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => {
      exited = code ?? signal;
      resolve(exited);
      for (const w of waiters) w();
    })
  );
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream?.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts);
      for (const w of waiters) w();
    });
  }
  const waitFor = (pattern: RegExp, from = 0, wait = timeoutMs) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = lines.slice(from).find((l) => pattern.test(l));
        if (line !== undefined) done(() => resolve(line));
        else if (exited !== undefined) done(() => reject(new Error(`npm run dev exited (${exited}) before printing ${pattern}:\n${lines.join('\n')}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`no line matching ${pattern} within ${wait} ms:\n${lines.slice(-30).join('\n')}`))), wait);
      const done = (then: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        then();
      };
      waiters.add(check);
      check();
    });
  const serving = await waitFor(/^Serving http/);
  const where = await waitFor(/; site in /);
  return {
    child,
    url: (/^Serving (\S+)/.exec(serving) as RegExpExecArray)[1] as string,
    site: (/; site in (.+)$/.exec(where) as RegExpExecArray)[1] as string,
    lines,
    waitFor,
    async stop(signal = 'SIGINT') {
      if (exited === undefined) child.kill(signal);
      return exit;
    }
  };
}
