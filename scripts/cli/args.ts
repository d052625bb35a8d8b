// The command line, parsed into one of the commands or a usage problem.
import { parseArgs } from 'node:util';
import { CliError } from './fail.js';
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
  --docs DIR           Build the reference from an RST docs folder now
                       (the folder holding error-reference.rst).
  --site DIR           Use a site built by \`npm run build\` (its errors.json).
                       Default: this project's _site/ if built, else content/.
  --site-url URL       Prefix for printed URLs (default: content/site.json's
                       url; without one, paths like /errors/WSGI0030/).
  --json               scan: JSON Lines on stdout, one {"type":"match"} object
                       per matched line as found, then one {"type":"summary"}.
  --quiet              scan: the summary only.
  -h, --help           This help.

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
  const source: SourceOptions = { docs: values.docs, site: values.site, siteUrl: values['site-url'] };
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
