// npm run dev [-- --docs DIR] [--runbooks DIR] [--port N] [--base-path /prefix/]
// Serves the site on 127.0.0.1 and rebuilds what each save changes
// (scripts/dev/). `--help` for usage.
import { devCommand } from './dev/command.js';

process.exitCode = await devCommand(process.argv.slice(2), process);
