// `check-links DIR`: every WSGI#### mentioned in an operator's Markdown
// runbooks must exist; retired ones are warned about. Problems are vfile
// messages with rule ids, printed one per line as file:line:column.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { nearestCodes } from './codes.js';
import { CliError } from './fail.js';
import type { Reference } from './reference.js';
import type { Style } from './terminal.js';

export interface LinkCheck {
  files: VFile[];
  mentions: number;
}

// A code as a word of its own, in any case (runbooks may link /errors/wsgi0030/).
const mention = /(?<![A-Za-z0-9_])WSGI(\d{4})(?![0-9])/gi;
const markdown = /\.(md|markdown)$/i;

export async function markdownFiles(target: string): Promise<{ root: string; files: string[] }> {
  const info = await stat(target).catch(() => null);
  if (!info) throw new CliError(`${target}: no such folder`);
  if (info.isFile()) return { root: path.dirname(target), files: [path.basename(target)] };
  const files: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(target, rel), { withFileTypes: true });
    for (const e of entries) {
      // Dependencies and tool folders hold other people's Markdown.
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(child);
      else if (e.isFile() && markdown.test(e.name)) files.push(child);
    }
  };
  await walk('');
  return { root: target, files: files.sort() };
}

export async function checkLinks(target: string, reference: Reference): Promise<LinkCheck> {
  const { root, files } = await markdownFiles(target);
  const out: VFile[] = [];
  let mentions = 0;
  for (const rel of files) {
    const full = path.join(root, rel);
    const file = new VFile({ path: full, value: await readFile(full, 'utf8') });
    String(file.value)
      .split(/\r?\n|\r/)
      .forEach((text, index) => {
        for (const m of text.matchAll(mention)) {
          mentions++;
          const code = `WSGI${m[1] as string}`;
          const place = { line: index + 1, column: (m.index ?? 0) + 1 };
          const entry = reference.entries.get(code);
          if (!entry) {
            const near = nearestCodes(code, reference.codes);
            const msg = file.message(`${code} is not an allocated code${near.length ? ` (nearest: ${near.join(', ')})` : ''}`, { place, ruleId: 'unknown-code', source: 'wsgi-errors' });
            msg.fatal = true;
          } else if (entry.retired) {
            file.message(`${code} is retired: mod_wsgi no longer logs it`, { place, ruleId: 'retired-code', source: 'wsgi-errors' });
          }
        }
      });
    out.push(file);
  }
  return { files: out, mentions };
}

export function formatCheck(check: LinkCheck, style: Style): string {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const file of check.files) {
    for (const m of file.messages) {
      if (m.fatal) errors++;
      else warnings++;
      const level = m.fatal ? style.severity('error', 'CRIT') : style.severity('warning', 'ERR');
      lines.push(`${file.path}:${m.line ?? 1}:${m.column ?? 1}: ${level}: ${m.reason}  ${style.dim(m.ruleId ?? '')}`);
    }
  }
  const n = check.files.length;
  const tally = `${n} file${n === 1 ? '' : 's'}, ${check.mentions} code mention${check.mentions === 1 ? '' : 's'}: ${errors} unknown, ${warnings} retired`;
  return [...lines, lines.length > 0 ? `\n${tally}` : tally].join('\n') + '\n';
}
