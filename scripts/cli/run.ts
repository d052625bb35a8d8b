// Dispatch: parse the command line, load the reference, run the command.
// Returns the exit status; only CliErrors are expected here. Everything the
// tool reads from the process (standard input, the environment, the working
// directory) and all it writes go through `io`: the process's own by default,
// or a test's. Each command's modules are imported when it runs, so that
// `--help` and `explain` do not load the RST reader.
import { parseCommand, usage } from './args.js';
import { CliError } from './fail.js';
import { loadReference } from './load-reference.js';
import type { StdinLike } from './scan/input.js';
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
  /** Default: process.stdin. */
  stdin?: StdinLike;
  /** NO_COLOR, FORCE_COLOR, COLUMNS, WSGI_ERRORS_SITE. Default: process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Relative paths on the command line are taken from here. Default: process.cwd(). */
  cwd?: string;
}

export async function run(argv: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const env = io.env ?? process.env;
  const context = { cwd: io.cwd ?? process.cwd(), env, stderr: io.stderr };
  try {
    const command = parseCommand(argv);
    const style = styleFor(io.stdout, env);
    switch (command.name) {
      case 'help':
        io.stdout.write(usage);
        return 0;
      case 'explain': {
        const [{ explain }, reference] = await Promise.all([import('./explain.js'), loadReference(command.source, context)]);
        const result = explain(command.code, reference, style, widthOf(io.stdout, env));
        io.stdout.write(result.text);
        return result.exitCode;
      }
      case 'scan': {
        const [{ openInput }, { runScan }] = await Promise.all([import('./scan/input.js'), import('./scan/run-scan.js')]);
        // The input is checked first: a typo in the file name should not wait for a docs build.
        const input = await openInput(command.file, io.stdin ?? process.stdin, context.cwd);
        const reference = await loadReference(command.source, context);
        return await runScan(input, reference, command, style, io);
      }
      case 'check-links': {
        const [{ checkLinks, formatCheck }, reference] = await Promise.all([import('./check-links.js'), loadReference(command.source, context)]);
        const check = await checkLinks(command.dir, reference, context.cwd);
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
