// npm run build [-- --docs DIR] [--out DIR] [--base-path /prefix/] [--site-url URL] [--runbooks DIR]
// read -> model -> render -> site (Eleventy) -> index, into a temporary folder
// that replaces the output only when everything succeeded. `--help` for usage.
import { buildCommand } from './site/build-command.js';

process.exitCode = await buildCommand(process.argv.slice(2), process);
