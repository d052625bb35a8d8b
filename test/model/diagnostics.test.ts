// One test per diagnostic rule: the rule id as the code emits it, whether it
// is fatal, and the file:line:column it points at. Then a broken folder with
// many problems, all reported in one run.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../scripts/model/build-model.js';
import type { Diagnostic } from '../../scripts/model/types.js';
import { fatals, modelOfErrorReference, modelOfFixtureFolder, places, readFixture, withRule } from '../support.js';

/** The diagnostics of one rule, as [file, line, column, fatal]. */
function shape(diagnostics: readonly Diagnostic[], ruleId: string): [string, number, number, boolean][] {
  return withRule(diagnostics, ruleId).map((d) => [d.file, d.line, d.column, d.fatal]);
}

const directivePage = (name: string, extra = '') => ({
  path: `configuration-directives/${name}.rst`,
  value: `${'='.repeat(name.length)}\n${name}\n${'='.repeat(name.length)}\n\n:Description: Sets a lamp option.\n:Syntax: \`\`${name}\`\` *value*\n:Context: server config\n${extra}`
});

describe('diagnostics of the error reference', () => {
  it('duplicate-code: a code labelled twice is fatal at the second label, and the first entry is kept', () => {
    const { model } = modelOfErrorReference('diagnostics/duplicate-code.rst');
    expect(shape(model.diagnostics, 'duplicate-code')).toEqual([['error-reference.rst', 13, 1, true]]);
    expect(withRule(model.diagnostics, 'duplicate-code')[0]?.message).toContain('WSGI0001');
    expect(model.errors.map((e) => [e.code, e.title])).toEqual([['WSGI0001', 'Lamp is out']]);
  });

  it('duplicate-label: a non-code label defined twice is fatal at the second one', () => {
    const { model } = modelOfErrorReference('diagnostics/duplicate-label.rst');
    expect(shape(model.diagnostics, 'duplicate-label')).toEqual([['error-reference.rst', 8, 1, true]]);
    expect(withRule(model.diagnostics, 'duplicate-label')[0]?.message).toContain('harbour-notes');
  });

  it('duplicate-label: an option anchor used twice on a directive page is fatal', () => {
    const page = directivePage('WSGILampWick', '\n.. _length:\n\n**length=mm**\n    The length.\n\n.. _length:\n\n**trim=mm**\n    The trim.\n');
    const { model } = buildModel([page]);
    const found = withRule(model.diagnostics, 'duplicate-label');
    expect(found.length).toBeGreaterThanOrEqual(1);
    expect(found.every((d) => d.fatal && d.file === 'configuration-directives/WSGILampWick.rst')).toBe(true);
    // The second label (line 14) and/or the option it anchors (line 16).
    expect(places(found).every((p) => p === '14:1' || p === '16:1')).toBe(true);
    expect(model.directives[0]?.options.map((o) => o.id)).toEqual(['length']);
  });

  it('label-title-mismatch: a label followed by another code, or by a title without a code', () => {
    const { model } = modelOfErrorReference('diagnostics/label-title-mismatch.rst');
    expect(shape(model.diagnostics, 'label-title-mismatch')).toEqual([
      ['error-reference.rst', 3, 1, true],
      ['error-reference.rst', 15, 1, true]
    ]);
    const [first, second] = withRule(model.diagnostics, 'label-title-mismatch');
    expect(first?.message).toContain('WSGI0001');
    expect(first?.message).toContain('WSGI0002');
    expect(second?.message).toContain('WSGI0003');
    // The label decides the code; nothing is dropped.
    expect(model.errors.map((e) => e.code)).toEqual(['WSGI0001', 'WSGI0003']);
  });

  it('label-title-mismatch: a directive page titled with another name', () => {
    const page = directivePage('WSGILampWick');
    const { model } = buildModel([{ path: 'configuration-directives/WSGILampOil.rst', value: page.value }]);
    expect(shape(model.diagnostics, 'label-title-mismatch')).toEqual([['configuration-directives/WSGILampOil.rst', 1, 1, true]]);
  });

  it('missing-field: an absent field points at the title, an empty one at the field', () => {
    const { model } = modelOfErrorReference('diagnostics/missing-field.rst');
    expect(shape(model.diagnostics, 'missing-field')).toEqual([
      ['error-reference.rst', 3, 1, true],
      ['error-reference.rst', 9, 1, true]
    ]);
    const messages = withRule(model.diagnostics, 'missing-field').map((d) => d.message);
    expect(messages[0]).toContain('Cause');
    expect(messages[1]).toContain('Outcome');
    expect(model.errors[0]?.cause).toBeNull();
  });

  it('missing-field: a directive page without Context', () => {
    const page = { path: 'configuration-directives/WSGILampWick.rst', value: '============\nWSGILampWick\n============\n\n:Description: Sets the wick.\n:Syntax: ``WSGILampWick`` *mm*\n' };
    const { model } = buildModel([page]);
    expect(shape(model.diagnostics, 'missing-field')).toEqual([['configuration-directives/WSGILampWick.rst', 1, 1, true]]);
    expect(withRule(model.diagnostics, 'missing-field')[0]?.message).toContain('Context');
  });

  it('unknown-severity: a severity outside the ladder is fatal at the field', () => {
    const { model } = modelOfErrorReference('diagnostics/unknown-severity.rst');
    expect(shape(model.diagnostics, 'unknown-severity')).toEqual([['error-reference.rst', 6, 1, true]]);
    expect(withRule(model.diagnostics, 'unknown-severity')[0]?.message).toContain('FATAL');
    expect(model.errors[0]?.severity).toBeNull();
  });

  it('fields-on-retired: a retired code with fields is fatal at the field', () => {
    const { model } = modelOfErrorReference('diagnostics/fields-on-retired.rst');
    expect(shape(model.diagnostics, 'fields-on-retired')).toEqual([['error-reference.rst', 8, 1, true]]);
    expect(model.errors[0]).toMatchObject({ code: 'WSGI0001', retired: true });
  });

  it('dangling-ref: a :ref: to no label is fatal at the role', () => {
    const { model } = modelOfErrorReference('diagnostics/dangling-ref.rst');
    expect(shape(model.diagnostics, 'dangling-ref')).toEqual([['error-reference.rst', 9, 35, true]]);
    expect(withRule(model.diagnostics, 'dangling-ref')[0]?.message).toContain('wick-care');
    expect(model.errors[0]?.references).toMatchObject([{ kind: 'ref', target: 'wick-care', resolution: { type: 'unresolved' } }]);
  });

  it('dangling-reference: `Name`_ with no target is fatal at the reference', () => {
    const { model } = modelOfErrorReference('diagnostics/dangling-reference.rst');
    expect(shape(model.diagnostics, 'dangling-reference')).toEqual([['error-reference.rst', 11, 28, true]]);
    expect(withRule(model.diagnostics, 'dangling-reference')[0]?.message).toContain('Wick Manual');
  });

  describe('dangling-doc', () => {
    it('in a whole docs checkout, a :doc: to a missing page or directive page is fatal', () => {
      const { model } = modelOfErrorReference('diagnostics/dangling-doc.rst', [directivePage('WSGILampOil')], {
        allDocs: ['index.rst', 'error-reference.rst', 'configuration-directives/WSGILampOil.rst']
      });
      expect(shape(model.diagnostics, 'dangling-doc')).toEqual([
        ['error-reference.rst', 9, 35, true],
        ['error-reference.rst', 11, 24, true]
      ]);
      const messages = withRule(model.diagnostics, 'dangling-doc').map((d) => d.message);
      expect(messages[0]).toContain('wick-care');
      expect(messages[1]).toContain('configuration-directives/WSGILampWick');
    });

    it('without index.rst, an unknown page resolves upstream but a missing directive page is still fatal', () => {
      const { model } = modelOfErrorReference('diagnostics/dangling-doc.rst', [directivePage('WSGILampOil')]);
      expect(shape(model.diagnostics, 'dangling-doc')).toEqual([['error-reference.rst', 11, 24, true]]);
      const refs = model.errors[0]?.references ?? [];
      expect(refs.map((r) => [r.target, r.resolution.type])).toEqual([
        ['wick-care', 'upstream'],
        ['configuration-directives/WSGILampWick', 'unresolved']
      ]);
    });

    it('a toctree entry of configuration.rst that is no directive page is fatal at the entry', () => {
      const configuration = {
        path: 'configuration.rst',
        value: '=============\nConfiguration\n=============\n\nLamps\n-----\n\n.. toctree::\n\n   configuration-directives/WSGILampOil\n   configuration-directives/WSGILampGlass\n'
      };
      const { model } = buildModel([configuration, directivePage('WSGILampOil')]);
      expect(shape(model.diagnostics, 'dangling-doc')).toEqual([['configuration.rst', 11, 4, true]]);
      expect(withRule(model.diagnostics, 'dangling-doc')[0]?.message).toContain('WSGILampGlass');
    });
  });

  describe('malformed-adornment', () => {
    it('overline and underline that do not match: fatal at the overline', () => {
      const { model } = modelOfErrorReference('diagnostics/adornment-mismatch.rst');
      expect(shape(model.diagnostics, 'malformed-adornment')).toEqual([['error-reference.rst', 1, 1, true]]);
      expect(withRule(model.diagnostics, 'malformed-adornment')[0]?.message).toMatch(/overline and underline do not match/);
    });

    it('underline shorter than the title: fatal at the underline, the title still kept', () => {
      const { model } = modelOfErrorReference('diagnostics/adornment-short.rst');
      expect(shape(model.diagnostics, 'malformed-adornment')).toEqual([['error-reference.rst', 2, 1, true]]);
      expect(withRule(model.diagnostics, 'malformed-adornment')[0]?.message).toMatch(/underline too short/);
      expect(model.reference?.title).toBe('Lighthouse keepers');
    });

    it('overline shorter than the title, and an overline with no underline', () => {
      const short = buildModel([{ path: 'error-reference.rst', value: '====\nLighthouse\n====\n\nWords.\n' }]);
      expect(shape(short.model.diagnostics, 'malformed-adornment')).toEqual([['error-reference.rst', 1, 1, true]]);
      const lonely = buildModel([{ path: 'error-reference.rst', value: 'Words.\n\n==========\nLighthouse\n\nMore words.\n' }]);
      expect(shape(lonely.model.diagnostics, 'malformed-adornment')).toEqual([['error-reference.rst', 3, 1, true]]);
    });
  });

  it('unplaced-text: a paragraph between the fields is fatal at the paragraph', () => {
    const { model } = modelOfErrorReference('diagnostics/unplaced-text.rst');
    expect(shape(model.diagnostics, 'unplaced-text')).toEqual([['error-reference.rst', 9, 1, true]]);
    // The fields on both sides of the stray paragraph are still read.
    expect(model.errors[0]).toMatchObject({ severity: 'ERR', loggedMessage: { template: 'Lamp failed.' } });
  });

  it('orphan-label: a code label with no title after it is fatal and names the code', () => {
    const { model } = modelOfErrorReference('diagnostics/orphan-label.rst');
    expect(shape(model.diagnostics, 'orphan-label')).toEqual([['error-reference.rst', 1, 1, true]]);
    expect(withRule(model.diagnostics, 'orphan-label')[0]?.message).toContain('WSGI0001');
    expect(model.errors.map((e) => e.code)).toEqual(['WSGI0002']);
  });

  it('misplaced-label: a code label nested in a field is fatal at the label', () => {
    const { model } = modelOfErrorReference('diagnostics/misplaced-label.rst');
    expect(shape(model.diagnostics, 'misplaced-label')).toEqual([['error-reference.rst', 10, 4, true]]);
    expect(withRule(model.diagnostics, 'misplaced-label')[0]?.message).toContain('WSGI0002');
  });

  it('missing-label: a code title with no label before it is fatal at the title, the entry still made', () => {
    const { model } = modelOfErrorReference('diagnostics/missing-label.rst');
    expect(shape(model.diagnostics, 'missing-label')).toEqual([['error-reference.rst', 1, 1, true]]);
    expect(model.errors.map((e) => e.code)).toEqual(['WSGI0001']);
  });

  // Both found by the property tests: a code label that silently became something else.
  it('label-with-url: indented text under a code label turns it into a link target; fatal, naming the code', () => {
    const { model } = modelOfErrorReference('diagnostics/label-with-url.rst');
    expect(shape(model.diagnostics, 'label-with-url')).toEqual([['error-reference.rst', 1, 1, true]]);
    expect(withRule(model.diagnostics, 'label-with-url')[0]?.message).toContain('WSGI0001');
    // The title still makes the entry, and says its label is missing.
    expect(shape(model.diagnostics, 'missing-label')).toEqual([['error-reference.rst', 4, 1, true]]);
  });

  it('label-as-title: a code label between two adornment lines is read as a title; fatal, naming the code', () => {
    const { model } = modelOfErrorReference('diagnostics/label-as-title.rst');
    expect(shape(model.diagnostics, 'label-as-title')).toEqual([['error-reference.rst', 4, 1, true]]);
    expect(withRule(model.diagnostics, 'label-as-title')[0]?.message).toContain('WSGI0001');
    const alone = buildModel([{ path: 'error-reference.rst', value: '=============\n.. _WSGI0042:\n=============\n' }]).model;
    expect(alone.errors).toEqual([]);
    expect(shape(alone.diagnostics, 'label-as-title')).toEqual([['error-reference.rst', 1, 1, true]]);
    expect(withRule(alone.diagnostics, 'label-as-title')[0]?.message).toContain('WSGI0042');
  });

  it('unknown-role: kept, with a warning at the role', () => {
    const { model } = modelOfErrorReference('diagnostics/unknown-role.rst');
    expect(shape(model.diagnostics, 'unknown-role')).toEqual([['error-reference.rst', 4, 16, false]]);
    expect(withRule(model.diagnostics, 'unknown-role')[0]?.message).toContain('colour');
  });

  it('unknown-directive: kept, with a warning at the directive', () => {
    const { model } = modelOfErrorReference('diagnostics/unknown-directive.rst');
    expect(shape(model.diagnostics, 'unknown-directive')).toEqual([['error-reference.rst', 4, 1, false]]);
    expect(withRule(model.diagnostics, 'unknown-directive')[0]?.message).toContain('lampshade');
  });

  it('unknown-code: a code mentioned in prose or a literal that does not exist is a warning', () => {
    const { model } = modelOfErrorReference('diagnostics/unknown-code.rst');
    expect(shape(model.diagnostics, 'unknown-code')).toEqual([
      ['error-reference.rst', 9, 41, false],
      ['error-reference.rst', 11, 32, false]
    ]);
    expect(withRule(model.diagnostics, 'unknown-code').map((d) => d.message.match(/WSGI\d{4}/)?.[0])).toEqual(['WSGI0999', 'WSGI0998']);
    expect(fatals(model.diagnostics)).toEqual([]);
  });
});

describe('other rules the reader and model emit', () => {
  const one = (value: string, path = 'error-reference.rst') => buildModel([{ path, value }]).model.diagnostics;
  const entry = (fields: string) => `.. _WSGI0001:\n\nWSGI0001 — Lamp is out\n----------------------\n\n${fields}`;
  const allFields = ':Severity: ERR\n:Source: ``a.c``\n:Logged message: ``Lamp failed.``\n:Cause: C.\n:Outcome: O.\n:Operator action: A.\n';

  it('unknown-field and duplicate-field on an error entry are fatal', () => {
    const d = one(entry(`${allFields}:Colour: red\n:Cause: Again.\n`));
    expect(shape(d, 'unknown-field')).toEqual([['error-reference.rst', 12, 1, true]]);
    expect(shape(d, 'duplicate-field')).toEqual([['error-reference.rst', 13, 1, true]]);
  });

  it('missing-logged-literal: a logged message that is not a literal is fatal', () => {
    const d = one(entry(allFields.replace('``Lamp failed.``', 'Lamp failed.')));
    expect(shape(d, 'missing-logged-literal')).toEqual([['error-reference.rst', 8, 1, true]]);
  });

  it('missing-retired-note: a retired code with no note is a warning', () => {
    const d = one('.. _WSGI0001:\n\nWSGI0001 — (retired)\n--------------------\n');
    expect(shape(d, 'missing-retired-note')).toEqual([['error-reference.rst', 3, 1, false]]);
  });

  it('missing-title: a directive page with no title is fatal', () => {
    const d = one(':Description: D.\n:Syntax: S.\n:Context: server config\n', 'configuration-directives/WSGILampWick.rst');
    expect(shape(d, 'missing-title')).toEqual([['configuration-directives/WSGILampWick.rst', 1, 1, true]]);
  });

  it('unlisted-directive: a directive page in no toctree is a warning', () => {
    const configuration = { path: 'configuration.rst', value: 'Configuration\n=============\n\nLamps\n-----\n\n.. toctree::\n\n   configuration-directives/WSGILampOil\n' };
    const { model } = buildModel([configuration, directivePage('WSGILampOil'), directivePage('WSGILampWick')]);
    expect(shape(model.diagnostics, 'unlisted-directive')).toEqual([['configuration.rst', 7, 1, false]]);
    expect(withRule(model.diagnostics, 'unlisted-directive')[0]?.message).toContain('WSGILampWick');
  });

  it('anonymous-reference: an unresolvable `text`__ is a warning', () => {
    expect(shape(one('Read `this`__ now.\n'), 'anonymous-reference')).toEqual([['error-reference.rst', 1, 6, false]]);
  });

  it('unexpected-indentation, unclosed-inline, unknown-substitution are warnings from the reader', () => {
    const d = one('A paragraph\nof two lines.\n   Indented too soon.\n\nAn ``open literal and a |sub| here.\n');
    expect(shape(d, 'unexpected-indentation')).toEqual([['error-reference.rst', 3, 1, false]]);
    expect(shape(d, 'unclosed-inline')).toEqual([['error-reference.rst', 5, 4, false]]);
    expect(shape(d, 'unknown-substitution')).toEqual([['error-reference.rst', 5, 25, false]]);
  });
});

describe('a broken folder reports every problem at once', () => {
  const { model } = modelOfFixtureFolder('docs-broken');
  const found = model.diagnostics.map((d) => [d.file, d.ruleId, d.line, d.column, d.fatal]);

  it('reports each problem of error-reference.rst with its place', () => {
    expect(found.filter(([file]) => file === 'error-reference.rst')).toEqual([
      ['error-reference.rst', 'unknown-role', 5, 34, false],
      ['error-reference.rst', 'missing-field', 12, 1, true],
      ['error-reference.rst', 'unknown-severity', 15, 1, true],
      ['error-reference.rst', 'dangling-ref', 18, 35, true],
      ['error-reference.rst', 'label-title-mismatch', 23, 1, true],
      ['error-reference.rst', 'malformed-adornment', 24, 1, true],
      ['error-reference.rst', 'dangling-reference', 29, 28, true],
      ['error-reference.rst', 'unknown-code', 31, 35, false],
      ['error-reference.rst', 'duplicate-code', 33, 1, true]
    ]);
  });

  it('reports the directive page problems in the same run', () => {
    const page = found.filter(([file]) => file === 'configuration-directives/WSGILampWick.rst');
    expect(page).toContainEqual(['configuration-directives/WSGILampWick.rst', 'missing-field', 1, 1, true]);
    expect(page.some(([, rule]) => rule === 'duplicate-label')).toBe(true);
  });

  it('still builds every entry it can', () => {
    expect(model.errors.map((e) => e.code)).toEqual(['WSGI0001', 'WSGI0002']);
    expect(model.directives.map((d) => d.name)).toEqual(['WSGILampWick']);
    expect(fatals(model.diagnostics).length).toBeGreaterThanOrEqual(8);
  });

  it('sorts diagnostics by file, then line and column', () => {
    const keys = model.diagnostics.map((d) => [d.file, d.line, d.column] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    expect(keys).toEqual(sorted);
  });

  it('names the folder in diagnostics when given a root, and keeps files relative', () => {
    const rooted = buildModel([{ path: 'error-reference.rst', value: readFixture('docs-broken/error-reference.rst') }], { root: '/srv/docs/' });
    expect(rooted.model.diagnostics.every((d) => d.file === 'error-reference.rst')).toBe(true);
    expect(rooted.files[0]?.path).toBe('/srv/docs/error-reference.rst');
  });
});
