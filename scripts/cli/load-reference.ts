// Which reference the tool reads, in this order: `--site DIR` or `--docs DIR`
// when given; else the built site named by WSGI_ERRORS_SITE; else this
// project's last build (`_site/`); else the sample in this project's content/.
// Unless it was given on the command line, the reference used is named on
// stderr (where, how many codes, whether it is the sample), so nobody reads
// the 18-code sample believing it is mod_wsgi's reference. Printed URLs are
// the site's own (its origin and base path, from errors.json); --site-url
// replaces the origin only. Building from RST pulls in the whole reader, so
// it is imported only then.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../project.js';
import type { MatcherData } from '../search/matcher.js';
import { searchFiles } from '../search/files.js';
import { parseSiteUrl } from '../site/site-url.js';
import { CliError } from './fail.js';
import type { LineMatcher } from './line-matcher.js';
import { type CliEntry, type Reference, referenceOf, type SiteAddress } from './reference.js';

/** The environment variable naming a built site folder to read. */
export const siteVariable = 'WSGI_ERRORS_SITE';

export interface SourceOptions {
  docs?: string | undefined;
  site?: string | undefined;
  /** An origin, already checked with parseSiteUrl: replaces the reference's own. */
  siteUrl?: string | undefined;
}

/** What loading reads from the process, and where it reports. */
export interface LoadContext {
  /** Relative paths are taken from here. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stderr: { write(text: string): unknown };
  /** The project whose _site/ and content/ are the fallbacks (default: this one). */
  project?: string;
}

export async function loadReference(options: SourceOptions, context: LoadContext): Promise<Reference> {
  const resolve = (p: string) => path.resolve(context.cwd, p);
  if (options.docs !== undefined) return fromDocs(resolve(options.docs), options.docs, options, context);
  if (options.site !== undefined) return fromSite(resolve(options.site), options.site, options, context);

  const project = context.project ?? projectRoot;
  const named = context.env[siteVariable];
  let reference: Reference;
  let how = '';
  let sample = 'the sample';
  if (named !== undefined && named !== '') {
    reference = await fromSite(resolve(named), `${siteVariable}=${named}`, options, context);
    how = `, named by ${siteVariable}`;
    sample = 'a site built from the sample';
  } else if (await isFile(path.join(project, '_site', 'errors.json'))) {
    reference = await fromSite(path.join(project, '_site'), '_site', options, context);
    sample = 'a site built from the sample';
  } else {
    const content = path.join(project, 'content');
    reference = await fromDocs(content, content, options, context);
  }
  const count = `${reference.codes.length} code${reference.codes.length === 1 ? '' : 's'}`;
  const what = reference.sample ? `${sample}: ${count}, not mod_wsgi's full reference; see --help` : count;
  context.stderr.write(`wsgi-errors: using ${reference.where} (${what})${how}\n`);
  return reference;
}

async function isFile(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => null);
  return info !== null && info.isFile();
}

/** A path for messages: from the working directory when below it, else in full. */
function shown(file: string, context: LoadContext): string {
  const relative = path.relative(context.cwd, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** Is `dir` this project's content/ sample (as the build decides it)? */
const isSample = (dir: string, context: LoadContext) => path.resolve(dir) === path.resolve(context.project ?? projectRoot, 'content');

async function fromSite(dir: string, given: string, options: SourceOptions, context: LoadContext): Promise<Reference> {
  const file = path.join(dir, 'errors.json');
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) throw new CliError(`${given}: no errors.json here (give a folder written by \`npm run build\`)`);
  const { entries, site, sample } = readErrorsJson(text, file);
  return referenceOf(shown(file, context), sample, entries, { origin: options.siteUrl ?? site.origin, base: site.base }, () => matcherOfSite(dir));
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
  const { createMatcher, matcherVersion } = await import('../search/matcher.js');
  if (data.version !== matcherVersion || !Array.isArray(data.templates)) throw new CliError(`${file}: not matcher data this tool understands; rebuild the site`);
  return createMatcher(data);
}

interface ErrorsJson {
  siteUrl?: unknown;
  basePath?: unknown;
  sample?: unknown;
  errors?: unknown;
}

function readErrorsJson(text: string, file: string): { entries: CliEntry[]; site: SiteAddress; sample: boolean } {
  let data: ErrorsJson;
  try {
    data = JSON.parse(text) as ErrorsJson;
  } catch {
    throw new CliError(`${file}: not valid JSON; rebuild the site with \`npm run build\``);
  }
  const errors = typeof data === 'object' && data !== null ? data.errors : undefined;
  if (!Array.isArray(errors) || !errors.every((e) => typeof e === 'object' && e !== null && typeof (e as CliEntry).code === 'string')) {
    throw new CliError(`${file}: not an errors.json written by this project`);
  }
  const entries = (errors as (CliEntry & { url?: unknown })[]).map(
    (e): CliEntry => ({
      code: e.code,
      title: e.title,
      severity: e.severity,
      source: e.source,
      retired: e.retired,
      retiredNote: e.retiredNote,
      loggedMessage: e.loggedMessage && { template: e.loggedMessage.template, segments: e.loggedMessage.segments, notes: e.loggedMessage.notes },
      cause: e.cause,
      outcome: e.outcome,
      action: e.action
    })
  );
  const site =
    typeof data.siteUrl === 'string' && typeof data.basePath === 'string' && /^\/(.*\/)?$/.test(data.basePath)
      ? { origin: data.siteUrl, base: data.basePath }
      : addressOfUrls(errors as { code: string; url?: unknown }[]);
  return { entries, site, sample: data.sample === true };
}

/**
 * A site built before errors.json named its origin and base path: both are
 * in each entry's URL (origin + base + `errors/WSGI0030/`).
 */
function addressOfUrls(errors: readonly { code: string; url?: unknown }[]): SiteAddress {
  const first = errors.find((e) => typeof e.url === 'string');
  const suffix = first && `errors/${first.code}/`;
  if (!first || !suffix || !(first.url as string).endsWith(suffix)) return { origin: '', base: '/' };
  const prefix = (first.url as string).slice(0, -suffix.length);
  if (prefix.startsWith('/')) return { origin: '', base: prefix };
  try {
    const url = new URL(prefix);
    return { origin: url.origin, base: url.pathname };
  } catch {
    return { origin: '', base: '/' };
  }
}

async function fromDocs(dir: string, given: string, options: SourceOptions, context: LoadContext): Promise<Reference> {
  const [{ readDocs, DocsError }, { buildModel }, { errorToJson }, { compileMatcher, createMatcher }, origin] = await Promise.all([
    import('../model/read-docs.js'),
    import('../model/build-model.js'),
    import('../model/to-json.js'),
    import('../search/matcher.js'),
    options.siteUrl ?? originOfProject(context.project ?? projectRoot)
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
  if (fatal > 0) context.stderr.write(`wsgi-errors: ${fatal} problem${fatal === 1 ? '' : 's'} in ${given}; \`npm run build -- --docs ${given}\` lists them\n`);
  const entries = model.errors.map(errorToJson);
  return referenceOf(shown(dir, context), isSample(dir, context), entries, { origin, base: '/' }, async () => createMatcher(compileMatcher(model.errors)));
}

/** The origin a build of the docs would use: content/site.json's `url`, read and checked as the build does. */
async function originOfProject(project: string): Promise<string> {
  const { readSiteFile } = await import('../site/config.js');
  const file = path.join(project, 'content/site.json');
  let url: string;
  try {
    ({ url } = await readSiteFile(file));
  } catch (error) {
    throw new CliError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (url === '') return '';
  const checked = parseSiteUrl(url);
  if ('problem' in checked) throw new CliError(`${file}: "url" ${checked.problem}`);
  return checked.origin;
}
