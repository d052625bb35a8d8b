// npm run --silent extract [-- --docs DIR] [--runbooks DIR]
// The model as JSON on stdout, diagnostics for people on stderr; exit 1 when
// any diagnostic is fatal, 2 for a mistake on the command line.
import { extractCommand } from './model/extract-command.js';

process.exitCode = await extractCommand(process.argv.slice(2), process);
