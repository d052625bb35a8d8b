// npm run build [-- --docs DIR] [--out DIR] [--base-path /prefix/] [--site-url URL] [--runbooks DIR]
// read -> model -> render -> site (Eleventy) -> index, into a temporary folder
// that replaces the output only when everything succeeded. `--help` for usage.
import { buildCommand } from './site/build-command.js';

/**
 * Run by scripts/launch.mjs as a CommonJS bundle (run-bundled.mjs), which
 * sets the exit code and keeps V8's code cache once a build has run to its end.
 */
export function main(argv: readonly string[]): Promise<number> {
  return buildCommand(argv, process);
}
