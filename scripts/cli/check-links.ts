// `check-links DIR`: read an operator's Markdown runbooks the way the build
// reads content/runbooks (the model's runbook reader, scripts/model/runbooks.ts),
// so check-links accepts exactly what the build accepts: the same problems,
// rule ids and places. Codes that do not exist are errors, retired ones
// warnings; printed one per line as file:line:column.
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { firstCode } from '../model/code-syntax.js';
import { extractRunbook, type RunbookLookups } from '../model/runbooks.js';
import type { ErrorEntry } from '../model/types.js';
import { reportTo } from '../rst/report.js';
import { nearestCodes } from './codes.js';
import { CliError } from './fail.js';
import type { Reference } from './reference.js';
import type { Style } from './terminal.js';

export interface LinkCheck {
  files: VFile[];
  /** Code mentions seen: those that resolved to an entry, and the unknown ones. */
  mentions: number;
}

const markdown = /\.(md|markdown)$/i;

/**
 * The Markdown files under `target` (or `target` itself when it is a file),
 * relative to `root`, sorted. Symbolic links to files and folders are
 * followed; each real folder is walked once, so a link cycle ends. A relative
 * `target` is read from `cwd` and kept relative in `root`.
 */
export async function markdownFiles(target: string, cwd: string): Promise<{ root: string; files: string[] }> {
  const at = (p: string) => path.resolve(cwd, p);
  const info = await stat(at(target)).catch(() => null);
  if (!info) throw new CliError(`${target}: no such folder`);
  if (info.isFile()) return { root: path.dirname(target), files: [path.basename(target)] };
  const files: string[] = [];
  const walked = new Set<string>();
  const walk = async (rel: string): Promise<void> => {
    const dir = path.join(target, rel);
    const real = await realpath(at(dir));
    if (walked.has(real)) return;
    walked.add(real);
    // In name order, so which name of a folder reached twice is kept does not depend on the file system.
    const entries = (await readdir(at(dir), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      // Dependencies and tool folders hold other people's Markdown.
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      let kind: 'dir' | 'file' | null = e.isDirectory() ? 'dir' : e.isFile() ? 'file' : null;
      if (e.isSymbolicLink()) {
        // A dangling link named like a runbook is still listed: reading it reports the problem.
        const to = await stat(at(path.join(target, child))).catch(() => null);
        kind = to === null ? 'file' : to.isDirectory() ? 'dir' : to.isFile() ? 'file' : null;
      }
      if (kind === 'dir') await walk(child);
      else if (kind === 'file' && markdown.test(e.name)) files.push(child);
    }
  };
  await walk('');
  return { root: target, files: files.sort() };
}

/**
 * What the runbook reader needs of the reference: which codes exist and
 * which are retired. Directive names only decide what a runbook page links,
 * never a problem, so none are given.
 */
function lookupsOf(reference: Reference): RunbookLookups {
  const errors = new Map<string, ErrorEntry>();
  for (const [code, e] of reference.entries) errors.set(code, { kind: 'error', code, number: Number(code.slice(4)), retired: e.retired } as ErrorEntry);
  return { errors, directives: new Map() };
}

/** Paths are printed as given (`target` and below) and read from `cwd` when relative. */
export async function checkLinks(target: string, reference: Reference, cwd: string): Promise<LinkCheck> {
  const { root, files } = await markdownFiles(target, cwd);
  const lookups = lookupsOf(reference);
  const out: VFile[] = [];
  let mentions = 0;
  for (const rel of files) {
    const full = path.join(root, rel);
    const value = await readFile(path.resolve(cwd, full), 'utf8').catch((error: NodeJS.ErrnoException) => error);
    if (value instanceof Error) {
      const file = new VFile({ path: full, cwd });
      const msg = file.message(`cannot read this runbook: ${value.code === 'ENOENT' ? 'a symbolic link to nothing' : value.message}`, { ruleId: 'unreadable-runbook', source: 'wsgi-errors' });
      msg.fatal = true;
      out.push(file);
      continue;
    }
    const file = new VFile({ path: full, value, cwd });
    const runbook = extractRunbook(full, file, reportTo(file, 'wsgi-runbook'), lookups);
    for (const ref of runbook.references) if (ref.resolution.type === 'entry' && ref.resolution.entry.kind === 'error') mentions++;
    for (const m of file.messages) {
      if (m.ruleId !== 'unknown-code') continue;
      mentions++;
      const code = firstCode(m.reason);
      const near = code ? nearestCodes(code, reference.codes) : [];
      if (near.length > 0) {
        m.reason += ` (nearest: ${near.join(', ')})`;
        m.message = m.reason;
      }
    }
    out.push(file);
  }
  return { files: out, mentions };
}

export function formatCheck(check: LinkCheck, style: Style): string {
  const lines: string[] = [];
  let unknown = 0;
  let retired = 0;
  let other = 0;
  for (const file of check.files) {
    // In reading order, as the build lists them.
    const messages = [...file.messages].sort((a, b) => (a.line ?? 1) - (b.line ?? 1) || (a.column ?? 1) - (b.column ?? 1));
    for (const m of messages) {
      if (m.ruleId === 'unknown-code') unknown++;
      else if (m.ruleId === 'retired-code') retired++;
      else other++;
      const level = m.fatal ? style.severity('error', 'CRIT') : style.severity('warning', 'ERR');
      lines.push(`${file.path}:${m.line ?? 1}:${m.column ?? 1}: ${level}: ${m.reason}  ${style.dim(m.ruleId ?? '')}`);
    }
  }
  const n = check.files.length;
  const tally =
    `${n} file${n === 1 ? '' : 's'}, ${check.mentions} code mention${check.mentions === 1 ? '' : 's'}: ${unknown} unknown, ${retired} retired` +
    (other > 0 ? `, ${other} other problem${other === 1 ? '' : 's'}` : '');
  return [...lines, lines.length > 0 ? `\n${tally}` : tally].join('\n') + '\n';
}
