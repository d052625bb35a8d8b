// A CommonJS bundle run with V8's code cache: the bytecode of every function
// a run compiled is kept beside the bundle and read back by the next run, so
// a build that changed nothing compiles almost nothing. On the real corpus
// this is about 0.2 s of a 1.7 s build: compiling the 4 MB bundle, and the
// first call of each function in the readers and renderers, which V8
// otherwise compiles when it is first reached.
//
// Node 22 does this for any module (module.enableCompileCache); Node 20, which
// the project supports, has it only through node:vm for scripts, which is why
// the build's bundle is CommonJS (run-bundled.mjs).
//
// V8 checks a cache before using it (its own version, its flags, the source's
// length, the data's size) and ignores one that does not fit. The cache is
// named for the bundle file's version, and for Node's version and options, so
// that runs with other flags (--cpu-prof) keep their own instead of replacing
// it; the bundle's folder is named by a hash of its sources and holds the
// caches, so none outlives its bundle.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/**
 * What the bundle is given besides Node's CommonJS wrapper arguments: the
 * ES-module-only packages it imports, loaded beforehand by the caller
 * (`require` cannot load them, and a script run by node:vm cannot use
 * `import()` without an experimental flag).
 */
export const esmExternalsParameter = '__esmExternals';

/**
 * The cache's name: the file's version (V8 checks only the source's length,
 * so an edit of the same length would otherwise run the old code), and Node's
 * version, platform and options, which decide whether V8 accepts it.
 */
function cacheKey(file) {
  const { size, mtimeMs, ino } = statSync(file);
  const key = [size, mtimeMs, ino, process.version, process.arch, process.platform, ...process.execArgv, process.env['NODE_OPTIONS'] ?? ''];
  return createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 12);
}

/**
 * Compiles `file` (a CommonJS bundle), from its code cache when there is one V8 accepts.
 * @param {string} file
 * @returns {{ cached: boolean, cacheFile: string, run(esmExternals: Record<string, unknown>): unknown, save(): boolean }}
 *   `cached`: the cache was used; `run` evaluates the bundle and returns its exports;
 *   `save` writes the cache (with what has been compiled so far) unless it was used,
 *   and says whether it wrote.
 */
export function loadWithCodeCache(file) {
  const cacheFile = `${file}.${cacheKey(file)}.v8-cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // None yet: this run makes it.
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname, ${esmExternalsParameter}) {`;
  const script = new vm.Script(`${wrapper}${readFileSync(file, 'utf8')}\n})`, { filename: file, cachedData });
  // cachedDataRejected is false only when V8 took the cache (an empty one is not even offered).
  const cached = script.cachedDataRejected === false;
  return {
    cached,
    cacheFile,
    run(esmExternals) {
      const module = { exports: {} };
      script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file), esmExternals);
      return module.exports;
    },
    save() {
      if (cached) return false;
      // Through a temporary file: a concurrent run reads the old cache or the new one, never half of one.
      const tmp = `${cacheFile}.tmp-${process.pid}`;
      try {
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
        return true;
      } catch {
        // A cache that cannot be written (a read-only install) only costs the next run its compiling.
        rmSync(tmp, { force: true });
        return false;
      }
    }
  };
}
