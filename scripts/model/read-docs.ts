// Gather the inputs from a docs folder laid out like mod_wsgi's docs/.
import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DocInput } from './build-model.js';

export interface DocsFolder {
  inputs: DocInput[];
  /** Every .rst below the folder, relative, for classifying :doc: targets. */
  allDocs: string[];
}

export class DocsError extends Error {}

export async function readDocs(dir: string): Promise<DocsFolder> {
  const info = await stat(dir).catch(() => null);
  if (!info) throw new DocsError(`${dir}: no such folder`);
  if (!info.isDirectory()) throw new DocsError(`${dir}: not a folder (give the docs folder that holds error-reference.rst)`);

  const allDocs = (await readdir(dir, { recursive: true }))
    .map((p) => p.split(path.sep).join('/'))
    .filter((p) => p.endsWith('.rst'))
    .sort();
  if (!allDocs.includes('error-reference.rst')) throw new DocsError(`${dir}: no error-reference.rst in this folder`);

  const wanted = allDocs.filter((p) => p === 'error-reference.rst' || p === 'configuration.rst' || /^configuration-directives\/[^/]+\.rst$/.test(p));
  // Bytes, not text: the model decodes them and reports what is not UTF-8 (scripts/model/decode.ts).
  // Read one after another without the thread pool: a few dozen small files
  // take a third of the time (npm run dev reads them all on every save).
  const inputs = wanted.map((p) => ({ path: p, value: readFileSync(path.join(dir, p)) }));
  return { inputs, allDocs };
}

/**
 * The Markdown runbooks in a folder (none when the default folder does not
 * exist; an error when a folder given with --runbooks does not). Paths are
 * kept relative to the working directory so diagnostics point at real files.
 */
export async function readRunbooks(dir: string, options: { given: boolean }): Promise<DocInput[]> {
  const info = await stat(dir).catch(() => null);
  // A project without runbooks has no content/runbooks; a folder named on the
  // command line that is not there is a mistake (a typo would mean no runbooks, silently).
  if (!info) {
    if (options.given) throw new DocsError(`--runbooks ${dir}: no such folder`);
    return [];
  }
  if (!info.isDirectory()) throw new DocsError(`${dir}: not a folder of runbooks`);
  const names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.md')).sort();
  return names.map((n) => {
    const full = path.join(dir, n);
    const shown = path.relative(process.cwd(), full);
    return { path: (shown.startsWith('..') ? full : shown).split(path.sep).join('/'), value: readFileSync(full) };
  });
}
