// The triage page's summary (public/triage/summarise.ts), in Node: the
// sample reference in content/ through the model, the matcher and the entry
// cards as the build ships them, and log excerpts made from its messages.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../scripts/model/build-model.js';
import { readDocs } from '../../scripts/model/read-docs.js';
import { packEntries, unpackEntries, type SearchEntry } from '../../scripts/search/entries.js';
import { compileMatcher, createMatcher, type Matcher, type MatcherData } from '../../scripts/search/matcher.js';
import { buildViews } from '../../scripts/site/views.js';
import { nearFinderOf, shownLength, summarySentence, Triage, triage, viewOf, type NearFinder } from '../../public/triage/summarise.js';
import { createNearMatcher } from '../../scripts/search/near.js';
import { pastedLines } from '../../public/search/paste.js';
import { apachePrefix, fillTemplate } from '../search/fill.js';
import { root } from '../support/sites.js';

let data: MatcherData;
let matcher: Matcher;
let cards: Map<string, SearchEntry>;

beforeAll(async () => {
  const folder = await readDocs(path.join(root, 'content'));
  const dir = path.join(root, 'content/runbooks');
  const runbooks = readdirSync(dir)
    .filter((n) => n.endsWith('.md'))
    .map((n) => ({ path: `content/runbooks/${n}`, value: readFileSync(path.join(dir, n), 'utf8') }));
  const { model } = buildModel(folder.inputs, { allDocs: folder.allDocs, runbooks });
  const views = buildViews(model, { title: 't', description: 'd', base: '/', siteUrl: '', upstream: 'https://upstream.example/', icon: 'data:,' });
  data = compileMatcher(model.errors);
  matcher = createMatcher(data);
  // Through JSON, as the browser gets them.
  cards = new Map(unpackEntries(JSON.parse(JSON.stringify(packEntries(views.errors, views.runbooks)))).map((e) => [e.code, e]));
});

/** A sample message with its placeholders filled. */
function message(code: string): string {
  const t = data.templates.find((x) => x.codes.includes(code));
  if (!t) throw new Error(`no template for ${code}`);
  return fillTemplate(t.segments, data.forms);
}

const at = (time: string, level = 'error') => `[${time}] [wsgi:${level}] [pid 4242:tid 140213] `;

/** Eleven lines: tagged, untagged, a shared message, other modules, blank lines, an HTML payload. */
function excerpt(): string[] {
  return [
    `${at('Sat Nov 21 19:54:23.643276 2026', 'crit')}WSGI0030: ${message('WSGI0030')}`,
    `[Sat Nov 21 19:54:24.000001 2026] [core:error] [pid 4243] AH00128: File does not exist: /var/www/html/favicon.ico`,
    '',
    `${at('Sat Nov 21 19:55:00.100000 2026')}${message('WSGI0117')}`,
    `${apachePrefix()}${message('WSGI0008')}`,
    `[Sat Nov 21 19:56:00.000000 2026] [proxy:error] [pid 4244] [client 203.0.113.9:1] <script>alert("x")</script><img src=x onerror=alert(1)>`,
    `${at('Sat Nov 21 19:57:10.250000 2026', 'crit')}wsgi0030: ${message('WSGI0030')}`,
    '   ',
    `${at('Sat Nov 21 19:58:00 2026')}WSGI0999: a code from a newer release`,
    `${at('Sat Nov 21 19:59:59.999999 2026')}${message('WSGI0117')}`,
    `no timestamp at all: ${message('WSGI0003')}`
  ];
}

describe('triage', () => {
  it('counts lines by code as scan does: tagged by their code, others by their message, shared messages under all their codes', () => {
    const result = triage(excerpt().join('\n'), matcher);
    expect(result).toMatchObject({ lines: 11, blank: 2, matched: 7, tagged: 3, untagged: 4, ambiguous: 1 });
    expect(result.rows.map((r) => [r.codes.join(' '), r.count])).toEqual([
      ['WSGI0003', 1],
      ['WSGI0008 WSGI0025', 1],
      ['WSGI0030', 2],
      ['WSGI0117', 2],
      ['WSGI0999', 1]
    ]);
    const row = (codes: string) => result.rows.find((r) => r.codes.join(' ') === codes);
    expect(row('WSGI0030')).toMatchObject({ first: { line: 1, time: 'Sat Nov 21 19:54:23.643276 2026' }, last: { line: 7, time: 'Sat Nov 21 19:57:10.250000 2026' } });
    expect(row('WSGI0117')).toMatchObject({ first: { line: 4, time: 'Sat Nov 21 19:55:00.100000 2026' }, last: { line: 10, time: 'Sat Nov 21 19:59:59.999999 2026' } });
    // Apache 2.2's stamp has no microseconds; a line without one has no time.
    expect(row('WSGI0999')?.first.time).toBe('Sat Nov 21 19:58:00 2026');
    expect(row('WSGI0003')?.first).toEqual({ line: 11, time: null });
  });

  it('keeps the lines nothing matched, as they were, with their line numbers', () => {
    const result = triage(excerpt().join('\n'), matcher);
    expect(result.unmatched.count).toBe(2);
    expect(result.unmatched.shown).toEqual([
      { line: 2, text: excerpt()[1] },
      { line: 6, text: excerpt()[5] }
    ]);
    // No near matcher given: no near matches, rather than an empty list.
    expect(result.near).toBeNull();
  });

  it('gives the same summary whether the text comes at once or in pieces cut anywhere, with \\r\\n line ends too', () => {
    const text = excerpt().join('\r\n') + '\r\n';
    const whole = triage(text, matcher);
    for (const size of [1, 7, 64, 333]) {
      const t = new Triage(matcher);
      for (let k = 0; k < text.length; k += size) t.push(text.slice(k, k + size));
      expect(t.end(), `pieces of ${size}`).toEqual(whole);
    }
    expect(whole.unmatched.shown[0]?.text).toBe(excerpt()[1]);
    // A last line without its newline still counts.
    expect(triage(excerpt().join('\n'), matcher).lines).toBe(11);
  });

  it('shows only the first unmatched lines (all are counted), each cut to a bounded length', () => {
    const long = 'x'.repeat(shownLength + 500);
    const lines = Array.from({ length: 250 }, (_, k) => `[Sat Nov 21 19:54:23 2026] [core:notice] line ${k}`);
    const result = triage([long, ...lines].join('\n'), matcher, { keepUnmatched: 10 });
    expect(result.unmatched.count).toBe(251);
    expect(result.unmatched.shown).toHaveLength(10);
    expect(result.unmatched.shown[0]?.text).toBe(`${'x'.repeat(shownLength)}…`);
  });

  it('puts lines the near matcher places in their own table, with the first line of each', () => {
    const near: NearFinder = (line) => (line.includes("Couldn't create accept lock") ? ['WSGI0030'] : []);
    const old = `[Sat Nov 21 19:54:23 2026] [error] mod_wsgi (pid=4242): Couldn't create accept lock '/var/run/wsgi.4242.0.1.lock' (5).`;
    const result = triage([old, excerpt()[1], old.replace('19:54:23', '20:01:02')].join('\n'), matcher, { near });
    expect(result.near?.lines).toBe(2);
    expect(result.near?.rows).toEqual([{ codes: ['WSGI0030'], count: 2, first: { line: 1, time: 'Sat Nov 21 19:54:23 2026' }, last: { line: 3, time: 'Sat Nov 21 20:01:02 2026' }, example: { line: 1, text: old } }]);
    expect(result.matched).toBe(0);
    expect(result.unmatched.count).toBe(1);
  });

  it('with the near matcher: an older release\'s wording is a near match, a traceback line sharing one word is not', () => {
    const near = nearFinderOf(createNearMatcher(data.templates));
    const lines = [
      "[Sat Nov 21 19:54:23 2026] [error] mod_wsgi (pid=4242): Couldn't create accept lock '/var/run/wsgi.4242.0.1.lock' (5).",
      '[Sat Nov 21 19:54:23.1 2026] [wsgi:error] [pid 4242:tid 1] [client 203.0.113.9:1]   File "/srv/shop/app/views.py", line 12, in checkout',
      `${at('Sat Nov 21 19:55:00.100000 2026')}${message('WSGI0117')}`
    ];
    const result = triage(lines.join('\n'), matcher, { near });
    expect(result.near?.rows.map((r) => [r.codes, r.count])).toEqual([[['WSGI0030'], 1]]);
    expect(result.matched).toBe(1);
    expect(result.unmatched.shown.map((l) => l.line)).toEqual([2]);
  });

  it("gives the near matcher only mod_wsgi's lines: other modules' share words with its messages without being any of them", () => {
    const asked: string[] = [];
    const near: NearFinder = (line) => (asked.push(line), ['WSGI0116']);
    const lines = [
      excerpt()[1] as string,
      '[Sat Nov 21 19:54:23 2026] [mpm_event:notice] [pid 1] AH00492: caught SIGWINCH, shutting down gracefully',
      // The application's own output, under mod_wsgi's tag: not a message of mod_wsgi's.
      '[Sat Nov 21 19:54:23.1 2026] [wsgi:error] [pid 4242:tid 1] [client 203.0.113.9:1] Traceback (most recent call last):',
      // At a level the reference has no message at.
      '[Sat Nov 21 19:54:23 2026] [info] mod_wsgi (pid=4242): Attach interpreter.',
      "[Sat Nov 21 19:54:23.1 2026] [wsgi:error] [pid 4242:tid 1] [client 203.0.113.9:1] Truncated or oversized response headers received from daemon process 'shop': /srv/shop/app.wsgi",
      "[Sat Nov 21 19:54:23 2026] [error] mod_wsgi (pid=4242): Couldn't create accept lock",
      '[Sat Nov 21 19:54:23 2026] [error] mod_wsgi: Unable to stat Python home /srv/venv.'
    ];
    const result = triage(lines.join('\n'), matcher, { near });
    // The lines scan would give its near matcher too (scripts/search/near.ts).
    expect(asked).toEqual(lines.slice(4));
    expect(result.near?.lines).toBe(3);
    expect(result.unmatched.count).toBe(4);
  });

  it('ten thousand lines of a busy log, repeated messages answered from the cache, summarised exactly', () => {
    const lines: string[] = [];
    for (let k = 0; k < 10_000; k++) {
      const time = `Sat Nov 21 ${String(10 + Math.floor(k / 3600)).padStart(2, '0')}:${String(Math.floor(k / 60) % 60).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}.000000 2026`;
      if (k % 20 === 0) lines.push(`${at(time)}${message('WSGI0117')}`);
      else if (k % 20 === 1) lines.push(`${at(time, 'crit')}WSGI0030: ${message('WSGI0030')}`);
      else lines.push(`[${time}] [core:error] [pid ${k}] AH00128: File does not exist: /srv/www/${k}.png`);
    }
    const result = triage(lines.join('\n'), matcher);
    expect(result.rows.map((r) => [r.codes[0], r.count])).toEqual([
      ['WSGI0030', 500],
      ['WSGI0117', 500]
    ]);
    expect(result.rows[1]?.first.time).toBe('Sat Nov 21 10:00:00.000000 2026');
    expect(result.rows[1]?.last.line).toBe(9981);
    expect(result.unmatched.count).toBe(9000);
  });
});

describe('what the page shows', () => {
  it('each row gets its entries: severity, title, page and the runbooks covering any of its codes', () => {
    const view = viewOf(triage(excerpt().join('\n'), matcher), cards);
    const row = (codes: string) => view.rows.find((r) => r.codes.map((c) => c.code).join(' ') === codes);
    expect(row('WSGI0030')).toMatchObject({
      severity: 'CRIT',
      title: 'Accept lock could not be created',
      codes: [{ code: 'WSGI0030', known: true, path: 'errors/WSGI0030/' }],
      runbooks: [
        { path: 'runbooks/accept-lock-semaphores/', title: expect.any(String) },
        { path: 'runbooks/daemon-socket-503/', title: expect.any(String) }
      ]
    });
    // A shared message: both codes, their runbooks once each.
    const shared = row('WSGI0008 WSGI0025');
    expect(shared?.title).toBe('Same message, one of these codes');
    expect(shared?.severity).toBe('ALERT');
    expect(shared?.runbooks.map((r) => r.path)).toEqual(['runbooks/daemon-privilege-drop/', 'runbooks/daemon-socket-503/']);
    expect(row('WSGI0999')).toMatchObject({ severity: '?', title: 'Not in this reference (a newer mod_wsgi?)', codes: [{ known: false, path: null }], runbooks: [] });
  });

  it('a retired code says so', () => {
    const view = viewOf(triage(`${at('Sat Nov 21 19:54:23 2026')}WSGI0037: anything`, matcher), cards);
    expect(view.rows[0]).toMatchObject({ severity: 'retired', title: 'Retired', codes: [{ code: 'WSGI0037', retired: true }] });
  });

  it('one sentence for the live region', () => {
    expect(summarySentence(viewOf(triage(excerpt().join('\n'), matcher), cards))).toBe('Summarised 9 lines: 7 matched 6 codes, 2 lines matched nothing.');
    expect(summarySentence(viewOf(triage('\n \n', matcher), cards))).toBe('No log lines to summarise.');
    expect(summarySentence(viewOf(triage('hello', matcher), cards))).toBe('Summarised 1 line: none matched an error code, 1 line matched nothing.');
    const near: NearFinder = () => ['WSGI0030'];
    expect(summarySentence(viewOf(triage('[error] mod_wsgi (pid=1): a\n[error] mod_wsgi (pid=1): b', matcher, { near }), cards))).toBe('Summarised 2 lines: none matched an error code, 2 near matches, 0 lines matched nothing.');
  });

  it('entry cards written before runbooks were carried read as cards without runbooks', () => {
    const old = { version: 1 as const, errorsPath: 'errors/', sources: [], errors: [['WSGI0030', 'Accept lock', 'CRIT', 0, -1] as [string, string, string, 0, number]] };
    expect(unpackEntries(old)).toEqual([{ code: 'WSGI0030', title: 'Accept lock', severity: 'CRIT', retired: false, source: null, path: 'errors/WSGI0030/', runbooks: [] }]);
  });
});

describe('the search box offer', () => {
  it('counts the non-blank lines of a paste', () => {
    expect(pastedLines('one line')).toBe(1);
    expect(pastedLines('a\n\nb\r\n  \nc\n')).toBe(3);
    expect(pastedLines(excerpt().join('\n'))).toBe(9);
  });
});
