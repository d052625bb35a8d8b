// Running the real build command from a test when its exit code and output
// matter (test/global-setup.ts `build` throws on failure and lets output
// through, which suits the shared builds but not a test of failure).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { root, testOutput } from '../support/sites.js';
import { filesBelow } from './html.js';

export interface BuildRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runBuild(args: string[]): BuildRun {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/launch.mjs'), 'build', '--quiet', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** This file's own folder under test-output, so shared builds are never touched. */
export function ownOutput(name: string): string {
  const dir = path.join(testOutput, 'site-checks', name);
  mkdirSync(path.dirname(dir), { recursive: true });
  return dir;
}

/** Every file below a folder with its bytes, for byte-for-byte comparison. */
export function snapshot(dir: string): Map<string, Buffer> {
  return new Map(filesBelow(dir).map((f) => [f, readFileSync(path.join(dir, f))]));
}
