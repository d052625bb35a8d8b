// The real bin, bin/wsgi-errors.js, in a child process: the bundle it runs,
// its exit status, a log piped to it. Every other CLI test runs the tool in
// this process (support.ts runCli), which is what these keep honest.
import { describe, expect, it } from 'vitest';
import { sampleSite } from '../support/sites.js';
import { runSpawned } from './support.js';

const onSample = ['--site', sampleSite];

describe('the wsgi-errors bin', () => {
  it('prints help and exits 0', async () => {
    const r = await runSpawned(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: wsgi-errors <command>/);
    expect(r.stderr).toBe('');
  });

  it('explains a code', async () => {
    const r = await runSpawned(['explain', 'wsgi0030', ...onSample]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('WSGI0030: Accept lock could not be created');
    expect(r.stdout).toMatch(/URL +\/errors\/WSGI0030\//);
    expect(r.stderr).toBe('');
  });

  it('scans a log piped to it', async () => {
    const line = "[Sat Nov 21 19:00:01.000001 2026] [wsgi:crit] [pid 2] WSGI0030: Unable to create accept lock '/var/lock/wsgi.1'. Daemon group will not start.";
    const r = await runSpawned(['scan', ...onSample], { input: `unrelated\n${line}\n` });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`line 2: ${line}\n  -> WSGI0030  CRIT     Accept lock could not be created  /errors/WSGI0030/\n`);
    expect(r.stdout).toContain('Scanned 2 lines (');
  });

  it('answers a usage mistake with one line and exit 2, no stack trace', async () => {
    const r = await runSpawned(['explain', 'WSGI0030', '--site-url', 'docs.example.org']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('wsgi-errors: --site-url `docs.example.org` is not an absolute URL (write it with its scheme: https://docs.example.org)\n');
    expect(r.stdout).toBe('');
  });

  it('checks runbooks and exits 1 for a code that does not exist', async () => {
    const r = await runSpawned(['check-links', 'test/cli/fixtures/runbooks', ...onSample]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('test/cli/fixtures/runbooks/accept-lock.md:10:12: error: `WSGI0999` is not a code in the error reference');
    expect(r.stdout).toContain('2 files, 7 code mentions: 2 unknown, 2 retired, 2 other problems');
  });
});
