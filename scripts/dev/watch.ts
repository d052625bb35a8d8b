// What `npm run dev` watches: one fs.watch per folder (inotify on Linux: a
// save is seen within a few milliseconds; Eleventy's watcher waits for a write
// to settle for 150 ms). Folders, not files, and not Node's `recursive`
// option, which on Linux follows each file and loses it when an editor saves
// by writing a new file over the old one. Each change is sorted by what it is, so
// the dev build knows how much to do: a doc or a runbook is an incremental
// build; site.json, a template or a file in public/ a full one (a template's
// code is loaded again).
import { type FSWatcher, readdirSync, statSync, watch } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export type ChangeKind = 'docs' | 'runbooks' | 'site-file' | 'templates' | 'public';

export interface Watched {
  kind: ChangeKind;
  /** A folder (watched with what is below it) or, for `site-file`, a file. */
  path: string;
}

/** Files of each kind that matter; editors' swap and backup files do not. */
const wanted: Record<ChangeKind, (name: string) => boolean> = {
  docs: (n) => n.endsWith('.rst'),
  runbooks: (n) => n.toLowerCase().endsWith('.md'),
  'site-file': () => true,
  templates: (n) => /\.(?:ts|js|mjs)$/.test(n),
  public: (n) => !/(?:~|\.swp|\.swx|\.tmp)$/.test(n)
};

/** The kind of change a file is, by the most specific watched path holding it, or null. */
export function kindOf(file: string, watched: readonly Watched[]): ChangeKind | null {
  const name = path.basename(file);
  if (name.startsWith('.') || name.startsWith('#') || name === '4913') return null;
  let best: Watched | null = null;
  for (const w of watched) {
    const inside = w.kind === 'site-file' ? file === w.path : file === w.path || file.startsWith(w.path.endsWith(path.sep) ? w.path : w.path + path.sep);
    if (inside && (!best || w.path.length > best.path.length)) best = w;
  }
  return best && wanted[best.kind](name) ? best.kind : null;
}

/**
 * Calls `onChange` with the kinds of change seen and the time of the first
 * event (performance.now()), once `settle` ms pass with no further event (an
 * editor's save can be several events, all within a millisecond or two).
 */
export function watchInputs(watched: readonly Watched[], onChange: (kinds: Set<ChangeKind>, since: number) => void, settle = 2): { close(): void } {
  const all = watched.map((w) => ({ ...w, path: path.resolve(w.path) }));
  const pending = new Set<ChangeKind>();
  let timer: NodeJS.Timeout | null = null;
  let since = 0;
  const watchers = new Map<string, FSWatcher>();
  const changed = (file: string) => {
    const kind = kindOf(file, all);
    if (kind === null) return;
    if (pending.size === 0) since = performance.now();
    pending.add(kind);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      const kinds = new Set(pending);
      pending.clear();
      onChange(kinds, since);
    }, settle);
  };
  /** Watches `dir` and the folders below it (not node_modules or hidden ones). */
  const add = (dir: string) => {
    if (watchers.has(dir)) return;
    let w: FSWatcher;
    try {
      w = watch(dir, (_event, name) => {
        if (name === null) return;
        const file = path.join(dir, name.toString());
        // A folder made or moved in is watched too.
        if (isFolder(file)) add(file);
        else changed(file);
      });
    } catch {
      // Not there (no runbooks folder): nothing to watch.
      return;
    }
    w.on('error', () => {
      w.close();
      watchers.delete(dir);
    });
    watchers.set(dir, w);
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      // Gone meanwhile.
    }
    for (const n of names) if (!n.startsWith('.') && n !== 'node_modules' && isFolder(path.join(dir, n))) add(path.join(dir, n));
  };
  for (const w of all) add(w.kind === 'site-file' ? path.dirname(w.path) : w.path);
  return {
    close() {
      if (timer) clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    }
  };
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
