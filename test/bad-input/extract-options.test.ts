// `npm run extract` as a user gets it wrong: one line, exit 2, no stack
// trace; and runbooks given to it are checked as the build checks them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { extractCommand } from '../../scripts/model/extract-command.js';
import { fixturePath } from '../support.js';

async function extract(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await extractCommand(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { status, stdout, stderr };
}

const scratch = mkdtempSync(path.join(tmpdir(), 'wsgi-bad-extract-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('extract: command-line mistakes', () => {
  test.each([
    [['--doc', 'x'], /^extract: Unknown option '--doc' \(see npm run extract -- --help\)$/m],
    [['x'], /^extract: Unexpected argument 'x'/m],
    [['--docs'], /^extract: Option '--docs <value>' argument missing/m],
    [['--docs', '/no/such/docs'], /^extract: \/no\/such\/docs: no such folder/m],
    [['--runbooks', ''], /^extract: --runbooks is empty \(see npm run extract -- --help\)$/m],
    [['--docs', ' '], /^extract: --docs is empty/m],
    [['--docs', fixturePath('docs-valid'), '--runbooks', path.join(fixturePath('docs-valid'), 'error-reference.rst')], /not a folder of runbooks/],
    [['--docs', fixturePath('docs-valid'), '--runbooks', '/no/such/runbooks'], /^extract: --runbooks \/no\/such\/runbooks: no such folder \(see npm run extract -- --help\)$/m]
  ])('%j: exit 2 and one line', async (argv, message) => {
    const run = await extract(argv);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at |ERR_PARSE_ARGS/);
  });

  test('--help prints usage and exits 0', async () => {
    const run = await extract(['--help']);
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Usage: npm run --silent extract/);
  });
});

test('extract --runbooks reports a runbook problem where the build would (unsafe-url, file:line:column)', async () => {
  const runbooks = path.join(scratch, 'runbooks');
  mkdirSync(runbooks, { recursive: true });
  writeFileSync(path.join(runbooks, 'bad.md'), '---\ntitle: Bad\nsummary: A link that must not ship.\n---\n\n# Bad\n\n[click](javascript:alert(1))\n');
  const run = await extract(['--docs', fixturePath('docs-valid'), '--runbooks', runbooks]);
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/bad\.md\n\s*8:1(-\d+:\d+)?\s+error\s+.*unsafe-url/);
});
