// Dispatch: parse the command line, load the reference, run the command.
// Returns the exit status; only CliErrors are expected here. Each command's
// modules are imported when it runs: every module costs start-up time under
// the TypeScript loader.
import { parseCommand, usage } from './args.js';
import { CliError } from './fail.js';
import { loadReference } from './load-reference.js';
import { styleFor, widthOf } from './terminal.js';

export async function run(argv: readonly string[]): Promise<number> {
  try {
    const command = parseCommand(argv);
    const style = styleFor(process.stdout);
    switch (command.name) {
      case 'help':
        process.stdout.write(usage);
        return 0;
      case 'explain': {
        const [{ explain }, reference] = await Promise.all([import('./explain.js'), loadReference(command.source)]);
        const result = explain(command.code, reference, style, widthOf(process.stdout));
        process.stdout.write(result.text);
        return result.exitCode;
      }
      case 'scan': {
        const [{ openInput }, { runScan }] = await Promise.all([import('./scan/input.js'), import('./scan/run-scan.js')]);
        // The input is checked first: a typo in the file name should not wait for a docs build.
        const input = await openInput(command.file);
        const reference = await loadReference(command.source);
        return await runScan(input, reference, command, style);
      }
      case 'check-links': {
        const [{ checkLinks, formatCheck }, reference] = await Promise.all([import('./check-links.js'), loadReference(command.source)]);
        const check = await checkLinks(command.dir, reference);
        process.stdout.write(formatCheck(check, style));
        return check.files.some((f) => f.messages.some((m) => m.fatal)) ? 1 : 0;
      }
    }
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`wsgi-errors: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
