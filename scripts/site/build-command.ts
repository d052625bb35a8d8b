// `npm run build` as a function of its arguments: usage on --help, one line and
// exit 2 for a mistake on the command line or an output folder it may not
// replace, the docs' diagnostics and exit 1 for a broken doc.
import { reporter } from 'vfile-reporter';
import { buildSite, BuildError } from './build-site.js';
import { OutputRefused } from './output-folder.js';
import { Phases } from './phases.js';
import { DocsError } from '../model/read-docs.js';
import { isHttpUrl } from './site-url.js';
import { type Io, parseOptions, usageError } from '../command-line.js';

export type { Io };

export const buildUsage = `Usage: npm run build [-- options]

Builds the reference site from a docs folder laid out like mod_wsgi's docs/.

Options:
  --docs DIR         the folder holding error-reference.rst (default: this project's content/)
  --runbooks DIR     Markdown runbooks (default: this project's content/runbooks)
  --out DIR          where the site goes (default: this project's _site/). It must be missing,
                     empty, or a site this build wrote before: it is replaced whole.
  --base-path PATH   serve the site under a path, as in /mod_wsgi/ (default: /)
  --site-url URL     the origin it is served from, as in https://docs.example.org,
                     for canonical links and sitemap.xml (default: content/site.json)
  --upstream URL     the upstream docs, for links to pages outside the reference
  --quiet            no summary line
  --timings          print the time of each phase on stderr (JSON on its last line)
  -h, --help         this help

Exit status: 0 built, 1 errors in the docs, 2 a usage mistake or an --out
folder that is not safe to replace. On failure the previous site is untouched.
`;

const options = {
  docs: { type: 'string' },
  out: { type: 'string' },
  'base-path': { type: 'string', default: '/' },
  'site-url': { type: 'string' },
  upstream: { type: 'string' },
  runbooks: { type: 'string' },
  quiet: { type: 'boolean', default: false },
  timings: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false }
} as const;

export async function buildCommand(argv: readonly string[], io: Io): Promise<number> {
  const values = parseOptions('build', argv, options, io, ['docs', 'out', 'runbooks']);
  if (values === null) return 2;
  if (values.help) {
    io.stdout.write(buildUsage);
    return 0;
  }
  if (values.upstream !== undefined && !isHttpUrl(values.upstream)) return usageError('build', `--upstream \`${values.upstream}\` is not an absolute http or https URL`, io);

  const started = performance.now();
  const phases = values.timings ? new Phases() : undefined;
  try {
    const result = await buildSite({
      ...(values.docs !== undefined ? { docs: values.docs } : {}),
      ...(values.out !== undefined ? { out: values.out } : {}),
      basePath: values['base-path'],
      ...(values['site-url'] !== undefined ? { siteUrl: values['site-url'] } : {}),
      ...(values.upstream !== undefined ? { upstream: values.upstream } : {}),
      ...(values.runbooks !== undefined ? { runbooks: values.runbooks } : {}),
      ...(phases ? { phases } : {})
    });
    if (phases) {
      for (const p of phases.list) io.stderr.write(`${p.name.padEnd(52)} ${p.ms.toFixed(0).padStart(6)} ms ${String(p.rssMB).padStart(6)} MB\n`);
      // The build's own peak: a time-keeper's peak is its largest process, which at 10,000 codes is Pagefind's.
      io.stderr.write(JSON.stringify({ phases: phases.list, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
    }
    const report = reporter(result.files, { quiet: true });
    if (report) io.stderr.write(report + '\n');
    if (!values.quiet) {
      const s = ((performance.now() - started) / 1000).toFixed(2);
      const runbooks = result.model.runbooks.length;
      io.stdout.write(`Built ${result.counts.errors} code pages, ${result.counts.directives} directive pages and ${runbooks} runbook${runbooks === 1 ? '' : 's'} into ${result.out} in ${s} s\n`);
      if (!result.siteUrl) io.stdout.write('Note: no --site-url (or "url" in content/site.json): canonical links and sitemap.xml use paths, not full URLs.\n');
    }
    return 0;
  } catch (error) {
    if (error instanceof OutputRefused || error instanceof DocsError) {
      io.stderr.write(`build: ${error.message}${error instanceof DocsError ? ' (see npm run build -- --help)' : ''}\n`);
      return 2;
    }
    if (error instanceof BuildError) {
      const report = reporter(error.files, { quiet: true });
      if (report) io.stderr.write(report + '\n');
      io.stderr.write(`build failed: ${error.message}; ${values.out ?? 'the output folder'} was left as it was\n`);
      return 1;
    }
    throw error;
  }
}
