// The output folder is the one place the build deletes anything, so it only
// ever replaces a folder it can prove it wrote: missing, empty, or holding the
// stamp every build writes. Everything else is refused before the first write.
// Temporary and displaced folders sit beside the output under names that say
// whose they are (`.<out>.tmp-<pid>-*`, `.<out>.old-<pid>-*`), each stamped, so
// a later build can clear what an interrupted one left, and nothing else.
import { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The stamp's name and its exact content: the same on every build, so builds stay byte-identical. */
export const stampName = '.wsgi-errors-site';
export const stampText = 'This folder is a site written by the wsgi-errors build. The next build replaces it whole.\n';

export class OutputRefused extends Error {}

export interface Guarded {
  /** Absolute path of the output folder. */
  out: string;
  /** Folders the output may not be, nor be above: the project, the docs, the runbooks. */
  protect: { what: string; dir: string }[];
}

const advice = 'give --out an empty or new folder, or remove it yourself first';

/** Throws OutputRefused when the build may not replace `out`. Reads only. */
export function checkOutput({ out, protect }: Guarded): void {
  const real = realOrSelf(out);
  if (path.dirname(real) === real) refuse(out, 'is the root of the file system');
  for (const { what, dir } of protect) {
    const guarded = realOrSelf(dir);
    if (guarded === real) refuse(out, `is the ${what}`);
    if (isInside(guarded, real)) refuse(out, `holds the ${what} (${dir})`);
  }
  const info = lstatOrNull(out);
  if (info === null) return;
  if (info.isSymbolicLink()) refuse(out, 'is a symbolic link; give the folder it points to');
  if (!info.isDirectory()) refuse(out, 'is a file, not a folder');
  let names: string[];
  try {
    names = readdirSync(out);
  } catch (error) {
    refuse(out, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (names.includes('.git')) refuse(out, 'holds a .git folder');
  if (names.length > 0 && !isStamped(out)) refuse(out, 'is not empty and is not a site this tool wrote');
}

function refuse(out: string, why: string): never {
  throw new OutputRefused(`refusing --out ${out}: it ${why}; ${advice}`);
}

export function isStamped(dir: string): boolean {
  try {
    return readFileSync(path.join(dir, stampName), 'utf8') === stampText;
  } catch {
    return false;
  }
}

/**
 * A fresh stamped temporary folder beside `out`, named for this process, and
 * removed if the process exits before `disarm` is called. Made and armed in
 * one synchronous step: a Ctrl-C cannot fall between the two.
 */
export async function makeTemporary(out: string): Promise<{ dir: string; disarm: () => void }> {
  const dir = mkdtempSync(path.join(path.dirname(out), `.${path.basename(out)}.tmp-${process.pid}-`));
  const disarm = removeOnExit(dir);
  await writeFile(path.join(dir, stampName), stampText);
  return { dir, disarm };
}

/**
 * Put `fresh` where `out` is. Another build may finish at the same moment: the
 * loser of a rename race moves the winner's site aside (it is stamped, so it
 * is ours to replace) and tries again, and every folder moved aside has a name
 * of its own, so none is left behind or reported as a failure.
 */
export async function swap(fresh: string, out: string): Promise<void> {
  const aside: string[] = [];
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await rename(fresh, out);
        return;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || attempt >= 20) throw error;
      }
      // Check again: the folder may have changed while the site was built.
      if (!isStamped(out) && readdirSync(out).length > 0) throw new OutputRefused(`refusing --out ${out}: it changed during the build and is no longer a site this tool wrote; ${advice}`);
      const old = `${path.join(path.dirname(out), `.${path.basename(out)}.old-${process.pid}`)}-${attempt}`;
      try {
        await rename(out, old);
        aside.push(old);
      } catch (error) {
        // Another build moved it first: try our rename again.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  } finally {
    await Promise.all(aside.map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

/** Leftovers of interrupted builds beside `out`: our names, a process that is gone, and our stamp. */
export async function clearLeftovers(out: string): Promise<string[]> {
  const parent = path.dirname(out);
  const prefix = `.${path.basename(out)}.`;
  const names = await readdir(parent).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const m = /^(?:tmp|old)-(\d+)-/.exec(name.startsWith(prefix) ? name.slice(prefix.length) : '');
    if (!m || isRunning(Number(m[1]))) continue;
    const dir = path.join(parent, name);
    const mine = (await readFile(path.join(dir, stampName), 'utf8').catch(() => null)) === stampText;
    // A temporary folder is stamped as soon as it exists: one that is empty,
    // or holds nothing but a half-written stamp, was killed in between.
    const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => null);
    // ...or holds folders and no file at all (what writes in flight rebuilt after it was removed).
    const empty = entries !== null && entries.every((e) => e.isDirectory() || e.name === stampName);
    if (mine || empty) {
      await rm(dir, { recursive: true, force: true });
      removed.push(dir);
    }
  }
  return removed;
}

/** Remove `dir` if the process exits (or is interrupted) before it is swapped in. */
export function removeOnExit(dir: string): () => void {
  const remove = () => {
    // Writes still running in Node's thread pool may add files while it is
    // removed: try a few times, and never end an interrupted build on a stack
    // trace (what is left is stamped, and the next build clears it).
    try {
      // A folder or file already on its way through the thread pool can bring
      // part of it back after a removal: remove it until it stays gone.
      const pause = new Int32Array(new SharedArrayBuffer(4));
      for (let round = 0; round < 6; round++) {
        rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 20 });
        Atomics.wait(pause, 0, 0, 30);
        if (round >= 1 && !existsSync(dir)) break;
      }
    } catch {
      process.stderr.write(`build: could not remove ${dir} on the way out; the next build will\n`);
    }
  };
  process.on('exit', remove);
  return () => process.off('exit', remove);
}

export function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function lstatOrNull(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return null;
  }
}

/** The real path of `p`, or of its nearest existing ancestor with the rest appended. */
function realOrSelf(p: string): string {
  const abs = path.resolve(p);
  try {
    return realpathSync(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(realOrSelf(parent), path.basename(abs));
  }
}
