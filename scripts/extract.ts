// npm run --silent extract -- --docs DIR
// The model as JSON on stdout, diagnostics for people on stderr; exit 1 when
// any diagnostic is fatal.
import { parseArgs } from 'node:util';
import { reporter } from 'vfile-reporter';
import { buildModel } from './model/build-model.js';
import { DocsError, readDocs } from './model/read-docs.js';
import { modelToJson } from './model/to-json.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { docs: { type: 'string', default: 'content' }, upstream: { type: 'string' } } });
  const docs = values.docs as string;
  try {
    const folder = await readDocs(docs);
    const { model, files } = buildModel(folder.inputs, { allDocs: folder.allDocs, root: docs, ...(values.upstream ? { upstream: values.upstream } : {}) });
    process.stdout.write(JSON.stringify(modelToJson(model), null, 2) + '\n');
    const report = reporter(files, { quiet: true });
    if (report) process.stderr.write(report + '\n');
    return model.diagnostics.some((d) => d.fatal) ? 1 : 0;
  } catch (error) {
    if (error instanceof DocsError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main();
