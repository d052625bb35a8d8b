// The log-line matcher: small fixtures written for the purpose, then every
// logged-message template of the real corpus turned into realistic lines.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../scripts/model/build-model.js';
import type { ErrorEntry } from '../../scripts/model/types.js';
import { segmentsText } from '../../scripts/model/segments.js';
import { compileMatcher, createMatcher, maxLineLength, type MatcherData } from '../../scripts/search/matcher.js';
import { corpusDocs, corpusMissing, skipping } from '../support/sites.js';
import { apachePrefix, fillTemplate } from './fill.js';

// A reference in the corpus's dialect, about an imaginary lighthouse module.
const fixture = `===============
Error Reference
===============

Codes for the lamp.

Error codes
===========

.. _WSGI0001:

WSGI0001 — Lamp would not light
-------------------------------

:Severity: CRIT
:Source: \`\`src/lamp.c\`\`

:Logged message:
   \`\`Lamp '<lamp>' would not light in <tower-context>; the harbour
   stays dark.\`\` The tower context is \`\`north tower\`\` or \`\`keeper
   cottage '<keeper>'\`\`.

:Cause:
   The wick was wet.

:Outcome:
   Ships wait.

:Operator action:
   Dry the wick.

.. _WSGI0002:

WSGI0002 — Fog horn failed
--------------------------

:Severity: ERR
:Source: \`\`src/horn.c\`\`

:Logged message:
   \`\`Fog horn failed after <n> blasts.\`\`

:Cause:
   Cold weather.

:Outcome:
   Silence.

:Operator action:
   Warm it.

.. _WSGI0003:

WSGI0003 — Fog horn failed at night
-----------------------------------

:Severity: ERR
:Source: \`\`src/horn.c\`\`

:Logged message:
   \`\`Fog horn failed after <n> blasts.\`\`

:Cause:
   Colder weather.

:Outcome:
   Silence at night.

:Operator action:
   Warm it more.

.. _WSGI0004:

WSGI0004 — (retired)
--------------------

The old beacon message is gone.

.. _WSGI0005:

WSGI0005 — Logbook write failed
-------------------------------

:Severity: WARNING
:Source: \`\`src/log.c\`\`

:Logged message:
   \`\`Unable to write logbook page <n>; the entry is lost. Check the
   Transfer- Encoding of the ink.\`\`

:Cause:
   Damp paper.

:Outcome:
   A page is missing.

:Operator action:
   Buy paper.
`;

function fixtureErrors(): ErrorEntry[] {
  const { model } = buildModel([{ path: 'error-reference.rst', value: fixture }]);
  expect(model.diagnostics.filter((d) => d.fatal)).toEqual([]);
  return model.errors;
}

describe('matcher on a small fixture', () => {
  const data = compileMatcher(fixtureErrors());
  const matcher = createMatcher(data);

  it('ships plain JSON: shared texts grouped, retired codes listed, the model\'s segments and forms read from the notes', () => {
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(data.codes).toEqual(['WSGI0001', 'WSGI0002', 'WSGI0003', 'WSGI0004', 'WSGI0005']);
    expect(data.retired).toEqual(['WSGI0004']);
    expect(data.templates.map((t) => t.codes)).toEqual([['WSGI0001'], ['WSGI0002', 'WSGI0003'], ['WSGI0005']]);
    expect(data.forms['tower-context']?.map(segmentsText)).toEqual(["keeper cottage '<keeper>'", 'north tower']);
    expect(data.forms['tower-context']).toEqual([["keeper cottage '", { name: 'keeper', shape: 'quoted' }, "'"], ['north tower']]);
    expect(data.templates[0]?.segments).toEqual(["Lamp '", { name: 'lamp', shape: 'quoted' }, "' would not light in ", { name: 'tower-context', shape: 'text' }, '; the harbour stays dark.']);
    expect(data.templates[1]?.segments).toEqual(['Fog horn failed after ', { name: 'n', shape: 'token' }, ' blasts.']);
  });

  it('finds the code and the template in an Apache line', () => {
    const line = `${apachePrefix()}WSGI0001: Lamp 'east' would not light in north tower; the harbour stays dark.`;
    expect(matcher.match(line)).toEqual({ code: 'WSGI0001', candidates: ['WSGI0001'] });
  });

  it('matches without the code, honouring the documented shape of a composite placeholder', () => {
    expect(matcher.match("Lamp 'east' would not light in keeper cottage 'Ann'; the harbour stays dark.").candidates).toEqual(['WSGI0001']);
    // "lighthouse annex" is not one of the documented tower contexts.
    expect(matcher.match("Lamp 'east' would not light in lighthouse annex; the harbour stays dark.").candidates).toEqual([]);
  });

  it('lists every code of a shared message, and normalises a lower-case code', () => {
    expect(matcher.match('[x] [wsgi:error] [pid 1] AH00001: Fog horn failed after 3 blasts.')).toEqual({ code: null, candidates: ['WSGI0002', 'WSGI0003'] });
    expect(matcher.match('wsgi0003: Fog horn failed after 3 blasts').code).toBe('WSGI0003');
  });

  it('tolerates the spacing of joined multi-line literals and a referer suffix', () => {
    expect(matcher.match('Unable to write logbook page 9; the entry is lost. Check the Transfer-Encoding of the ink., referer: http://example.test/').candidates).toEqual(['WSGI0005']);
  });

  it('a number placeholder is one token, so extra words do not match', () => {
    expect(matcher.match('Fog horn failed after 3 long blasts.').candidates).toEqual([]);
  });

  it('made-up lines, empty, huge and binary input match nothing and return quickly', () => {
    for (const line of ['', 'The lamp is fine.', 'Fog horn', '\u0000\u0001\u0002\uFFFD'.repeat(50_000), 'x'.repeat(200_000)]) {
      const start = performance.now();
      expect(matcher.match(line).candidates).toEqual([]);
      expect(performance.now() - start).toBeLessThan(1000);
    }
  });

  it('looks up codes and message fragments', () => {
    expect(matcher.lookup('wsgi0004')).toEqual({ retired: true });
    expect(matcher.lookup('WSGI0001')).toEqual({ retired: false });
    expect(matcher.lookup('WSGI0099')).toBeNull();
    expect(matcher.containing('HORN FAILED')).toEqual(['WSGI0002', 'WSGI0003']);
    expect(matcher.containing('transfer-encoding of')).toEqual(['WSGI0005']);
    expect(matcher.containing('lighthouse')).toEqual([]);
  });

  it('a fragment pasted with its Apache prefix is looked up without it', () => {
    expect(matcher.containing('[wsgi:error] [pid 4242] Fog horn failed')).toEqual(['WSGI0002', 'WSGI0003']);
    expect(matcher.containing('[pid 4242] (11)Resource temporarily unavailable: Unable to write logbook')).toEqual(['WSGI0005']);
  });

  it('a line cut short matches by the start of its message, values and all', () => {
    expect(matcher.prefix("Lamp 'east' would not light in keeper cottage 'Ann'")).toEqual(['WSGI0001']);
    expect(matcher.prefix("[wsgi:crit] [pid 1] Lamp 'east' would not")).toEqual(['WSGI0001']);
    // Cut inside a quoted value, and just after one.
    expect(matcher.prefix("Lamp 'east' would not light in keeper cottage 'An")).toEqual(['WSGI0001']);
    expect(matcher.prefix("Lamp '/var/lamps/east' would not")).toEqual(['WSGI0001']);
    expect(matcher.prefix('Fog horn failed after 3')).toEqual(['WSGI0002', 'WSGI0003']);
    expect(matcher.prefix('(28)No space left on device: Unable to write logbook page 9;')).toEqual(['WSGI0005']);
  });

  it('a prefix needs three literal words, agrees with the template throughout and stops at the line\'s end', () => {
    // Too little to go on.
    expect(matcher.prefix('Fog horn')).toEqual([]);
    expect(matcher.prefix("Lamp '/var/lamps/east' would")).toEqual([]);
    // A word the template does not have.
    expect(matcher.prefix('Fog horn failed before 3 blasts')).toEqual([]);
    // Text after the template's end is not a prefix.
    expect(matcher.prefix('Fog horn failed after 3 blasts. And then some.')).toEqual([]);
    for (const line of ['', '\u0000'.repeat(10_000), `Fog horn failed after ${'1 '.repeat(5000)}`]) expect(matcher.prefix(line)).toEqual([]);
  });

  it('cuts input at the documented length', () => {
    expect(maxLineLength).toBeGreaterThanOrEqual(1024);
    const padded = 'Fog horn failed after 3 blasts.' + ' '.repeat(maxLineLength);
    expect(matcher.match(padded).candidates).toEqual(['WSGI0002', 'WSGI0003']);
  });
});

describe('matcher over the real corpus', () => {
  const skip = skipping('matcher corpus tests', corpusMissing());
  let data: MatcherData | null = null;
  const load = (): MatcherData => {
    if (data) return data;
    const value = readFileSync(path.join(corpusDocs, 'error-reference.rst'), 'utf8');
    const { model } = buildModel([{ path: 'error-reference.rst', value }], { allDocs: ['error-reference.rst'] });
    data = compileMatcher(model.errors);
    return data;
  };

  it.skipIf(skip)('compiles one template per distinct logged message, retired codes without one', () => {
    const d = load();
    expect(d.codes).toHaveLength(210);
    expect(d.retired).toEqual(['WSGI0037', 'WSGI0039', 'WSGI0066', 'WSGI0092', 'WSGI0093', 'WSGI0180', 'WSGI0193', 'WSGI0197']);
    const covered = d.templates.flatMap((t) => t.codes);
    expect(covered).toHaveLength(202);
    expect(covered.some((c) => d.retired.includes(c))).toBe(false);
    expect(d.templates.find((t) => t.codes.includes('WSGI0008'))?.codes).toEqual(['WSGI0008', 'WSGI0025']);
    expect(d.forms['process-context']?.map(segmentsText)).toEqual(expect.arrayContaining(['embedded mode', "daemon process '<group>'"]));
    expect(JSON.stringify(d).length).toBeLessThan(60_000);
  });

  it.skipIf(skip)('a line filled from each template matches its entry (and its twins first), with and without prefix and code', () => {
    const d = load();
    const matcher = createMatcher(d);
    let lines = 0;
    for (const t of d.templates) {
      const variants = Math.max(1, ...t.segments.map((s) => (typeof s === 'string' ? 1 : (d.forms[s.name]?.length ?? 1))));
      for (let v = 0; v < variants; v++) {
        const message = fillTemplate(t.segments, d.forms, v);
        for (const code of t.codes) {
          for (const line of [message, apachePrefix() + message, `${code}: ${message}`, `${apachePrefix('crit')}${code}: ${message}`]) {
            const found = matcher.match(line);
            lines++;
            expect(found.candidates.slice(0, t.codes.length).sort(), line).toEqual(t.codes);
            expect(found.code, line).toBe(line.includes(code) ? code : null);
          }
        }
      }
    }
    expect(lines).toBeGreaterThan(800);
  });

  it.skipIf(skip)('shared-message twins all match the same line', () => {
    const d = load();
    const matcher = createMatcher(d);
    const shared = d.templates.filter((t) => t.codes.length > 1);
    expect(shared.length).toBeGreaterThanOrEqual(10);
    for (const t of shared) {
      const found = matcher.match(apachePrefix() + fillTemplate(t.segments, d.forms));
      expect(found.candidates).toEqual(t.codes);
    }
  });

  it.skipIf(skip)('a tail of a longer message does not also claim the line', () => {
    const matcher = createMatcher(load());
    expect(matcher.match('Parent directory of WSGI script file is writable to world.').candidates).toEqual(['WSGI0161', 'WSGI0172']);
    expect(matcher.match('WSGI script file is writable to world.').candidates).toEqual(['WSGI0157', 'WSGI0168']);
    expect(matcher.match("SystemExit exception raised by Python atexit functions during shutdown of main interpreter in embedded mode; ignored.").candidates).toEqual(['WSGI0097']);
  });

  it.skipIf(skip)('made-up lines match nothing', () => {
    const matcher = createMatcher(load());
    const madeUp = [
      `${apachePrefix()}Unable to connect to the database 'orders' on '/run/pg.sock'.`,
      `${apachePrefix()}mod_wsgi (pid=4242): Target script loaded fine.`,
      '[Sat Nov 21 19:54:23 2026] [ssl:warn] [pid 4242] AH01909: server certificate does not include an ID which matches the server name',
      'Daemon process will exit.',
      "Unable to connect to WSGI daemon process 'shop'.",
      'Python initialisation failed in Apache child process; Python based handlers will be available.',
      'Traceback (most recent call last):'
    ];
    for (const line of madeUp) expect(matcher.match(line).candidates, line).toEqual([]);
  });

  it.skipIf(skip)('the pasted line from the issue puts WSGI0117 first, with and without its code', () => {
    const matcher = createMatcher(load());
    const line = "[Sat Nov 21 19:54:23.643276 2026] [wsgi:error] [pid 4242:tid 1402] [client 203.0.113.9:51234] WSGI0117: Unable to connect to WSGI daemon process 'shop' on '/etc/httpd/run/wsgi.2231.0.1.sock' as user with uid=33.";
    expect(matcher.match(line)).toEqual({ code: 'WSGI0117', candidates: ['WSGI0117'] });
    expect(matcher.match(line.replace('WSGI0117: ', ''))).toEqual({ code: null, candidates: ['WSGI0117'] });
  });
});
