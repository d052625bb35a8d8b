#!/usr/bin/env node
// node scripts/launch.mjs <entry> [args...]: run scripts/<entry>.ts as one
// esbuild bundle (dependencies stay external) under plain Node. A build spends
// a second less than under tsx, whose loader would otherwise see every module
// Eleventy and its dependencies load. Only the templates, which Eleventy
// imports itself, still go through tsx (registered by the build for them).
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const [entry, ...args] = process.argv.slice(2);
if (!entry || !/^[\w-]+$/.test(entry)) {
  process.stderr.write('usage: node scripts/launch.mjs <entry> [args...]   (runs scripts/<entry>.ts)\n');
  process.exit(2);
}
// One file per process: two builds at once must not read each other's half-written bundle.
const cache = path.join(root, 'node_modules/.cache/wsgi-errors');
const outfile = path.join(cache, `${entry}-${process.pid}.mjs`);
clearStaleBundles();
// Ctrl-C or a TERM ends the run through process.exit, so the 'exit' handlers
// (this bundle's, the build's temporary folder's) still run.
for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) process.once(signal, () => process.exit(128 + number));
await esbuild.build({
  entryPoints: [path.join(root, 'scripts', `${entry}.ts`)],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning'
});
process.on('exit', () => rmSync(outfile, { force: true }));
// `... | head` closing the pipe early is not an error of ours.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
process.argv = [process.argv[0], path.join(root, 'scripts', `${entry}.ts`), ...args];
await import(pathToFileURL(outfile).href);

/** Bundles left by runs that were killed (SIGKILL): ours by name, their process gone. */
function clearStaleBundles() {
  let names = [];
  try {
    names = readdirSync(cache);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^[\w-]+-(\d+)\.mjs$/.exec(name);
    if (m && !isRunning(Number(m[1]))) rmSync(path.join(cache, name), { force: true });
  }
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}
