// `wsgi-errors explain`: an active, a retired and an unknown code, the ways a
// code may be typed, URLs and emphasis, on the sample and on the real corpus.
import { describe, expect, it } from 'vitest';
import { corpusMissing, corpusSite, sampleSite, skipping } from '../support/sites.js';
import { runCli, siteEntries } from './support.js';

const onSample = ['--site', sampleSite];
const escape = '\u001b[';

describe('explain on the sample', () => {
  it('prints every part of an active entry and exits 0', async () => {
    const r = await runCli(['explain', 'WSGI0030', ...onSample]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout;
    expect(out.split('\n')[0]).toBe('WSGI0030: Accept lock could not be created');
    expect(out).toMatch(/Severity +CRIT/);
    expect(out).toMatch(/Source +src\/server\/wsgi_daemon\.c/);
    expect(out).toMatch(/URL +\/errors\/WSGI0030\//);
    // The message as logged, on one line, never re-wrapped.
    expect(out).toContain("\n    Unable to create accept lock '<path>'. Daemon group will not start.\n");
    for (const heading of ['Logged message', 'Cause', 'Outcome', 'Operator action']) expect(out).toContain(`\n${heading}\n`);
    expect(out).toContain('ipcs -s');
    // The order of an entry: message, then why, then what happens, then what to do.
    const at = (s: string) => out.indexOf(`\n${s}\n`);
    expect(at('Logged message')).toBeLessThan(at('Cause'));
    expect(at('Cause')).toBeLessThan(at('Outcome'));
    expect(at('Outcome')).toBeLessThan(at('Operator action'));
  });

  it('accepts the code in lower case, without the prefix, or copied with its colon', async () => {
    const reference = (await runCli(['explain', 'WSGI0117', ...onSample])).stdout;
    for (const form of ['wsgi0117', '0117', '117', 'WSGI0117:']) {
      const r = await runCli(['explain', form, ...onSample]);
      expect(r.status, form).toBe(0);
      expect(r.stdout, form).toBe(reference);
    }
  });

  it('says a retired code is retired, with its note, and exits 0', async () => {
    const r = await runCli(['explain', 'WSGI0037', ...onSample]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('WSGI0037: retired');
    expect(r.stdout).toContain('WSGI0037 is retired');
    expect(r.stdout).toContain('PyType_Ready(&Interpreter_Type)');
    expect(r.stdout).toMatch(/URL +\/errors\/WSGI0037\//);
    expect(r.stdout).not.toContain('Operator action');
  });

  it('says an unknown code is not allocated, suggests near ones and exits 1', async () => {
    const r = await runCli(['explain', 'WSGI0029', ...onSample]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('WSGI0029 is not allocated');
    // The sample has 0026, 0030 and 0031 nearest to 29.
    expect(r.stdout).toContain('Nearest codes that exist: WSGI0026, WSGI0030, WSGI0031.');
  });

  it('rejects something that is no code with exit 2', async () => {
    const r = await runCli(['explain', 'daemon', ...onSample]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('`daemon` is not a code');
    expect(r.stdout).toBe('');
  });

  // --site-url is an origin, as for the build; a site under a base path is in reference.test.ts.
  it('prints URLs under --site-url', async () => {
    const r = await runCli(['explain', '0030', ...onSample, '--site-url', 'https://errors.example.org']);
    expect(r.stdout).toMatch(/URL +https:\/\/errors\.example\.org\/errors\/WSGI0030\/\n/);
  });

  it('wraps prose to the width it is given', async () => {
    const r = await runCli(['explain', 'WSGI0030', ...onSample], { env: { COLUMNS: '50' } });
    const prose = r.stdout.split('\n').filter((l) => !l.includes("'<path>'"));
    expect(Math.max(...prose.map((l) => l.length))).toBeLessThanOrEqual(50);
    const wide = await runCli(['explain', 'WSGI0030', ...onSample], { env: { COLUMNS: '200' } });
    expect(wide.stdout.split('\n').length).toBeLessThan(r.stdout.split('\n').length);
  });

  it('adds emphasis only when asked for a terminal, and no colour under NO_COLOR', async () => {
    const plain = await runCli(['explain', 'WSGI0030', ...onSample]);
    expect(plain.stdout).not.toContain(escape);
    const forced = await runCli(['explain', 'WSGI0030', ...onSample], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain(`${escape}1m`);
    expect(forced.stdout).toContain(`${escape}31m`);
    const noColour = await runCli(['explain', 'WSGI0030', ...onSample], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(noColour.stdout).toContain(`${escape}1m`);
    expect(noColour.stdout).not.toContain(`${escape}31m`);
  });

  it('builds the reference from RST with --docs', async () => {
    const r = await runCli(['explain', 'WSGI0117', '--docs', 'content']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('WSGI0117: Daemon socket connect failed');
  });
});

describe('explain on the real corpus', () => {
  const skip = skipping('corpus explain tests', corpusMissing());
  const onCorpus = ['--site', corpusSite];

  it.skipIf(skip)('explains an active code with the text the docs give', async () => {
    const entry = siteEntries(corpusSite).find((e) => e.code === 'WSGI0116');
    const r = await runCli(['explain', 'wsgi0116', ...onCorpus]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`WSGI0116: ${entry?.title}`);
    expect(r.stdout).toMatch(new RegExp(`Severity +${entry?.severity}`));
    expect(r.stdout).toContain(`    ${entry?.loggedMessage?.template}\n`);
  });

  it.skipIf(skip)('treats every retired code as retired and exits 0', async () => {
    const retired = siteEntries(corpusSite).filter((e) => e.retired).map((e) => e.code);
    expect(retired).toEqual(['WSGI0037', 'WSGI0039', 'WSGI0066', 'WSGI0092', 'WSGI0093', 'WSGI0180', 'WSGI0193', 'WSGI0197']);
    const r = await runCli(['explain', '0193', ...onCorpus]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('WSGI0193: retired');
  });

  it.skipIf(skip)('knows 0211 does not exist yet', async () => {
    const r = await runCli(['explain', 'WSGI0211', ...onCorpus]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Nearest codes that exist: WSGI0208, WSGI0209, WSGI0210.');
  });
});
