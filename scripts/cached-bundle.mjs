// An esbuild bundle made once and reused while its sources are unchanged.
// The key is every input esbuild read (from its metafile), hashed with the
// options and esbuild's version; a miss rebuilds into a folder of its own and
// renames it into place, so concurrent builds never read half a bundle.
// Plain JavaScript: scripts/launch.mjs uses it before any TypeScript runs.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * @param {string} cacheDir where bundles live (node_modules/.cache/wsgi-errors)
 * @param {string} name a name for this bundle (build, client, ...)
 * @param {string} root the folder input paths are relative to (esbuild's working directory)
 * @param {import('esbuild').BuildOptions} options esbuild options with `outdir`-relative outputs (outdir or outfile is replaced)
 * @returns {Promise<{ dir: string, files: string[], built: boolean }>} the folder holding the outputs and their names
 */
export async function cachedBundle(cacheDir, name, root, options) {
  await clearDead(cacheDir);
  const manifestFile = path.join(cacheDir, `${name}.json`);
  // A plugin is keyed by its code: editing one makes a new bundle.
  const optionsKey = hash(JSON.stringify(options, (_, value) => (typeof value === 'function' ? value.toString() : value)));
  const hit = readManifest(manifestFile, root, optionsKey);
  if (hit) return { dir: path.join(cacheDir, hit.dir), files: hit.files, built: false };

  // Only a miss pays for loading esbuild.
  const esbuild = await import('esbuild');
  const out = path.join(cacheDir, `${name}.tmp-${process.pid}-${Date.now()}`);
  const { outfile, ...rest } = options;
  const result = await esbuild.build({
    ...rest,
    ...(outfile ? { outfile: path.join(out, path.basename(outfile)) } : { outdir: out }),
    absWorkingDir: root,
    metafile: true,
    write: true,
    logLevel: rest.logLevel ?? 'silent'
  });
  // Installed packages are keyed by the lock file that pinned them, not file
  // by file: hundreds of files to hash on every start for nothing.
  const all = Object.keys(result.metafile.inputs).filter((f) => !f.includes(':'));
  const own = all.filter((f) => !f.split('/').includes('node_modules'));
  const inputs = [...own, ...(own.length < all.length && existsSync(path.join(root, 'package-lock.json')) ? ['package-lock.json'] : all.filter((f) => !own.includes(f)))].sort();
  const sources = Object.fromEntries(inputs.map((f) => [f, fileHash(path.join(root, f))]));
  const key = hash(JSON.stringify([esbuild.version, optionsKey, sources]));
  const dir = `${name}-${key.slice(0, 16)}`;
  const files = Object.keys(result.metafile.outputs).map((f) => path.relative(out, path.join(root, f)));
  try {
    await rename(out, path.join(cacheDir, dir));
  } catch {
    // Another build made the same bundle first: use theirs.
    await rm(out, { recursive: true, force: true });
  }
  const manifest = { esbuild: esbuild.version, options: optionsKey, sources, dir, files };
  const tmpManifest = `${manifestFile}.tmp-${process.pid}`;
  await writeFile(tmpManifest, JSON.stringify(manifest));
  await rename(tmpManifest, manifestFile);
  await clearOlder(cacheDir, name, dir);
  return { dir: path.join(cacheDir, dir), files, built: true };
}

/**
 * esbuild's transform of `source` (Pagefind's runtime, which the build
 * minifies), made once and reused while the source, the options and the
 * lock file (esbuild's version) are the same: a hit loads no esbuild.
 * @param {string} cacheDir
 * @param {string} name a name for this output (older outputs of the name are removed)
 * @param {string} root the folder holding package-lock.json
 * @param {string} source
 * @param {import('esbuild').TransformOptions} options
 * @returns {Promise<{ code: string, built: boolean }>}
 */
export async function cachedTransform(cacheDir, name, root, source, options) {
  await clearDead(cacheDir);
  const key = hash(JSON.stringify([options, fileHash(path.join(root, 'package-lock.json')), hash(source)])).slice(0, 16);
  const file = path.join(cacheDir, `${name}-${key}.js`);
  try {
    return { code: await readFile(file, 'utf8'), built: false };
  } catch {
    // Not made yet.
  }
  const esbuild = await import('esbuild');
  const { code } = await esbuild.transform(source, options);
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, code);
  await rename(tmp, file);
  for (const entry of await readdir(cacheDir)) {
    if (entry.startsWith(`${name}-`) && entry.endsWith('.js') && entry !== path.basename(file)) await rm(path.join(cacheDir, entry), { force: true });
  }
  return { code, built: true };
}

/** The manifest, if every source it names still has the same bytes and the bundle is there. */
function readManifest(file, root, optionsKey) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  if (manifest.options !== optionsKey || !existsSync(path.join(path.dirname(file), manifest.dir))) return null;
  for (const [source, digest] of Object.entries(manifest.sources)) if (fileHash(path.join(root, source)) !== digest) return null;
  return manifest;
}

/** What a run killed mid-bundle left (`*.tmp-PID-*`, `*-PID.mjs` of older versions): its process is gone. */
async function clearDead(cacheDir) {
  for (const entry of await readdir(cacheDir)) {
    const m = /\.tmp-(\d+)(?:-|$)|^[\w-]+-(\d+)\.mjs$/.exec(entry);
    const pid = m && Number(m[1] ?? m[2]);
    if (pid && !isRunning(pid)) await rm(path.join(cacheDir, entry), { recursive: true, force: true });
  }
}

function isRunning(pid) {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Bundles of this name that the manifest no longer names, and temporary folders of runs that ended. */
async function clearOlder(cacheDir, name, keep) {
  const now = Date.now();
  for (const entry of await readdir(cacheDir)) {
    if (entry === keep || !(entry.startsWith(`${name}-`) || entry.startsWith(`${name}.tmp-`))) continue;
    const full = path.join(cacheDir, entry);
    // A minute's grace: a build that started earlier may still be importing it.
    const info = await stat(full).catch(() => null);
    if (info && now - info.mtimeMs > 60_000) await rm(full, { recursive: true, force: true });
  }
}

function fileHash(file) {
  try {
    return hash(readFileSync(file));
  } catch {
    return 'missing';
  }
}

function hash(data) {
  return createHash('sha256').update(data).digest('hex');
}

/** Make sure the cache folder exists. */
export async function cacheFolder(root) {
  const dir = path.join(root, 'node_modules/.cache/wsgi-errors');
  await mkdir(dir, { recursive: true });
  return dir;
}
