// `wsgi-errors scan`: logs built here from the documented templates (tagged,
// untagged, ambiguous and unrelated lines, a last line without its newline,
// invalid UTF-8), read from a file and from stdin, in text and JSON Lines;
// and lines as releases before 6.0 write them, reported as near matches.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { olderReleaseLines } from '../search/older-releases.js';
import { corpusMissing, corpusSite, sampleSite, skipping } from '../support/sites.js';
import { jsonLines, runCli, type SiteEntry, siteEntries } from './support.js';

const work = mkdtempSync(path.join(tmpdir(), 'wsgi-errors-scan-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A log line with Apache 2.4's prefix; `n` makes each timestamp distinct and increasing. */
function stamp(n: number): string {
  const s = String(n % 60).padStart(2, '0');
  const m = String(Math.floor(n / 60) % 60).padStart(2, '0');
  return `Sat Nov 21 19:${m}:${s}.${String(n).padStart(6, '0')} 2026`;
}
const prefixed = (n: number, level: string, message: string) => `[${stamp(n)}] [wsgi:${level}] [pid ${4000 + n}:tid 140213] ${message}`;

const values: Record<string, string> = { path: '/var/run/wsgi/wsgi.4242.0.1.sock', root: '/srv/jail', group: 'shop', uid: '48', gid: '48' };
function fill(template: string): string {
  return template.replace(/<([^<>\s]+)>/g, (_w, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no test value for <${name}> in ${template}`);
    return v;
  });
}

// Unrelated lines a real error log is full of, several holding words that
// also occur in mod_wsgi's messages ("failed", "process", "python", "unable").
const unrelated = [
  '[Sat Nov 21 19:00:00.000001 2026] [mpm_event:notice] [pid 811:tid 140213] AH00489: Apache/2.4.62 (Debian) mod_wsgi/5.0.2 Python/3.12 configured -- resuming normal operations',
  '[Sat Nov 21 19:00:00.000002 2026] [core:notice] [pid 811:tid 140213] AH00094: Command line: \'/usr/sbin/apache2\'',
  '[Sat Nov 21 19:00:00.000003 2026] [proxy:error] [pid 812:tid 140214] (111)Connection refused: AH00957: http: attempt to connect to 127.0.0.1:8080 (localhost:8080) failed',
  '[Sat Nov 21 19:00:00.000004 2026] [wsgi:error] [pid 813:tid 140215] [remote 198.51.100.7:40112] Traceback (most recent call last):',
  '[Sat Nov 21 19:00:00.000005 2026] [wsgi:error] [pid 813:tid 140215] [remote 198.51.100.7:40112]   File "/usr/lib/python3.12/site-packages/flask/app.py", line 1511, in wsgi_app',
  '[Sat Nov 21 19:00:00.000006 2026] [mpm_event:warn] [pid 811:tid 140213] AH00045: child process 4121 still did not exit, sending a SIGTERM',
  '[Sat Nov 21 19:00:00.000007 2026] [ssl:warn] [pid 811:tid 140213] AH01909: www.example.org:443:0 server certificate does NOT include an ID which matches the server name',
  'Unable to open logs'
];

describe('scan on the sample', () => {
  const log = path.join(work, 'sample.log');
  const lines = [
    unrelated[0],
    prefixed(1, 'crit', "WSGI0030: Unable to create accept lock '/var/lock/wsgi.1'. Daemon group will not start."),
    unrelated[2],
    prefixed(2, 'alert', 'Daemon process configuration failed; process left in unspecified state. Daemon process will exit and be restarted after a delay.'),
    "Unable to connect to WSGI daemon process 'shop' on '/var/run/wsgi.1.sock' as user with uid=48."
  ];
  writeFileSync(log, lines.join('\n') + '\n');

  it('prints each matching line with its code, severity, title and URL, then a table', async () => {
    const r = await runCli(['scan', log, '--site', sampleSite]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`line 2: ${lines[1]}\n  -> WSGI0030  CRIT     Accept lock could not be created  /errors/WSGI0030/\n`);
    expect(r.stdout).toContain(
      `line 4: ${lines[3]}\n  -> same message, one of 2:\n     WSGI0008  ALERT    Exiting after failing to drop privileges  /errors/WSGI0008/\n     WSGI0025  ALERT    Exiting after a failed daemon set-up step  /errors/WSGI0025/\n`
    );
    expect(r.stdout).toContain(`line 5: ${lines[4]}\n  -> WSGI0117  ERR      Daemon socket connect failed  /errors/WSGI0117/\n`);
    expect(r.stdout).not.toContain('line 1:');
    expect(r.stdout).not.toContain('line 3:');
    expect(r.stdout).toContain('Scanned 5 lines (');
    expect(r.stdout).toContain('3 matched (1 with a code, 2 by message, 1 of them ambiguous).');
    const table = r.stdout.slice(r.stdout.indexOf('\ncode '));
    expect(table).toMatch(/\nWSGI0008 or WSGI0025 +ALERT +1 +Sat Nov 21 19:00:02\.000002 2026 +Sat Nov 21 19:00:02\.000002 2026 +same message, ambiguous\n/);
    expect(table).toMatch(/\nWSGI0030 +CRIT +1 +Sat Nov 21 19:00:01\.000001 2026 /);
    // No Apache timestamp on that line: first and last seen are line numbers.
    expect(table).toMatch(/\nWSGI0117 +ERR +1 +line 5 +line 5 +Daemon socket connect failed\n/);
  });

  it('gives the same result with the reference built from RST (--docs)', async () => {
    const built = await runCli(['scan', log, '--site', sampleSite]);
    const fromDocs = await runCli(['scan', log, '--docs', 'content']);
    expect(fromDocs.status).toBe(0);
    expect(fromDocs.stdout).toBe(built.stdout);
  });

  it('prints the summary only with --quiet', async () => {
    const r = await runCli(['scan', log, '--quiet', '--site', sampleSite]);
    expect(r.stdout).not.toContain('line 2:');
    expect(r.stdout).toContain('3 matched');
  });

  it('reports a log with no match plainly', async () => {
    const quiet = path.join(work, 'quiet.log');
    writeFileSync(quiet, unrelated.join('\n') + '\n');
    const r = await runCli(['scan', quiet, '--site', sampleSite]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`Scanned ${unrelated.length} lines (1.1 kB) of ${quiet}: 0 matched.\n`);
  });

  // Only the first 32 KiB of a line are looked at, so memory stays bounded.
  it('keeps counting right after a line far longer than any log line', async () => {
    const long = path.join(work, 'long.log');
    writeFileSync(long, ['x'.repeat(3_000_000), prefixed(1, 'crit', 'WSGI0031: anything'), 'WSGI0030 ' + 'y'.repeat(200_000) + ' WSGI0031', prefixed(2, 'crit', 'WSGI0031: again')].join('\n'));
    const r = await runCli(['scan', long, '--json', '--quiet', '--site', sampleSite]);
    const [summary] = jsonLines(r.stdout);
    expect(summary).toMatchObject({ lines: 4, matched: 3, codes: [{ codes: ['WSGI0030'], count: 1 }, { codes: ['WSGI0031'], count: 2, first: { line: 2 }, last: { line: 4 } }] });
  });
});

describe('scan input problems', () => {
  it('says a file is missing, with exit 2', async () => {
    const r = await runCli(['scan', path.join(work, 'nope.log'), '--site', sampleSite]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`wsgi-errors: ${path.join(work, 'nope.log')}: no such file\n`);
  });

  it('says a directory is not a log file', async () => {
    const dir = path.join(work, 'logs');
    mkdirSync(dir, { recursive: true });
    const r = await runCli(['scan', dir, '--site', sampleSite]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${dir}: is a directory`);
  });

  it('refuses binary input from a file and from stdin', async () => {
    const bin = path.join(work, 'core.bin');
    writeFileSync(bin, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x0a, 0x41]));
    const r = await runCli(['scan', bin, '--site', sampleSite]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('binary data');
    const piped = await runCli(['scan', '-', '--site', sampleSite], { input: Buffer.from('line one\n\u0000\u0000\u0001') });
    expect(piped.status).toBe(2);
    expect(piped.stderr).toContain('standard input: looks like binary data');
  });

  it('names gzip for a compressed log', async () => {
    const gz = path.join(work, 'error.log.1.gz');
    writeFileSync(gz, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]));
    const r = await runCli(['scan', gz, '--site', sampleSite]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('gzip-compressed');
  });

  it('rejects an unknown command and stray options with exit 2', async () => {
    const r = await runCli(['grep', 'x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown command `grep`');
    const s = await runCli(['explain', 'WSGI0030', '--json']);
    expect(s.status).toBe(2);
    expect(s.stderr).toContain('--json applies to scan only');
  });

  it('prints help with --help and with no command', async () => {
    for (const args of [['--help'], []]) {
      const r = await runCli(args);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^Usage: wsgi-errors <command>/);
      for (const c of ['explain CODE', 'scan [FILE|-]', 'check-links DIR', '--json', '--docs DIR', '--site-url URL']) expect(r.stdout).toContain(c);
    }
  });
});

describe('scan on a log built from the real corpus', () => {
  const skip = skipping('corpus scan tests', corpusMissing());
  const log = path.join(work, 'corpus.log');
  const onCorpus = ['--site', corpusSite];

  // What the log holds, counted as it is written: the tool must find the same.
  const expected = new Map<string, number>();
  let lineCount = 0;
  let tagged = 0;
  let untagged = 0;
  let ambiguous = 0;
  const firstSeen = new Map<string, string>();
  const lastSeen = new Map<string, string>();

  function build(entries: SiteEntry[]): Buffer {
    const byCode = new Map(entries.map((e) => [e.code, e]));
    const template = (code: string) => {
      const t = byCode.get(code)?.loggedMessage?.template;
      if (!t) throw new Error(`${code} has no logged message in the corpus`);
      return t;
    };
    const parts: Buffer[] = [];
    let n = 0;
    const add = (text: string | Buffer, key: string | null, kind: 'tagged' | 'untagged' | null, when: string | null) => {
      parts.push(typeof text === 'string' ? Buffer.from(text) : text, Buffer.from('\n'));
      lineCount++;
      if (key === null) return;
      expected.set(key, (expected.get(key) ?? 0) + 1);
      if (kind === 'tagged') tagged++;
      else untagged++;
      if (key.includes(' ')) ambiguous++;
      const seen = when ?? `line ${lineCount}`;
      if (!firstSeen.has(key)) firstSeen.set(key, seen);
      lastSeen.set(key, seen);
    };
    const noise = () => add(unrelated[n % unrelated.length] as string, null, null, null);

    // Every active code once, tagged as mod_wsgi writes it; values need not be realistic.
    for (const e of entries) {
      if (e.retired || !e.loggedMessage) continue;
      n++;
      add(prefixed(n, 'error', `${e.code}: ${e.loggedMessage.template.replace(/<[^<>]+>/g, 'v')}`), e.code, 'tagged', stamp(n));
      noise();
    }
    // A retired code and an unallocated one still count by their tag.
    n++;
    add(prefixed(n, 'error', 'WSGI0066: an old message'), 'WSGI0066', 'tagged', stamp(n));
    n++;
    add(prefixed(n, 'error', 'WSGI0999: from a newer release'), 'WSGI0999', 'tagged', stamp(n));
    // Untagged lines, as older releases wrote them.
    for (const k of [0, 1]) {
      n++;
      add(prefixed(n, 'crit', fill(template('WSGI0030')).replace('wsgi.4242', `wsgi.${k}`)), 'WSGI0030', 'untagged', stamp(n));
      noise();
    }
    n++;
    add(prefixed(n, 'error', fill(template('WSGI0117'))), 'WSGI0117', 'untagged', stamp(n));
    add(fill(template('WSGI0116')), 'WSGI0116', 'untagged', null);
    expect(template('WSGI0008')).toBe(template('WSGI0025'));
    for (const k of [0, 1, 2]) {
      n++;
      add(prefixed(n + k, 'alert', template('WSGI0008')), 'WSGI0008 WSGI0025', 'untagged', stamp(n + k));
    }
    n += 3;
    // Invalid UTF-8 inside a path, inside a tagged line, and a line of junk bytes.
    n++;
    const bad = Buffer.from([0xff, 0xfe, 0xc3, 0x28]);
    const [before, after] = prefixed(n, 'alert', fill(template('WSGI0009'))).split(values.path as string) as [string, string];
    add(Buffer.concat([Buffer.from(`${before}/srv/`), bad, Buffer.from(`/app${after}`)]), 'WSGI0009', 'untagged', stamp(n));
    n++;
    add(Buffer.concat([Buffer.from(prefixed(n, 'alert', 'WSGI0010: Unable to change working directory to home directory \'/home/')), bad, Buffer.from("' for uid=48.")]), 'WSGI0010', 'tagged', stamp(n));
    add(Buffer.from([0x80, 0x81, 0xfe, 0xff, 0x20, 0xe2, 0x82]), null, null, null);
    // The last line is cut short: no newline (and it still matches).
    n++;
    add(prefixed(n, 'alert', fill(template('WSGI0003'))), 'WSGI0003', 'untagged', stamp(n));
    const body = Buffer.concat(parts);
    return body.subarray(0, body.length - 1);
  }

  if (!skip) writeFileSync(log, build(siteEntries(corpusSite)));

  function expectSummary(summary: Record<string, unknown> | undefined, input: string) {
    expect(summary).toMatchObject({ type: 'summary', input, lines: lineCount, matched: tagged + untagged, tagged, untagged, ambiguous });
    const rows = summary?.codes as { codes: string[]; count: number; first: { line: number; time: string | null }; last: { line: number; time: string | null } }[];
    const got = new Map(rows.map((r) => [r.codes.join(' '), r.count]));
    expect(got).toEqual(expected);
    for (const r of rows) {
      const key = r.codes.join(' ');
      expect(r.first.time ?? `line ${r.first.line}`, key).toBe(firstSeen.get(key));
      expect(r.last.time ?? `line ${r.last.line}`, key).toBe(lastSeen.get(key));
    }
  }

  it.skipIf(skip)('counts every kind of line right, as JSON Lines', async () => {
    const r = await runCli(['scan', log, '--json', ...onCorpus]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const records = jsonLines(r.stdout);
    const matches = records.filter((x) => x.type === 'match');
    expect(matches).toHaveLength(tagged + untagged);
    expect(records.at(-1)?.type).toBe('summary');
    expectSummary(records.at(-1), log);

    const bad = matches.find((m) => m.tagged === false && (m.entries as { code: string }[])[0]?.code === 'WSGI0009');
    expect(bad?.text).toContain('/srv/\ufffd\ufffd\ufffd(/app');
    const ambiguousMatch = matches.find((m) => m.ambiguous === true);
    expect(ambiguousMatch).toMatchObject({ tagged: false, entries: [{ code: 'WSGI0008', severity: 'ALERT', url: '/errors/WSGI0008/' }, { code: 'WSGI0025' }] });
    expect(matches.find((m) => (m.entries as { code: string }[])[0]?.code === 'WSGI0999')).toMatchObject({ entries: [{ known: false, title: null, url: null }] });
    expect(matches.at(-1)).toMatchObject({ tagged: false, line: lineCount, entries: [{ code: 'WSGI0003' }] });
  });

  it.skipIf(skip)('gives the same counts in the text table', async () => {
    const r = await runCli(['scan', log, '--quiet', ...onCorpus]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Scanned ${lineCount} lines`);
    expect(r.stdout).toContain(`${tagged + untagged} matched (${tagged} with a code, ${untagged} by message, ${ambiguous} of them ambiguous).`);
    const rows = r.stdout.split('\n').filter((l) => /^WSGI\d{4}/.test(l));
    expect(rows).toHaveLength(expected.size);
    for (const row of rows) {
      const m = /^(WSGI\d{4}(?: or WSGI\d{4})*) +\S+ +(\d+) /.exec(row);
      expect(Number(m?.[2]), row).toBe(expected.get((m?.[1] ?? '').replaceAll(' or ', ' ')));
    }
    expect(r.stdout).toMatch(/\nWSGI0999 +\? +1 .*not in this reference\n/);
    expect(r.stdout).toMatch(/\nWSGI0066 +retired +1 /);
  });

  it.skipIf(skip)('reads the same log from standard input', async () => {
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(log);
    for (const args of [['scan', '-'], ['scan']]) {
      const r = await runCli([...args, '--json', '--quiet', ...onCorpus], { input: bytes });
      expect(r.status).toBe(0);
      expectSummary(jsonLines(r.stdout)[0], '-');
    }
  });
});

describe('near matches: lines from releases before 6.0, on the real corpus', () => {
  const skip = skipping('corpus near-match scan tests', corpusMissing());
  const log = path.join(work, 'older.log');
  const onCorpus = ['--site', corpusSite];
  const byCode = (code: string) => olderReleaseLines.find((l) => l.codes[0] === code && !l.exact)?.line as string;
  const lines = [
    byCode('WSGI0030'),
    unrelated[0] as string,
    prefixed(1, 'crit', "WSGI0030: Unable to create accept lock '/var/run/wsgi.1.lock'. Daemon group will not start."),
    // Mod_wsgi's chatter below WARNING and the application's traceback are no entry's.
    "[Tue Mar 05 10:15:04.118313 2024] [wsgi:info] [pid 4242:tid 140234] mod_wsgi (pid=4242): Attach interpreter ''.",
    unrelated[3] as string,
    byCode('WSGI0135'),
    byCode('WSGI0022'),
    byCode('WSGI0030').replaceAll('4242', '4250'),
    // Other modules' lines share words with mod_wsgi's messages without being any of them.
    "[Tue Mar 05 10:15:09.118313 2024] [authz_core:error] [pid 900] [client 192.0.2.4:50000] AH01630: client denied by server configuration: /var/www/private/1.html"
  ];
  if (!skip) writeFileSync(log, lines.join('\n') + '\n');

  it.skipIf(skip)('lists them in a section of their own after the exact matches, and counts them apart', async () => {
    const r = await runCli(['scan', log, ...onCorpus]);
    expect(r.status).toBe(0);
    const [exact, near] = r.stdout.split('No exact match; closest messages') as [string, string];
    expect(exact).toContain(`line 3: ${lines[2]}\n  -> WSGI0030  CRIT `);
    expect(exact).not.toMatch(/line (1|6|7|8):/);
    expect(near).toContain(`line 1: ${lines[0]}\n  ~> WSGI0030  CRIT `);
    expect(near).toMatch(/\nline 6: .*\n  ~> WSGI0135  ERR .*\(score 1\.00\)\n/);
    expect(near).toMatch(/\nline 7: .*\n  ~> WSGI0022  ALERT .*\(score 0\.\d\d\)\n     or WSGI0021 \(0\.\d\d\), WSGI0020 \(0\.\d\d\)\n/);
    expect(near).toContain(`line 8: ${lines[7]}\n  ~> WSGI0030 `);
    for (const n of [2, 4, 5, 9]) expect(r.stdout).not.toContain(`line ${n}:`);
    expect(r.stdout).toContain('1 matched (1 with a code, 0 by message); 4 near (no message fits exactly).');
    const [table, nearTable] = r.stdout.slice(r.stdout.indexOf('\ncode ')).split('Near matches by closest entry (not exact):') as [string, string];
    expect(table).toMatch(/\nWSGI0030 +CRIT +1 /);
    expect(nearTable).toMatch(/\nWSGI0030 +CRIT +2 +Tue Mar 05 /);
    expect(nearTable).toMatch(/\nWSGI0135 +ERR +1 /);
    expect(nearTable).toMatch(/\nWSGI0022 +ALERT +1 /);
  });

  it.skipIf(skip)('in JSON Lines, as objects of their own type with a score, never among the matches', async () => {
    const r = await runCli(['scan', log, '--json', ...onCorpus]);
    expect(r.status).toBe(0);
    const records = jsonLines(r.stdout);
    expect(records.filter((x) => x.type === 'match').map((x) => x.line)).toEqual([3]);
    const near = records.filter((x) => x.type === 'near');
    expect(near.map((x) => x.line)).toEqual([1, 6, 7, 8]);
    expect(near[0]).toMatchObject({ line: 1, time: 'Tue Mar 05 10:10:00.118313 2024', text: lines[0], closest: [{ shared: ['Unable', 'create', 'accept', 'lock'], entries: [{ code: 'WSGI0030', severity: 'CRIT', url: '/errors/WSGI0030/' }] }] });
    for (const x of near) {
      const closest = x.closest as { score: number }[];
      expect(x.score).toBe(closest[0]?.score);
      expect(closest.map((c) => c.score)).toEqual([...closest.map((c) => c.score)].sort((a, b) => b - a));
      expect(x.score as number).toBeGreaterThan(0.3);
      expect(x.score as number).toBeLessThanOrEqual(1);
    }
    expect(records.at(-1)).toMatchObject({ type: 'summary', lines: 9, matched: 1, near: 4, codes: [{ codes: ['WSGI0030'], count: 1 }], nearCodes: [{ codes: ['WSGI0022'], count: 1 }, { codes: ['WSGI0030'], count: 2, first: { line: 1 }, last: { line: 8 } }, { codes: ['WSGI0135'], count: 1 }] });
  });

  it.skipIf(skip)('--quiet prints only the summary, near matches counted', async () => {
    const r = await runCli(['scan', log, '--quiet', ...onCorpus]);
    expect(r.stdout).not.toContain('line 1:');
    expect(r.stdout).not.toContain('closest messages');
    expect(r.stdout).toContain('4 near (no message fits exactly).');
  });
});
