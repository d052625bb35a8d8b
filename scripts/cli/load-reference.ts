// Where the codes come from, in order: `--docs DIR` (built now), `--site DIR`
// (a built site), the project's last build (`_site/`), the project's content/.
// Building from RST pulls in the whole reader, so it is imported only then.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MatcherData } from '../search/matcher.js';
import { CliError } from './fail.js';
import type { LineMatcher } from './line-matcher.js';
import { type CliEntry, type Reference, referenceOf } from './reference.js';
import { searchFiles } from '../search/files.js';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface SourceOptions {
  docs?: string | undefined;
  site?: string | undefined;
  siteUrl?: string | undefined;
}

export async function loadReference(options: SourceOptions): Promise<Reference> {
  const siteUrl = options.siteUrl ?? (await siteUrlOfProject());
  if (options.docs !== undefined) return fromDocs(options.docs, siteUrl);
  if (options.site !== undefined) {
    const file = path.join(options.site, 'errors.json');
    if (!(await isFile(file))) throw new CliError(`${options.site}: no errors.json here (give a folder written by \`npm run build\`)`);
    return fromSite(options.site, siteUrl);
  }
  const built = path.join(projectRoot, '_site');
  if (await isFile(path.join(built, 'errors.json'))) return fromSite(built, siteUrl);
  return fromDocs(path.join(projectRoot, 'content'), siteUrl);
}

async function isFile(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => null);
  return info !== null && info.isFile();
}

/** content/site.json's `url`, read directly: the site config module drags in the RST reader. */
async function siteUrlOfProject(): Promise<string> {
  const text = await readFile(path.join(projectRoot, 'content/site.json'), 'utf8').catch(() => null);
  if (text === null) return '';
  try {
    const data: unknown = JSON.parse(text);
    const url = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).url : undefined;
    return typeof url === 'string' ? url : '';
  } catch {
    return '';
  }
}

async function fromSite(dir: string, siteUrl: string): Promise<Reference> {
  const file = path.join(dir, 'errors.json');
  const entries = entriesOfJson(await readFile(file, 'utf8'), file);
  const origin = path.relative(process.cwd(), file) || file;
  return referenceOf(origin, entries, siteUrl, () => matcherOfSite(dir));
}

/** The matcher compiled by the build. */
export const matcherFile = searchFiles.matcher;

async function matcherOfSite(dir: string): Promise<LineMatcher> {
  const file = path.join(dir, matcherFile);
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) throw new CliError(`${file}: missing; rebuild the site (\`npm run build\`) or give --docs DIR`);
  let data: MatcherData;
  try {
    data = JSON.parse(text) as MatcherData;
  } catch {
    throw new CliError(`${file}: not valid JSON; rebuild the site with \`npm run build\``);
  }
  if (data.version !== 1 || !Array.isArray(data.templates)) throw new CliError(`${file}: not matcher data this tool understands; rebuild the site`);
  const { createMatcher } = await import('../search/matcher.js');
  return createMatcher(data);
}

function entriesOfJson(text: string, file: string): CliEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new CliError(`${file}: not valid JSON; rebuild the site with \`npm run build\``);
  }
  const errors = typeof data === 'object' && data !== null ? (data as { errors?: unknown }).errors : undefined;
  if (!Array.isArray(errors) || !errors.every((e) => typeof e === 'object' && e !== null && typeof (e as CliEntry).code === 'string')) {
    throw new CliError(`${file}: not an errors.json written by this project`);
  }
  return (errors as CliEntry[]).map(
    (e): CliEntry => ({
      code: e.code,
      title: e.title,
      severity: e.severity,
      source: e.source,
      retired: e.retired,
      retiredNote: e.retiredNote,
      loggedMessage: e.loggedMessage && { template: e.loggedMessage.template, notes: e.loggedMessage.notes },
      cause: e.cause,
      outcome: e.outcome,
      action: e.action
    })
  );
}

async function fromDocs(dir: string, siteUrl: string): Promise<Reference> {
  const [{ readDocs, DocsError }, { buildModel }, { errorToJson }, { compileMatcher, createMatcher }] = await Promise.all([
    import('../model/read-docs.js'),
    import('../model/build-model.js'),
    import('../model/to-json.js'),
    import('../search/matcher.js')
  ]);
  let folder;
  try {
    folder = await readDocs(dir);
  } catch (error) {
    if (error instanceof DocsError) throw new CliError(error.message);
    throw error;
  }
  const { model } = buildModel(folder.inputs, { allDocs: folder.allDocs, root: dir });
  const fatal = model.diagnostics.filter((d) => d.fatal).length;
  if (fatal > 0) process.stderr.write(`wsgi-errors: ${fatal} problem${fatal === 1 ? '' : 's'} in ${dir}; \`npm run build -- --docs ${dir}\` lists them\n`);
  const entries = model.errors.map(errorToJson);
  const origin = path.relative(process.cwd(), dir) || dir;
  return referenceOf(origin, entries, siteUrl, async () => createMatcher(compileMatcher(model.errors)));
}
