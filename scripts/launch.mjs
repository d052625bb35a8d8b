#!/usr/bin/env node
// node scripts/launch.mjs <entry> [args...]: run scripts/<entry>.ts as one
// cached esbuild bundle under plain Node (scripts/run-bundled.mjs), so a build
// that changed no code compiles nothing.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBundled } from './run-bundled.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const [entry, ...args] = process.argv.slice(2);
if (!entry || !/^[\w-]+$/.test(entry)) {
  process.stderr.write('usage: node scripts/launch.mjs <entry> [args...]   (runs scripts/<entry>.ts)\n');
  process.exit(2);
}
await runBundled(root, entry, args);
