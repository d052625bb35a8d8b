#!/usr/bin/env node
// node scripts/launch.mjs <entry> [args...]: run scripts/<entry>.ts as one
// esbuild bundle (dependencies stay external) under plain Node, with no
// TypeScript loader. The bundle is made on the first run and reused until one
// of its sources changes (scripts/cached-bundle.mjs), so a build that changed
// no code compiles nothing.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cacheFolder, cachedBundle } from './cached-bundle.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const [entry, ...args] = process.argv.slice(2);
if (!entry || !/^[\w-]+$/.test(entry)) {
  process.stderr.write('usage: node scripts/launch.mjs <entry> [args...]   (runs scripts/<entry>.ts)\n');
  process.exit(2);
}
const bundle = await cachedBundle(await cacheFolder(root), entry, root, {
  entryPoints: [`scripts/${entry}.ts`],
  outfile: `${entry}.mjs`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning'
});
// Ctrl-C or a TERM ends the run through process.exit, so the 'exit' handlers
// (the build's temporary folder's) still run.
for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) process.once(signal, () => process.exit(128 + number));
// `... | head` closing the pipe early is not an error of ours.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
process.argv = [process.argv[0], path.join(root, 'scripts', `${entry}.ts`), ...args];
await import(pathToFileURL(path.join(bundle.dir, `${entry}.mjs`)).href);
