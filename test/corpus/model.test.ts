// The acceptance of issue 2 on the real mod_wsgi docs: every code present,
// every cross-reference resolved or classified, no fatal diagnostic. Skips,
// saying why, when ../shared/corpus is not there.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../scripts/model/build-model.js';
import { readDocs } from '../../scripts/model/read-docs.js';
import type { Model, Reference } from '../../scripts/model/types.js';
import { parseRst } from '../../scripts/rst/parse.js';
import type { RstRole } from '../../scripts/rst/types.js';
import { nodesOf } from '../support.js';
import { corpusDocs, corpusMissing, skipping } from '../support/sites.js';

const skip = skipping('corpus model tests', corpusMissing());
const retiredCodes = ['WSGI0037', 'WSGI0039', 'WSGI0066', 'WSGI0092', 'WSGI0093', 'WSGI0180', 'WSGI0193', 'WSGI0197'];
const code = (n: number) => `WSGI${String(n).padStart(4, '0')}`;

describe.skipIf(skip)('the model of the real corpus', () => {
  let model: Model;
  let source: string;
  /** Roles of error-reference.rst as the reader sees them, before any linking. */
  let roles: RstRole[];

  beforeAll(async () => {
    const folder = await readDocs(corpusDocs);
    model = buildModel(folder.inputs, { allDocs: folder.allDocs }).model;
    source = readFileSync(path.join(corpusDocs, 'error-reference.rst'), 'utf8');
    roles = nodesOf(parseRst(source, new VFile({ path: 'error-reference.rst', value: source })), 'role');
  });

  /** Every reference the model made from error-reference.rst, by source offset. */
  const referencesByOffset = (kind: Reference['kind']) => {
    const out = new Map<number, Reference>();
    for (const e of model.errors) for (const r of e.references) if (r.kind === kind && r.place.file === 'error-reference.rst') out.set(r.place.offset, r);
    return out;
  };

  it('has 210 error entries, WSGI0001 to WSGI0210 in order', () => {
    expect(model.errors.map((e) => e.code)).toEqual(Array.from({ length: 210 }, (_, k) => code(k + 1)));
  });

  it('has exactly the 8 retired codes, each with a note and no fields', () => {
    const retired = model.errors.filter((e) => e.retired);
    expect(retired.map((e) => e.code)).toEqual(retiredCodes);
    for (const e of retired) {
      expect(e.retiredNote?.length, e.code).toBeGreaterThan(0);
      expect([e.severity, e.source, e.loggedMessage, e.cause, e.outcome, e.action], e.code).toEqual([null, null, null, null, null, null]);
    }
  });

  it('gives every active entry all six fields', () => {
    const active = model.errors.filter((e) => !e.retired);
    expect(active).toHaveLength(202);
    const incomplete = active.filter(
      (e) => !e.severity || !e.source || !e.loggedMessage?.template || !e.cause?.length || !e.outcome?.length || !e.action?.length
    );
    expect(incomplete.map((e) => e.code)).toEqual([]);
  });

  it('keeps logged messages as literal templates with their placeholders', () => {
    const withPlaceholders = model.errors.filter((e) => (e.loggedMessage?.placeholders.length ?? 0) > 0);
    expect(withPlaceholders.length).toBeGreaterThan(10);
    for (const e of withPlaceholders) {
      for (const p of e.loggedMessage?.placeholders ?? []) expect(e.loggedMessage?.template, e.code).toContain(`<${p}>`);
    }
    // Template text is what the source literal says, line breaks folded.
    for (const e of model.errors.filter((x) => x.loggedMessage)) {
      const first = (e.loggedMessage?.template ?? '').split(' ').slice(0, 3).join(' ');
      expect(source, e.code).toContain(first);
    }
  });

  it('has several codes sharing one logged-message text, WSGI0008 and WSGI0025 among them', () => {
    const byCode = new Map(model.errors.map((e) => [e.code, e]));
    const a = byCode.get('WSGI0008')?.loggedMessage?.template;
    expect(a).toBeTruthy();
    expect(byCode.get('WSGI0025')?.loggedMessage?.template).toBe(a);
    const counts = new Map<string, number>();
    for (const e of model.errors) if (e.loggedMessage) counts.set(e.loggedMessage.template, (counts.get(e.loggedMessage.template) ?? 0) + 1);
    expect([...counts.values()].filter((n) => n > 1).length).toBeGreaterThan(2);
  });

  it('has 47 directive entries, each with a description, a syntax and at least one context', () => {
    expect(model.directives).toHaveLength(47);
    const incomplete = model.directives.filter((d) => d.descriptionText === '' || !d.syntax?.length || d.contexts.length === 0);
    expect(incomplete.map((d) => d.name)).toEqual([]);
    expect(model.directives.map((d) => d.name)).toContain('WSGIDaemonProcess');
  });

  it('reports no fatal diagnostic', () => {
    expect(model.diagnostics.filter((d) => d.fatal)).toEqual([]);
  });

  it('resolves all 135 :ref: roles of error-reference.rst, counted from the tree', () => {
    const refs = roles.filter((r) => r.name === 'ref');
    expect(refs).toHaveLength(135);
    // The reader found what a plain count of the text finds.
    expect(source.split(':ref:`').length - 1).toBe(135);
    const made = referencesByOffset('ref');
    const unresolved = refs.filter((r) => {
      const ref = made.get(r.position.start.offset ?? -1);
      return !ref || ref.target !== r.target || ref.resolution.type === 'unresolved';
    });
    expect(unresolved.map((r) => `${r.position.start.line}:${r.position.start.column} ${r.target}`)).toEqual([]);
  });

  it('classifies all 5 :doc: roles of error-reference.rst, none unresolved', () => {
    const docs = roles.filter((r) => r.name === 'doc');
    expect(docs).toHaveLength(5);
    const made = referencesByOffset('doc');
    const kinds = docs.map((r) => made.get(r.position.start.offset ?? -1)?.resolution.type ?? 'missing');
    expect(kinds.filter((k) => k === 'unresolved' || k === 'missing')).toEqual([]);
    // Directive pages are entries of the site; other pages live upstream.
    expect(new Set(kinds)).toEqual(new Set(['entry', 'upstream']));
  });

  it('computes backlinks: a code referenced by :ref: knows who points at it', () => {
    const byCode = new Map(model.errors.map((e) => [e.code, e]));
    for (const e of model.errors) {
      for (const r of e.references) {
        if (r.kind !== 'ref' || r.resolution.type !== 'entry' || r.resolution.entry.kind !== 'error') continue;
        const target = r.resolution.entry.code;
        if (target === e.code) continue;
        expect(byCode.get(target)?.referencedBy, `${e.code} -> ${target}`).toContainEqual({ kind: 'error', code: e.code });
      }
    }
  });

  it('groups all 47 directives as configuration.rst lists them', () => {
    const groups = model.configuration?.groups ?? [];
    expect(groups.length).toBeGreaterThan(1);
    const listed = groups.flatMap((g) => g.directives);
    expect(listed).toHaveLength(47);
    expect([...listed].sort()).toEqual(model.directives.map((d) => d.name).sort());
  });

  it('reads the severity ladder in order', () => {
    expect(model.reference?.ladder.map((l) => l.severity)).toEqual(['EMERG', 'ALERT', 'CRIT', 'ERR', 'WARNING']);
  });

  it('keeps the prose around the entries: a paragraph before the ladder and one after it, and the section that holds the codes', () => {
    expect(model.reference?.intro.length).toBeGreaterThan(0);
    expect(model.reference?.ladderIntro).toHaveLength(1);
    expect(model.reference?.ladderNotes).toHaveLength(1);
    expect(model.reference?.sections.map((s) => [s.title, s.where, s.blocks.length])).toEqual([['Error codes', 'codes', 0]]);
  });
});
