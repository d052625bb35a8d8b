// The scanner's streaming core and its prefilter, without a child process:
// chunk boundaries never change the result, and the prefilter never hides a
// line the log-line matcher would match.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matcherFile } from '../../scripts/cli/load-reference.js';
import { buildPrefilter, literalWords } from '../../scripts/cli/scan/prefilter.js';
import { type Hit, LogScanner } from '../../scripts/cli/scan/scanner.js';
import { searchFiles } from '../../scripts/search/index-site.js';
import type { MessageSegment } from '../../scripts/model/types.js';
import { createMatcher, type Matcher, type MatcherData, type MatcherTemplate, templateText } from '../../scripts/search/matcher.js';
import { corpusMissing, corpusSite, sampleSite, skipping } from '../support/sites.js';

function loadMatcher(site: string): { data: MatcherData; matcher: Matcher } {
  const data = JSON.parse(readFileSync(path.join(site, matcherFile), 'utf8')) as MatcherData;
  return { data, matcher: createMatcher(data) };
}

function scan(chunks: readonly Buffer[], matcher: Matcher, templates: readonly (readonly MessageSegment[])[], maxLine?: number): { hits: Hit[]; lines: number; examined: number } {
  const hits: Hit[] = [];
  const scanner = new LogScanner({ matcher, templates, onHit: (h) => hits.push(h), ...(maxLine ? { maxLine } : {}) });
  for (const c of chunks) scanner.push(c);
  scanner.end();
  return { hits, lines: scanner.lines, examined: scanner.examined };
}

function slices(buf: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < buf.length; at += size) out.push(buf.subarray(at, at + size));
  return out;
}

/** Values for placeholders: documented forms where there are some, else a plain token. */
function filler(data: MatcherData, variant: number): (segments: readonly MessageSegment[]) => string {
  return (segments) =>
    segments
      .map((s) => {
        if (typeof s === 'string') return s;
        const forms = data.forms[s.name];
        if (forms && forms.length > 0) return (forms[variant % forms.length] as MessageSegment[]).map((f) => (typeof f === 'string' ? f : 'shop')).join('');
        return variant % 2 === 0 ? '42' : '/srv/site/app.wsgi';
      })
      .join('');
}

it('reads the matcher file the build writes', () => {
  expect(matcherFile).toBe(searchFiles.matcher);
});

describe('chunk boundaries', () => {
  const { data, matcher } = loadMatcher(sampleSite);
  const templates = data.templates.map((t) => t.segments);
  const fill = filler(data, 0);
  const log = Buffer.concat([
    Buffer.from('[Sat Nov 21 19:00:00.000001 2026] [core:notice] [pid 1] AH00094: Command line: apache2\r\n'),
    Buffer.from(`[Sat Nov 21 19:00:01.000001 2026] [wsgi:crit] [pid 2] WSGI0031: ${templateText(data.templates[0] as MatcherTemplate)}\r\n`),
    Buffer.from('\n\n'),
    ...data.templates.map((t, i) => Buffer.from(`[Sat Nov 21 19:00:${String(i + 2).padStart(2, '0')}.000001 2026] [wsgi:error] [pid 3] ${fill(t.segments)}\n`)),
    Buffer.from([0xc3, 0x28, 0x0a, 0xe2, 0x82, 0x0a]),
    Buffer.from(`Unable to create accept lock '/run/\u00e9t\u00e9'. Daemon group will not start.`)
  ]);
  const whole = scan([log], matcher, templates);

  it('finds the lines of the log, whatever their ending', () => {
    expect(whole.lines).toBe(5 + data.templates.length + 2);
    expect(whole.hits.length).toBe(1 + data.templates.length + 1);
    expect(whole.hits.every((h) => !h.text.endsWith('\r'))).toBe(true);
    expect(whole.hits.at(-1)).toMatchObject({ line: whole.lines, codes: ['WSGI0030'], text: expect.stringContaining('/run/\u00e9t\u00e9') });
  });

  it.each([1, 2, 7, 64, 1000])('gives the same hits when fed %i bytes at a time', (size) => {
    expect(scan(slices(log, size), matcher, templates)).toEqual(whole);
  });

  it('cuts an over-long line to maxLine and keeps the line count', () => {
    const long = Buffer.from(`WSGI0030 ${'z'.repeat(500)}\nshort\nWSGI0031 x`);
    for (const size of [3, 50, 1000]) {
      const r = scan(slices(long, size), matcher, templates, 100);
      expect(r.lines).toBe(3);
      expect(r.hits.map((h) => [h.line, h.codes[0], h.text.length])).toEqual([
        [1, 'WSGI0030', 100],
        [3, 'WSGI0031', 10]
      ]);
    }
  });
});

describe('prefilter against the matcher on the real corpus', () => {
  const skip = skipping('prefilter corpus tests', corpusMissing());
  if (skip) {
    // A suite with no test fails the run; say it was skipped instead.
    it.skip('needs the real corpus', () => undefined);
    return;
  }
  const { data, matcher } = loadMatcher(corpusSite);
  const templates = data.templates.map((t) => t.segments);
  const prefilter = buildPrefilter(templates);

  it('anchors every template on a few words', () => {
    expect(prefilter.unanchored).toEqual([]);
    expect(prefilter.anchors.length).toBeLessThan(30);
    for (const t of templates) expect(prefilter.anchors.some((a) => literalWords(t).includes(a)), JSON.stringify(t)).toBe(true);
  });

  it('tunes its anchors away from words common in the log it reads', () => {
    const common = [
      '[core:error] [pid 7] (13)permission denied: unable to open the requested file, request failed',
      '[proxy:error] [pid 8] attempt to connect to the backend process failed',
      '[wsgi:error] [pid 9]   file "/usr/lib/python3/dist-packages/app/views.py", line 12, in handler'
    ];
    const sample = Array.from({ length: 300 }, (_, i) => common[i % common.length]).join('\n').toLowerCase();
    const linesFound = (p: ReturnType<typeof buildPrefilter>) =>
      sample.split('\n').filter((l) => {
        p.pattern.lastIndex = 0;
        return p.pattern.test(l);
      }).length;
    const tuned = buildPrefilter(templates, sample);
    expect(linesFound(prefilter)).toBeGreaterThan(200);
    expect(linesFound(tuned)).toBeLessThan(linesFound(prefilter) / 2);
  });

  it('lets through every line the matcher matches, and reports the same codes', () => {
    const lines: string[] = [];
    for (let variant = 0; variant < 3; variant++) {
      const fill = filler(data, variant);
      for (const t of data.templates) lines.push(`[Sat Nov 21 19:54:23.643276 2026] [wsgi:error] [pid 4242:tid 140213] ${fill(t.segments)}`);
    }
    const expected = lines.map((l) => matcher.match(l).candidates);
    // The filler must produce real matches, or this test proves nothing.
    expect(expected.filter((c) => c.length > 0).length).toBeGreaterThan(data.templates.length * 2);
    const { hits } = scan([Buffer.from(lines.join('\n'))], matcher, templates);
    const got = lines.map((_, i) => hits.find((h) => h.line === i + 1)?.codes ?? []);
    expect(got).toEqual(expected);
  });

  it('still agrees when case, spacing, values, the final full stop and the prefix vary', () => {
    const prefix = fc
      .record({ day: fc.constantFrom(' 1', '21'), level: fc.constantFrom('error', 'crit', 'alert', 'warn', 'info'), pid: fc.nat(99999), client: fc.option(fc.nat(255)) })
      .map(({ day, level, pid, client }) => `[Sat Nov ${day} 19:54:23.643276 2026] [wsgi:${level}] [pid ${pid}:tid 140213] ${client === null ? '' : `[client 192.0.2.${client}:51234] `}`);
    // Each message under one to three prefixes: the same text logged again.
    const line = fc
      .record({
        template: fc.constantFrom(...data.templates),
        variant: fc.nat(5),
        upper: fc.array(fc.nat(400), { maxLength: 8 }),
        spaces: fc.array(fc.tuple(fc.nat(400), fc.constantFrom('  ', '\t', '\u00a0', '\u2003', ' \u0007 ')), { maxLength: 4 }),
        value: fc.string({ maxLength: 12 }),
        dropStop: fc.boolean(),
        prefixes: fc.array(prefix, { minLength: 1, maxLength: 3 })
      })
      .map(({ template, variant, upper, spaces, value, dropStop, prefixes }) => {
        let text = filler(data, variant)(template.segments).replace('42', value.replace(/[\n\r]/g, ' '));
        if (dropStop) text = text.replace(/\.$/, '');
        for (const u of upper) text = text.slice(0, u) + text.charAt(u).toUpperCase() + text.slice(u + 1);
        // Other whitespace where the template has a space: the matcher collapses it all.
        for (const [at, gap] of spaces) if (text.charAt(at) === ' ') text = text.slice(0, at) + gap + text.slice(at + 1);
        return prefixes.map((p) => p + text);
      })
      .filter((l) => !/wsgi[-_ ]?\d{4}/i.test(l.join('\n')));
    let matched = 0;
    let total = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), (groups) => {
        const lines = groups.flat();
        const { hits } = scan([Buffer.from(lines.join('\n'))], matcher, templates);
        const got = lines.map((_, i) => hits.find((h) => h.line === i + 1)?.codes ?? []);
        const expected = lines.map((l) => matcher.match(l).candidates);
        expect(got).toEqual(expected);
        total += lines.length;
        matched += expected.filter((c) => c.length > 0).length;
      }),
      { numRuns: 200 }
    );
    // Most generated lines must really match, or the agreement means little.
    expect(matched / total).toBeGreaterThan(0.5);
  });
});
