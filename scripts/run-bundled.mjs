// runBundled(root, entry, args): run scripts/<entry>.ts as one esbuild bundle
// under plain Node, with no TypeScript loader. Its dependencies are bundled
// too (one module graph to load instead of hundreds of files: a build starts
// about 0.2 s sooner), except the few that find files beside their own code.
// The bundle is made on the first run and reused until one of its sources
// changes (scripts/cached-bundle.mjs). The build's own bundle is CommonJS, run
// with V8's code cache (scripts/code-cache.mjs). Used by scripts/launch.mjs (npm run
// build, dev, extract) and bin/wsgi-errors.js (the terminal tool).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cacheFolder, cachedBundle } from './cached-bundle.mjs';
import { esmExternalsParameter, loadWithCodeCache } from './code-cache.mjs';

/**
 * Eleventy in the bundle. Imported from its own files it costs a build about
 * 0.4 s of module loading (430 files); bundled, about 0.2 s. Two of its
 * modules find files beside their own source by `import.meta.url` (its
 * package.json, for its version): there it becomes the address those modules
 * have in the installed package, found when the bundle runs, so Eleventy
 * reads what it reads unbundled. Its module hook is turned off by Eleventy's
 * own switch (runBundled), its dev server and file watcher stay outside.
 * @type {import('esbuild').Plugin}
 */
const eleventyInBundle = {
  name: 'eleventy-in-bundle',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]@11ty[\\/]eleventy[\\/]src[\\/].*\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      // A newer Eleventy finding files another way must stop the bundling, not build a broken bundle.
      if (/import\.meta\.(?:dirname|filename|resolve)/.test(source)) return { errors: [{ text: `${args.path} uses import.meta.dirname, filename or resolve: keep @11ty/eleventy external in scripts/run-bundled.mjs` }] };
      if (!source.includes('import.meta.url')) return undefined;
      // Relative to Eleventy's src/ folder (__eleventySource, set where the bundle starts).
      const src = `${path.sep}@11ty${path.sep}eleventy${path.sep}src${path.sep}`;
      const inSrc = args.path.slice(args.path.lastIndexOf(src) + src.length).split(path.sep).join('/');
      return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(inSrc)}, __eleventySource).href`), loader: 'js' };
    });
  }
};

/** Packages the build's bundle loads from node_modules when it runs, and of those, the ones only `import` can load. */
const outside = ['pagefind', 'esbuild', 'chokidar', '@11ty/eleventy-dev-server'];
const esmOnly = ['pagefind'];

/**
 * The build's bundle reaches the ES-module-only packages (Pagefind) through
 * what loadWithCodeCache hands it: a module standing for each, whose exports
 * are the package's, imported by runBundled before the bundle runs.
 * @type {import('esbuild').Plugin}
 */
const esmOnlyOutside = {
  name: 'esm-only-outside',
  setup(build) {
    const filter = new RegExp(`^(?:${esmOnly.map((n) => n.replace(/[/.]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'esm-only' }));
    build.onLoad({ filter: /.*/, namespace: 'esm-only' }, (args) => ({ contents: `module.exports = ${esmExternalsParameter}[${JSON.stringify(args.path)}];`, loader: 'js' }));
  }
};

/**
 * esbuild options for running `entryPoints` (paths below the project) under
 * plain Node: one ESM bundle each, with what they import dynamically split out.
 * `npm run dev` bundles its rendering code with these too, to load it again
 * when a template changes: it leaves Eleventy outside, so the copies it loads
 * share one.
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
    // Pagefind and esbuild start binaries from their package folders,
    // Eleventy's dev server reads its client scripts from its own, and
    // Eleventy's file watcher (chokidar) may load a native module.
    external: ['@11ty/eleventy', ...outside],
    // Bundled CommonJS dependencies call require() for Node's built-ins.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    sourcemap: 'linked',
    logLevel: 'warning'
  };
}

/**
 * esbuild options for `npm run build`: one CommonJS file, Eleventy included,
 * run with V8's code cache (code-cache.mjs). `import.meta.url` is the
 * bundle's address, as in an ES module bundle; import() of a package outside
 * becomes require() (a script cannot import), except for the ES-module-only
 * ones (esmOnlyOutside).
 * @param {string} entry a path below the project
 * @returns {import('esbuild').BuildOptions}
 */
export function buildBundleOptions(entry) {
  return {
    entryPoints: [entry],
    outdir: '.',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    supported: { 'dynamic-import': false },
    external: outside.filter((n) => !esmOnly.includes(n)),
    plugins: [eleventyInBundle, esmOnlyOutside],
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: 'const __bundleUrl = require("node:url").pathToFileURL(__filename).href; const __eleventySource = require("node:url").pathToFileURL(require.resolve("@11ty/eleventy")).href;' },
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
  // Eleventy registers a module resolver hook when it is imported, to reload
  // templates edited while it watches (11ty/eleventy issues 3270, 3371). Ours
  // are compiled into the bundle and handed to it as virtual templates, and
  // `npm run dev` loads a new bundle instead, so the hook has nothing to do,
  // yet every later import waits on its thread: about 0.15 s of a build.
  // Eleventy's documented switch turns it off.
  process.env['ELEVENTY_SKIP_ESM_RESOLVER'] ??= '1';
  const cache = await cacheFolder(root);
  const bundle = entry === 'build' ? await cachedBundle(cache, entry, root, buildBundleOptions(`scripts/${entry}.ts`)) : await cachedBundle(cache, entry, root, nodeBundleOptions([`scripts/${entry}.ts`]));
  // Ctrl-C or a TERM ends the run through process.exit, so the 'exit' handlers
  // (the build's temporary folder's) still run.
  for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) process.once(signal, () => process.exit(128 + number));
  // `... | head` closing the pipe early is not an error of ours.
  process.stdout.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.argv = [process.argv[0], path.join(root, 'scripts', `${entry}.ts`), ...args];
  if (entry !== 'build') {
    await import(pathToFileURL(path.join(bundle.dir, `${entry}.mjs`)).href);
    return;
  }
  const esmExternals = Object.fromEntries(await Promise.all(esmOnly.map(async (name) => [name, await import(name)])));
  const script = loadWithCodeCache(path.join(bundle.dir, `${entry}.cjs`));
  const { main } = /** @type {{ main(argv: string[]): Promise<number> }} */ (script.run(esmExternals));
  const code = await main(args);
  process.exitCode = code;
  // Once a build has run to its end, the cache holds every function a build
  // calls; --help or a build that stopped early would keep only the few they reached.
  if (!script.cached && code === 0 && !args.some((a) => a === '--help' || a === '-h')) script.save();
}
