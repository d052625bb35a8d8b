// Dispatch: parse the command line, load the reference, run the command.
// Returns the exit status; only CliErrors are expected here. Output goes to
// `io` (the process's own streams, or a test's). Each command's
// modules are imported when it runs: every module costs start-up time under
// the TypeScript loader.
import { parseCommand, usage } from './args.js';
import { CliError } from './fail.js';
import { loadReference } from './load-reference.js';
import type { OutputStream } from './scan/output.js';
import { styleFor, widthOf } from './terminal.js';

/** Where the output goes: what scan's Output and progress need of a stream. */
export interface CliStream extends OutputStream {
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
}

export async function run(argv: readonly string[], io: CliIo = process): Promise<number> {
  try {
    const command = parseCommand(argv);
    const style = styleFor(io.stdout);
    switch (command.name) {
      case 'help':
        io.stdout.write(usage);
        return 0;
      case 'explain': {
        const [{ explain }, reference] = await Promise.all([import('./explain.js'), loadReference(command.source)]);
        const result = explain(command.code, reference, style, widthOf(io.stdout));
        io.stdout.write(result.text);
        return result.exitCode;
      }
      case 'scan': {
        const [{ openInput }, { runScan }] = await Promise.all([import('./scan/input.js'), import('./scan/run-scan.js')]);
        // The input is checked first: a typo in the file name should not wait for a docs build.
        const input = await openInput(command.file);
        const reference = await loadReference(command.source);
        return await runScan(input, reference, command, style, io);
      }
      case 'check-links': {
        const [{ checkLinks, formatCheck }, reference] = await Promise.all([import('./check-links.js'), loadReference(command.source)]);
        const check = await checkLinks(command.dir, reference);
        io.stdout.write(formatCheck(check, style));
        return check.files.some((f) => f.messages.some((m) => m.fatal)) ? 1 : 0;
      }
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`wsgi-errors: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
