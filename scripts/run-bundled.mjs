// runBundled(root, entry, args): run scripts/<entry>.ts as one esbuild bundle
// under plain Node, with no TypeScript loader. Its dependencies are bundled
// too (one module graph to load instead of hundreds of files: a build starts
// about 0.2 s sooner), except the few that find files beside their own code.
// The bundle is made on the first run and reused until one of its sources
// changes (scripts/cached-bundle.mjs). Used by scripts/launch.mjs (npm run
// build, dev, extract) and bin/wsgi-errors.js (the terminal tool).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cacheFolder, cachedBundle } from './cached-bundle.mjs';

/**
 * esbuild options for running `entryPoints` (paths below the project) under
 * plain Node: one ESM bundle each, with what they import dynamically split out.
 * `npm run dev` bundles its rendering code with these too, to load it again
 * when a template changes.
 * @param {string[]} entryPoints
 * @returns {import('esbuild').BuildOptions}
 */
export function nodeBundleOptions(entryPoints) {
  return {
    entryPoints,
    outdir: '.',
    outExtension: { '.js': '.mjs' },
    // Modules imported with import() become chunks of their own, loaded
    // only when reached: `wsgi-errors --help` does not load the RST reader.
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Eleventy registers a module hook by a path beside its own source,
    // Pagefind and esbuild start binaries from their package folders, and
    // Eleventy's dev server reads its client scripts from its own.
    external: ['@11ty/eleventy', '@11ty/eleventy-dev-server', 'pagefind', 'esbuild'],
    // Bundled CommonJS dependencies call require() for Node's built-ins.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    sourcemap: 'linked',
    logLevel: 'warning'
  };
}

/**
 * @param {string} root the project folder (the one holding scripts/)
 * @param {string} entry the name of a module in scripts/, without `.ts`
 * @param {string[]} args its command-line arguments (process.argv.slice(2) as it will see them)
 */
export async function runBundled(root, entry, args) {
  const bundle = await cachedBundle(await cacheFolder(root), entry, root, nodeBundleOptions([`scripts/${entry}.ts`]));
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
}
