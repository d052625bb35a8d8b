// Query classification: codes in any spelling, pasted lines, fragments, and
// hostile input, against a matcher compiled from a fixture in our own words.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../scripts/model/build-model.js';
import { compileMatcher, createMatcher } from '../../scripts/search/matcher.js';
import { createNearMatcher } from '../../scripts/search/near.js';
import { cleanQuery, codeOf, maxQueryLength, planQuery, splitHighlight } from '../../scripts/search/query.js';

const entry = (code: string, title: string, message: string | null) =>
  message === null
    ? `.. _${code}:\n\n${code} — (retired)\n${'-'.repeat(code.length + 12)}\n\nNo longer logged.\n`
    : `.. _${code}:\n\n${code} — ${title}\n${'-'.repeat(code.length + 3 + title.length)}\n\n:Severity: ERR\n:Source: \`\`src/bell.c\`\`\n\n:Logged message:\n   \`\`${message}\`\`\n\n:Cause:\n   Rust.\n\n:Outcome:\n   Quiet.\n\n:Operator action:\n   Oil it.\n`;

const reference = [
  '===============\nError Reference\n===============\n\nBell codes.\n\nError codes\n===========\n',
  entry('WSGI0001', 'Bell cracked', "Bell '<bell>' cracked while ringing <n> times."),
  entry('WSGI0002', 'Rope snapped', 'Rope snapped; the tower falls silent.'),
  entry('WSGI0003', 'Rope snapped again', 'Rope snapped; the tower falls silent.'),
  entry('WSGI0004', '', null)
].join('\n');

const { model } = buildModel([{ path: 'error-reference.rst', value: reference }]);
const data = compileMatcher(model.errors);
const matcher = createMatcher(data);
const near = createNearMatcher(data.templates);

describe('codeOf', () => {
  it('reads the spellings an operator types', () => {
    for (const q of ['WSGI0001', 'wsgi0001', '0001', 'WSGI0001:', '(wsgi0001).', ' "WSGI-0001" ', 'wsgi_0001', '[WSGI0001]']) expect(codeOf(q), q).toBe('WSGI0001');
  });
  it('leaves words, short numbers and codes inside sentences alone', () => {
    for (const q of ['bell', '001', '12345', 'WSGI0001 cracked', 'the 0001 bell', '']) expect(codeOf(q), q).toBeNull();
  });
});

describe('planQuery', () => {
  it('a code, retired or not, is pinned; an unallocated one gets a note', () => {
    expect(planQuery('wsgi0004', matcher)).toMatchObject({ mode: 'code', pinned: ['WSGI0004'], notes: [], fulltext: null });
    expect(planQuery('0009:', matcher)).toMatchObject({ mode: 'code', pinned: [], notes: [{ kind: 'unallocated', code: 'WSGI0009' }] });
  });

  it('a pasted line: its code first; without it every twin, with a shared note', () => {
    const prefix = '[Mon Mar 02 03:04:05.000001 2026] [wsgi:error] [pid 77:tid 8] ';
    expect(planQuery(`${prefix}WSGI0003: Rope snapped; the tower falls silent.`, matcher)).toMatchObject({ mode: 'line', pinned: ['WSGI0003', 'WSGI0002'], notes: [], fulltext: null });
    expect(planQuery(`${prefix}Rope snapped; the tower falls silent.`, matcher)).toMatchObject({ mode: 'line', pinned: ['WSGI0002', 'WSGI0003'], notes: [{ kind: 'shared', count: 2 }] });
    expect(planQuery(`${prefix}Bell 'tenor' cracked while ringing 12 times.`, matcher).pinned).toEqual(['WSGI0001']);
  });

  it('a line with an unknown code says so and still searches its words', () => {
    const plan = planQuery('WSGI0777: the clapper fell off', matcher);
    expect(plan.notes).toEqual([{ kind: 'unallocated', code: 'WSGI0777' }]);
    expect(plan.fulltext).toBe('the clapper fell off');
  });

  it('a fragment of a logged message pins the entries that log it, then asks the full-text index', () => {
    expect(planQuery('tower falls', matcher)).toMatchObject({ mode: 'fragment', pinned: ['WSGI0002', 'WSGI0003'], fulltext: 'tower falls' });
    expect(planQuery('carillon', matcher)).toMatchObject({ mode: 'text', pinned: [], fulltext: 'carillon' });
  });

  it('markup reaches the full-text index as words only', () => {
    const plan = planQuery('<img src=x onerror=alert(1)>', matcher);
    expect(plan.fulltext).not.toMatch(/[<>"']/);
    expect(plan.text).toBe('<img src=x onerror=alert(1)>');
  });

  it('empty, huge and binary input: bounded, never throws', () => {
    expect(planQuery('   \u0000 ', matcher).mode).toBe('empty');
    const huge = planQuery('bell '.repeat(40_000), matcher);
    expect(huge.text.length).toBeLessThanOrEqual(maxQueryLength);
    expect(huge.notes).toContainEqual({ kind: 'truncated', length: maxQueryLength });
    expect((huge.fulltext ?? '').split(' ').length).toBeLessThanOrEqual(12);
    fc.assert(
      fc.property(fc.string({ maxLength: 6000, unit: 'binary' }), (s) => {
        const plan = planQuery(s, matcher);
        expect(plan.text.length).toBeLessThanOrEqual(maxQueryLength);
        expect(plan.text).not.toMatch(/[\u0000-\u001f]/);
      }),
      { numRuns: 200 }
    );
  });
});

describe('short codes, lines cut short, prefixes and older wording', () => {
  it('117, wsgi117 and WSGI117 are a code where that code exists; bare digits of no code stay text', () => {
    for (const q of ['1', '01', 'wsgi1', 'WSGI1', 'wsgi-1', ' 1. ']) expect(planQuery(q, matcher), q).toMatchObject({ mode: 'code', pinned: ['WSGI0001'] });
    expect(planQuery('9', matcher)).toMatchObject({ mode: 'text', pinned: [], fulltext: '9' });
    // Spelled with `wsgi`, it is a code whether allocated or not.
    expect(planQuery('wsgi9', matcher)).toMatchObject({ mode: 'code', pinned: [], notes: [{ kind: 'unallocated', code: 'WSGI0009' }] });
  });

  it('a line cut short matches by the start of its message, with a note saying so', () => {
    const plan = planQuery("[wsgi:crit] [pid 4242] Bell '/var/bells/tenor' cracked while", matcher);
    expect(plan).toMatchObject({ mode: 'line', pinned: ['WSGI0001'], notes: [{ kind: 'partial' }], fulltext: null });
  });

  it('a fragment pasted with Apache\'s prefix finds the entries that log it', () => {
    expect(planQuery('[wsgi:crit] Rope snapped; the tower', matcher)).toMatchObject({ mode: 'fragment', pinned: ['WSGI0002', 'WSGI0003'] });
    expect(planQuery('[pid 4242] Rope snapped', matcher)).toMatchObject({ mode: 'fragment', pinned: ['WSGI0002', 'WSGI0003'] });
  });

  it('a line no message fits gets the closest messages, given a near matcher', () => {
    const line = "[wsgi:error] [pid 7] mod_wsgi (pid=7): Couldn't ring bell 'tenor', it cracked.";
    expect(planQuery(line, matcher).mode).toBe('text');
    const plan = planQuery(line, matcher, near);
    expect(plan).toMatchObject({ mode: 'near', pinned: ['WSGI0001'], fulltext: null });
    expect(plan.near[0]).toMatchObject({ codes: ['WSGI0001'] });
    expect(plan.near[0]?.shared).toContain('bell');
  });

  it('a word or two, or words no message uses, are a full-text search, not a near match', () => {
    expect(planQuery('bell tower', matcher, near)).toMatchObject({ mode: 'text', near: [] });
    expect(planQuery('the carillon sounded at noon over the square', matcher, near)).toMatchObject({ mode: 'text', near: [] });
  });
});

describe('cleanQuery and splitHighlight', () => {
  it('collapses spacing and strips control characters', () => {
    expect(cleanQuery('  a\tb\u0007\n c ')).toEqual({ text: 'a b c', truncated: false });
  });
  it('marks every case-insensitive occurrence and keeps all the text', () => {
    const parts = splitHighlight('Rope snapped; the rope is gone', 'ROPE');
    expect(parts.map((p) => p.text).join('')).toBe('Rope snapped; the rope is gone');
    expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(['Rope', 'rope']);
    expect(splitHighlight('abc', '')).toEqual([{ text: 'abc', mark: false }]);
  });
});
