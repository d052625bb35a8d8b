// `npm run extract` as a function of its arguments: the same reading and
// checking as the build (docs and runbooks), the model as JSON, no site.
import { reporter } from 'vfile-reporter';
import { type Io, parseOptions, usageError } from '../command-line.js';
import { ofProject } from '../project.js';
import { buildModel } from './build-model.js';
import { DocsError, readDocs, readRunbooks } from './read-docs.js';
import { modelToJson } from './to-json.js';

export const extractUsage = `Usage: npm run --silent extract [-- options]

Reads and checks a docs folder as the build does and prints the model as JSON
on stdout; problems go to stderr as file:line:column with a rule id.

Options:
  --docs DIR       the folder holding error-reference.rst (default: this project's content/)
  --runbooks DIR   check these Markdown runbooks too (default: none; the build
                   reads this project's content/runbooks)
  --upstream URL   the upstream docs, for links to pages outside the reference
  -h, --help       this help

Exit status: 0 no errors, 1 errors in the docs, 2 a usage mistake.
`;

const options = {
  docs: { type: 'string' },
  runbooks: { type: 'string' },
  upstream: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false }
} as const;

export async function extractCommand(argv: readonly string[], io: Io): Promise<number> {
  const values = parseOptions('extract', argv, options, io, ['docs', 'runbooks']);
  if (values === null) return 2;
  if (values.help) {
    io.stdout.write(extractUsage);
    return 0;
  }
  const docs = values.docs ?? ofProject('content');
  try {
    const folder = await readDocs(docs);
    const runbooks = values.runbooks !== undefined ? await readRunbooks(values.runbooks, { given: true }) : [];
    const { model, files } = buildModel(folder.inputs, { allDocs: folder.allDocs, root: docs, runbooks, ...(values.upstream ? { upstream: values.upstream } : {}) });
    io.stdout.write(JSON.stringify(modelToJson(model), null, 2) + '\n');
    const report = reporter(files, { quiet: true });
    if (report) io.stderr.write(report + '\n');
    return model.diagnostics.some((d) => d.fatal) ? 1 : 0;
  } catch (error) {
    if (error instanceof DocsError) return usageError('extract', error.message, io);
    throw error;
  }
}
