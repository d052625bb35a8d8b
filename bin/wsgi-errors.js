#!/usr/bin/env node
// Launcher for `npx wsgi-errors`: scripts/cli.ts run in this same process as
// the cached esbuild bundle the build uses too (scripts/run-bundled.mjs), so
// no TypeScript loader is needed at run time.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBundled } from '../scripts/run-bundled.mjs';

await runBundled(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'cli', process.argv.slice(2));
