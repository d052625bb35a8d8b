// The near matcher on templates written for the purpose: which words count
// (values, prefixes and quoted names do not), how rarity weighs, how the
// shared words are marked, and that no input makes it throw or hang.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentsOf } from '../../scripts/model/segments.js';
import { createNearMatcher, logLineNear, markShared, nearCandidateLine, nearMessage, nearMinScore, nearMinShared, nearTemplatesOf, templateWords, wordKey } from '../../scripts/search/near.js';

const template = (codes: string[], text: string) => ({ codes, segments: segmentsOf(text) });
const templates = [
  template(['WSGI0001'], "Unable to light lamp '<lamp>'. The harbour stays dark."),
  template(['WSGI0002'], "Unable to wind clock '<clock>'. The tower stays silent."),
  template(['WSGI0003', 'WSGI0004'], 'Fog horn failed after <n> blasts; keeper will be woken.'),
  template(['WSGI0005'], "Unable to light lamp '<lamp>' in keeper cottage; the cottage stays dark."),
  template(['WSGI0006'], 'Unable to open logbook; entries will be lost.')
];
const near = createNearMatcher(templates);

describe('words', () => {
  it('normalises spelling, inflection and the older wording of failure', () => {
    expect(wordKey('Initialized')).toBe(wordKey('initialise'));
    expect(wordKey('intialise')).toBe(wordKey('initialise'));
    expect(wordKey('threads')).toBe(wordKey('thread'));
    expect(wordKey('Shutting')).toBe(wordKey('shut'));
    expect(wordKey("Couldn't")).toBe(wordKey('Unable'));
    expect(wordKey('failed')).toBe(wordKey('unable'));
    expect(wordKey('process')).toBe('process');
  });

  it('a template\'s words leave its placeholders and stop words out', () => {
    expect(templateWords(segmentsOf("Unable to light lamp '<lamp>'. The harbour stays dark."))).toEqual(['unabl', 'light', 'lamp', 'harbour', 'stay', 'dark']);
  });

  it('a line\'s message: Apache\'s prefix, the error number\'s text and mod_wsgi\'s own prefix go', () => {
    expect(nearMessage("[Tue Mar 05 10:15:02.118313 2024] [wsgi:crit] [pid 4242:tid 140234] (28)No space left on device: mod_wsgi (pid=4242): Couldn't light lamp '/x' (5).")).toBe(
      "Couldn't light lamp '/x' (5)."
    );
    expect(nearMessage("[error] mod_wsgi: Couldn't spawn process 'shop'.")).toBe("Couldn't spawn process 'shop'.");
    expect(nearMessage('[wsgi:error] [client 1.2.3.4:5] Fog horn failed: /srv/app.wsgi')).toBe('Fog horn failed: /srv/app.wsgi');
  });

  it('values are not words: paths, numbers, addresses and quoted names the templates never use', () => {
    expect(near.words("mod_wsgi (pid=1): Couldn't light lamp '/var/run/lamp.4242.lock' (5) for 203.0.113.9:5123 'shopkeeper'.")).toEqual(['unabl', 'light', 'lamp']);
    // A quoted word the templates use is wording, not a value.
    expect(near.words("Couldn't light 'lamp'")).toEqual(['unabl', 'light', 'lamp']);
  });
});

describe('ranking', () => {
  it('an older wording finds its entry first; rare words count for more than common ones', () => {
    const [first, second] = near.rank("[wsgi:crit] [pid 7] mod_wsgi (pid=7): Couldn't light lamp '/var/lamps/east'.");
    expect(first?.codes).toEqual(['WSGI0001']);
    expect(first?.shared).toEqual(['unabl', 'light', 'lamp']);
    // The longer message about the same lamp comes next, not the clock.
    expect(second?.codes).toEqual(['WSGI0005']);
    expect(first!.score).toBeGreaterThan(second!.score);
  });

  it('codes logging one text stay together; scores lie in (minScore, 1], best first', () => {
    const hits = near.rank('mod_wsgi (pid=3): Fog horn failed, keeper woken after 3 blasts.', { limit: 10 });
    expect(hits[0]?.codes).toEqual(['WSGI0003', 'WSGI0004']);
    for (const h of hits) expect(h.score).toBeGreaterThanOrEqual(nearMinScore);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    expect(near.rank('Fog horn failed after 3 blasts; keeper will be woken.')[0]?.score).toBe(1);
  });

  it('in a log summary (scan, triage) a near match shares at least two words; the search box keeps the rest', () => {
    const line = "[error] mod_wsgi (pid=1): Logbook misplaced.";
    const ranked = near.rank(line, { limit: 3 });
    expect(ranked.length).toBeGreaterThan(0);
    expect(ranked.every((hit) => hit.shared.length < nearMinShared)).toBe(true);
    expect(logLineNear(near, line, 3)).toEqual([]);
    expect(logLineNear(near, "[error] mod_wsgi (pid=1): Couldn't light lamp '/x'.", 3)[0]?.codes).toEqual(['WSGI0001']);
  });

  it('a line of other words is close to nothing', () => {
    expect(near.rank('Traceback (most recent call last):')).toEqual([]);
    expect(near.rank('[proxy:error] (111)Connection refused: AH00957: http: attempt to connect to 127.0.0.1:8080 failed')).toEqual([]);
    expect(near.rank('')).toEqual([]);
    expect(near.rank('lamp', { limit: 0 })).toEqual([]);
  });

  it('no input throws or takes long', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000, unit: 'binary' }), (s) => {
        const hits = near.rank(s);
        for (const h of hits) expect(h.score).toBeLessThanOrEqual(1);
      }),
      { numRuns: 100 }
    );
    const start = performance.now();
    near.rank(`Couldn't light lamp ${"'x ".repeat(20_000)}`);
    near.rank('lamp '.repeat(100_000));
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('which log lines scan compares', () => {
  it('lines mod_wsgi wrote at WARNING or above: its older prefix, or its tag on a <message>: <file> line', () => {
    for (const line of [
      "[wsgi:crit] [pid 1] (28)No space left on device: mod_wsgi (pid=1): Couldn't create accept lock '/x' (5).",
      "[Fri Apr 23 16:56:33 2010] [error] [client 1.2.3.4] mod_wsgi (pid=2): Exception occurred processing WSGI script '/x.wsgi'.",
      "[wsgi:alert] [pid 3] mod_wsgi: Couldn't spawn process 'shop'.",
      '[wsgi:error] [pid 4] [client 1.2.3.4:5] Target WSGI script not found or unable to stat: /srv/app.wsgi'
    ])
      expect(nearCandidateLine(line), line).toBe(true);
  });

  it('not the application\'s output under mod_wsgi\'s tag, mod_wsgi\'s chatter below WARNING, nor other modules', () => {
    for (const line of [
      '[wsgi:error] [pid 813] [remote 198.51.100.7:40112] Traceback (most recent call last):',
      "[wsgi:info] [pid 5101] mod_wsgi (pid=5101): Attach interpreter ''.",
      '[mpm_event:notice] [pid 811:tid 140213] AH00489: Apache/2.4.62 (Debian) mod_wsgi/5.0.2 Python/3.12 configured -- resuming normal operations',
      '[authz_core:error] [pid 900] [client 192.0.2.4:50000] AH01630: client denied by server configuration: /var/www/private/1.html'
    ])
      expect(nearCandidateLine(line), line).toBe(false);
  });
});

describe('marking and grouping', () => {
  it('marks the shared words in the message, placeholders as <name> and never marked', () => {
    const parts = markShared(templates[0]!.segments, ['unabl', 'lamp']);
    expect(parts.map((p) => p.text).join('')).toBe("Unable to light lamp '<lamp>'. The harbour stays dark.");
    expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(['Unable', 'lamp']);
  });

  it('gathers codes logging the same text', () => {
    const list = nearTemplatesOf([
      { code: 'WSGI0009', segments: segmentsOf('Bell rang <n> times.') },
      { code: 'WSGI0008', segments: segmentsOf('Bell rang <n> times.') },
      { code: 'WSGI0007', segments: segmentsOf('Bell cracked.') }
    ]);
    expect(list.map((t) => t.codes)).toEqual([['WSGI0008', 'WSGI0009'], ['WSGI0007']]);
  });
});
