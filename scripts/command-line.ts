// The npm run commands' own arguments (build, extract): Node's parseArgs,
// with its mistakes turned into one line for the user instead of a stack trace.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** The parsed values, or null after writing `<command>: <problem> (see --help)` to stderr. */
export function parseOptions<T extends Options>(command: string, argv: readonly string[], options: T, io: Io) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: false, strict: true }).values;
  } catch (error) {
    // Node's own message names the option; its stack would only name our cache.
    usageError(command, error instanceof Error ? (error.message.split('\n')[0] as string).replace(/\. To specify a positional.*$/, '') : String(error), io);
    return null;
  }
}

/** Writes the one line and returns exit status 2. */
export function usageError(command: string, message: string, io: Io): 2 {
  io.stderr.write(`${command}: ${message} (see npm run ${command} -- --help)\n`);
  return 2;
}
