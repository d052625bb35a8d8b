// `npm run dev`'s command line as a user gets it wrong: one line on stderr
// naming the option, exit 2, nothing started. Run in process: each mistake
// is caught before the engine is loaded or a folder made.
import { describe, expect, test } from 'vitest';
import { devCommand, devUsage } from '../../scripts/dev/command.js';

async function dev(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await devCommand(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { status, stdout, stderr };
}

describe('npm run dev options', () => {
  test('--help prints the usage', async () => {
    expect(await dev(['--help'])).toEqual({ status: 0, stdout: devUsage, stderr: '' });
  });

  for (const [argv, says] of [
    [['--port', 'abc'], '--port `abc` is not a port number'],
    [['--port', '70000'], '--port `70000` is not a port number'],
    [['--port', '-1'], "--port"],
    [['--docs', ' '], '--docs is empty'],
    [['--runbooks', ''], '--runbooks is empty'],
    [['--runbooks', '/no/such/runbooks'], '--runbooks /no/such/runbooks: no such folder'],
    [['--upstream', 'ftp://example.org/'], '--upstream `ftp://example.org/` is not an absolute http or https URL'],
    [['--watch'], "Unknown option '--watch'"],
    [['docs'], "Unexpected argument 'docs'"]
  ] as const) {
    test(`${argv.join(' ') || '(empty)'}: one line, exit 2`, async () => {
      const { status, stdout, stderr } = await dev([...argv]);
      expect(status).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(says);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^dev: .*\(see npm run dev -- --help\)\n$/);
    });
  }
});
