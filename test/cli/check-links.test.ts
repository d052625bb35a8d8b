// `wsgi-errors check-links`: an operator's own Markdown runbooks, read as the
// build reads runbooks, reported as file:line:column with the build's rule ids.
// test/bad-input/cli.test.ts holds the cases where a line regex and the build
// would disagree, and symbolic links.
import { describe, expect, it } from 'vitest';
import { corpusMissing, corpusSite, sampleSite, skipping } from '../support/sites.js';
import { runCli } from './support.js';

const runbooks = 'test/cli/fixtures/runbooks';

describe('check-links on the sample', () => {
  it('reports unknown codes and missing front matter as errors, retired codes as warnings, exit 1', async () => {
    const r = await runCli(['check-links', runbooks, '--site', sampleSite]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      `${runbooks}/accept-lock.md:9:28: warning: \`WSGI0037\` is retired: mod_wsgi no longer logs it  retired-code`,
      `${runbooks}/accept-lock.md:10:12: error: \`WSGI0999\` is not a code in the error reference (nearest: WSGI0039, WSGI0116, WSGI0117)  unknown-code`,
      // The build needs a title and a summary in every runbook's front matter.
      `${runbooks}/nested/socket.md:1:1: error: Runbook has no \`title\` in its front matter  missing-front-matter`,
      `${runbooks}/nested/socket.md:1:1: error: Runbook has no \`summary\` in its front matter  missing-front-matter`,
      `${runbooks}/nested/socket.md:5:17: warning: \`WSGI0039\` is retired: mod_wsgi no longer logs it  retired-code`,
      `${runbooks}/nested/socket.md:5:37: error: \`WSGI0200\` is not a code in the error reference (nearest: WSGI0039, WSGI0116, WSGI0117)  unknown-code`,
      '',
      // WSGI0030, /errors/wsgi0117/ (a link) and WSGI0116 are fine; WSGI00300 is no code;
      // the draft folder and the .txt file are not runbooks.
      '2 files, 7 code mentions: 2 unknown, 2 retired, 2 other problems',
      ''
    ]);
  });

  it('exits 0 when the only problems are retired codes', async () => {
    const r = await runCli(['check-links', 'test/cli/fixtures/retired-only', '--site', sampleSite]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('test/cli/fixtures/retired-only/history.markdown:6:42: warning: `WSGI0039` is retired');
    expect(r.stdout).toContain('0 unknown, 2 retired');
  });

  it('checks a single file too', async () => {
    const r = await runCli(['check-links', `${runbooks}/nested/socket.md`, '--site', sampleSite]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('1 file, 4 code mentions: 1 unknown, 1 retired, 2 other problems');
  });

  it('says a folder is missing, with exit 2', async () => {
    const r = await runCli(['check-links', 'test/cli/fixtures/no-such-folder', '--site', sampleSite]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('wsgi-errors: test/cli/fixtures/no-such-folder: no such folder\n');
  });

  it('marks errors and warnings when emphasis is on', async () => {
    const r = await runCli(['check-links', runbooks, '--site', sampleSite], { env: { FORCE_COLOR: '1' } });
    expect(r.stdout).toContain('\u001b[31merror');
    expect(r.stdout).toContain('\u001b[33mwarning');
  });
});

describe('check-links against the real corpus', () => {
  const skip = skipping('corpus check-links test', corpusMissing());

  it.skipIf(skip)('knows the codes the sample lacks', async () => {
    const r = await runCli(['check-links', runbooks, '--site', corpusSite]);
    expect(r.status).toBe(1);
    const problems = r.stdout.split('\n').filter((l) => l.startsWith(runbooks));
    expect(problems.map((l) => l.replace(/: .*  /, ' '))).toEqual([
      `${runbooks}/accept-lock.md:9:28 retired-code`,
      `${runbooks}/accept-lock.md:10:12 unknown-code`,
      `${runbooks}/nested/socket.md:1:1 missing-front-matter`,
      `${runbooks}/nested/socket.md:1:1 missing-front-matter`,
      `${runbooks}/nested/socket.md:5:17 retired-code`
    ]);
    expect(r.stdout).toContain('(nearest: WSGI0208, WSGI0209, WSGI0210)');
  });
});
