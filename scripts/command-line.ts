// The npm run commands' own arguments (build, extract, dev): Node's parseArgs,
// with its mistakes turned into one line for the user instead of a stack trace.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * The parsed values, or null after writing `<command>: <problem> (see --help)`
 * to stderr. `folders` name options whose value is a path: an empty one is a
 * mistake (a variable that was not set), not the current folder.
 */
export function parseOptions<T extends Options>(command: string, argv: readonly string[], options: T, io: Io, folders: readonly (keyof T & string)[] = []) {
  try {
    const values = parseArgs({ args: [...argv], options, allowPositionals: false, strict: true }).values;
    // --help is answered whatever else was given.
    if ((values as Record<string, unknown>)['help'] !== true) for (const name of folders) {
      const value = (values as Record<string, unknown>)[name];
      if (typeof value === 'string' && value.trim() === '') {
        usageError(command, `--${name} is empty`, io);
        return null;
      }
    }
    return values;
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
