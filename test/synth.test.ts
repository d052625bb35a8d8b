// The synthetic-corpus generator behind the scale benchmarks: what it writes
// must read like the real reference (zero fatal diagnostics, every code an
// entry, links that resolve), or the benchmark would time error paths.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../scripts/model/build-model.js';
import { readDocs } from '../scripts/model/read-docs.js';
import type { Model } from '../scripts/model/types.js';
import { directivesFor, generateCorpus, writeCorpus } from '../scripts/synth/generate-corpus.js';
import { planCodes } from '../scripts/synth/error-reference.js';
import { seeded } from '../scripts/synth/random.js';

let dir: string;
let model: Model;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'synth-test-'));
  await writeCorpus(path.join(dir, 'docs'), { codes: 300, seed: 7 });
  const folder = await readDocs(path.join(dir, 'docs'));
  model = buildModel(folder.inputs, { allDocs: folder.allDocs }).model;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a generated 300-code docs folder', () => {
  it('goes through buildModel with zero fatal diagnostics and 300 entries', () => {
    expect(model.diagnostics.filter((d) => d.fatal)).toEqual([]);
    expect(model.errors).toHaveLength(300);
    expect(model.errors[0]?.code).toBe('WSGI0001');
    expect(model.errors[299]?.code).toBe('WSGI0300');
  });

  it('has a few retired codes, and every active code has all six fields', () => {
    const retired = model.errors.filter((e) => e.retired);
    expect(retired.length).toBeGreaterThanOrEqual(2);
    expect(retired.length).toBeLessThan(30);
    for (const e of retired) expect(e.retiredNote?.length).toBeGreaterThan(0);
    for (const e of model.errors.filter((x) => !x.retired)) {
      expect([e.code, e.severity !== null, e.source !== null, e.loggedMessage !== null, e.cause !== null, e.outcome !== null, e.action !== null]).toEqual([e.code, true, true, true, true, true, true]);
    }
  });

  it('has the severity ladder and placeholders in logged messages', () => {
    expect(model.reference?.ladder.map((l) => l.severity)).toEqual(['EMERG', 'ALERT', 'CRIT', 'ERR', 'WARNING']);
    const withPlaceholders = model.errors.filter((e) => (e.loggedMessage?.placeholders.length ?? 0) > 0);
    expect(withPlaceholders.length).toBeGreaterThan(250);
  });

  it('cross-references codes, directive pages and option labels, all resolved', () => {
    const refs = [...model.errors, ...model.directives].flatMap((e) => e.references);
    const count = (kind: string, resolution: string) => refs.filter((r) => r.kind === kind && r.resolution.type === resolution).length;
    expect(count('ref', 'entry')).toBeGreaterThan(100);
    expect(count('ref', 'option')).toBeGreaterThan(5);
    expect(count('doc', 'entry')).toBeGreaterThan(10);
    expect(refs.filter((r) => r.resolution.type === 'unresolved')).toEqual([]);
    expect(model.errors.filter((e) => e.referencedBy.length > 0).length).toBeGreaterThan(50);
  });

  it('has directive pages in proportion, with option labels, all grouped by configuration.rst', () => {
    expect(model.directives).toHaveLength(directivesFor(300));
    expect(model.directives.filter((d) => d.options.some((o) => o.labelled)).length).toBeGreaterThan(10);
    const grouped = model.configuration?.groups.flatMap((g) => g.directives) ?? [];
    expect(new Set(grouped)).toEqual(new Set(model.directives.map((d) => d.name)));
    expect(model.diagnostics.filter((d) => d.ruleId === 'unlisted-directive')).toEqual([]);
  });
});

describe('the generator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateCorpus({ codes: 40, seed: 3 });
    const b = generateCorpus({ codes: 40, seed: 3 });
    const c = generateCorpus({ codes: 40, seed: 4 });
    expect(a.files).toEqual(b.files);
    expect(a.files.find((f) => f.path === 'error-reference.rst')?.value).not.toBe(c.files.find((f) => f.path === 'error-reference.rst')?.value);
  });

  it('fits 10,000 codes into four digits by starting at WSGI0000, and refuses more', () => {
    const codes = planCodes(10000, seeded(1));
    expect([codes[0]?.code, codes[9999]?.code]).toEqual(['WSGI0000', 'WSGI9999']);
    expect(planCodes(9999, seeded(1))[0]?.code).toBe('WSGI0001');
    expect(() => planCodes(10001, seeded(1))).toThrow(RangeError);
    expect(() => planCodes(0, seeded(1))).toThrow(RangeError);
  });

  it('refuses to overwrite a folder it did not make, and replaces one it did', async () => {
    const foreign = path.join(dir, 'foreign');
    await writeCorpus(foreign, { codes: 5 }).then(() => rm(path.join(foreign, '.synthetic-corpus')));
    await writeFile(path.join(foreign, 'index.rst'), 'Not generated\n');
    await expect(writeCorpus(foreign, { codes: 5 })).rejects.toThrow(/not made by this generator/);
    expect(await readFile(path.join(foreign, 'index.rst'), 'utf8')).toBe('Not generated\n');

    const own = path.join(dir, 'own');
    await writeCorpus(own, { codes: 30 });
    await writeCorpus(own, { codes: 10 });
    const folder = await readDocs(own);
    expect(folder.inputs.filter((i) => i.path.startsWith('configuration-directives/'))).toHaveLength(directivesFor(10));
  });
});
