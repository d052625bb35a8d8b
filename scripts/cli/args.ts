// The command line, parsed into one of the commands or a usage problem.
import { parseArgs } from 'node:util';
import { CliError } from './fail.js';
import { parseSiteUrl } from '../site/site-url.js';
import type { SourceOptions } from './load-reference.js';

export type Command =
  | { name: 'help' }
  | { name: 'explain'; code: string; source: SourceOptions }
  | { name: 'scan'; file: string | undefined; json: boolean; quiet: boolean; stats: boolean; source: SourceOptions }
  | { name: 'check-links'; dir: string; source: SourceOptions };

export const usage = `Usage: wsgi-errors <command> [options]

Commands:
  explain CODE         Print one entry: severity, logged message, cause,
                       outcome, what to do, and its URL. CODE may be
                       WSGI0030, wsgi0030 or 0030. Exit 1 when no entry has it.
  scan [FILE|-]        Read an Apache error log (a file, or standard input
                       with - or a pipe) and show each line that names or fits
                       an entry, then a table by code: count, first and last
                       seen. A code counts wherever it is in a line; lines
                       over 32 KiB are shown and matched by message cut.
  check-links DIR      Check Markdown runbooks under DIR (*.md, recursively,
                       through symbolic links) as the build reads them: codes
                       that do not exist (error, exit 1), retired ones
                       (warning), front matter problems (error), each as
                       file:line:column with the build's rule id.

Options:
  --site DIR           Use a site built by \`npm run build\` (its errors.json).
                       Printed URLs are that site's: its base path and origin.
  --docs DIR           Build the reference from an RST docs folder now
                       (the folder holding error-reference.rst).
  --site-url URL       The origin printed URLs start with, as for the build:
                       https://docs.example.org, no path. The base path is
                       the site's (/ with --docs). Default: the site's own
                       origin, or content/site.json's url with --docs.
  --json               scan: JSON Lines on stdout, one {"type":"match"} object
                       per matched line as found, then one {"type":"summary"}.
  --quiet              scan: the summary only.
  -h, --help           This help.

Which reference: --site or --docs when given; else the built site folder
named by the environment variable WSGI_ERRORS_SITE; else this project's _site/
when built; else the sample in this project's content/ (a few codes, not
mod_wsgi's full reference). Unless given with --site or --docs, the reference
used is named on stderr: its path, its number of codes, and whether it is the
sample. For the full reference: npm run build -- --docs mod_wsgi/docs --out
DIR, then WSGI_ERRORS_SITE=DIR or --site DIR.

Environment: WSGI_ERRORS_SITE (above); NO_COLOR (no colour); FORCE_COLOR
(emphasis without a terminal); COLUMNS (width when not a terminal).

Exit status: 0 success, 1 an unknown code (explain, check-links), 2 a usage
or input problem (missing file, a folder given as a file, binary input).
`;

export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        docs: { type: 'string' },
        site: { type: 'string' },
        'site-url': { type: 'string' },
        json: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        stats: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
      }
    });
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}\nRun \`wsgi-errors --help\` for the commands and options.`);
  }
  const { values, positionals } = parsed;
  const [name, ...rest] = positionals;
  if (values.help || name === undefined || name === 'help') return { name: 'help' };
  if (values.docs !== undefined && values.site !== undefined) throw new CliError('give --docs or --site, not both');
  let siteUrl: string | undefined;
  if (values['site-url'] !== undefined) {
    // The same option as the build's, checked the same way.
    const checked = parseSiteUrl(values['site-url']);
    if ('problem' in checked) {
      // The build's wording; its --base-path has no counterpart here.
      const base = checked.problem.includes('--base-path') ? ' (wsgi-errors takes the base path from the site)' : '';
      throw new CliError(`--site-url ${checked.problem}${base}`);
    }
    siteUrl = checked.origin;
  }
  const source: SourceOptions = { docs: values.docs, site: values.site, siteUrl };
  const scanOnly = (['json', 'quiet', 'stats'] as const).filter((k) => values[k]);
  if (name !== 'scan' && scanOnly.length > 0) throw new CliError(`--${scanOnly[0]} applies to scan only`);
  const exactly = (n: number, what: string) => {
    if (rest.length !== n) throw new CliError(`${name}: expected ${what}, got ${rest.length === 0 ? 'nothing' : rest.map((r) => `\`${r}\``).join(' ')}`);
  };
  switch (name) {
    case 'explain':
      exactly(1, 'one code');
      return { name, code: rest[0] as string, source };
    case 'scan':
      if (rest.length > 1) exactly(1, 'one log file (or -)');
      return { name, file: rest[0], json: values.json, quiet: values.quiet, stats: values.stats, source };
    case 'check-links':
      exactly(1, 'one folder');
      return { name, dir: rest[0] as string, source };
    default:
      throw new CliError(`unknown command \`${name}\`; the commands are explain, scan and check-links (see --help)`);
  }
}
