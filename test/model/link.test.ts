// The link graph: every kind of reference resolved to what it points at, the
// mention nodes the link step splits out of text, and backlinks.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../scripts/model/build-model.js';
import type { DirectiveEntry, ErrorEntry, Reference } from '../../scripts/model/types.js';
import type { RstInline, RstMention } from '../../scripts/rst/types.js';
import { allNodes, modelOfFixtureFolder, positionProblems, readDocsFixture } from '../support.js';

const { model } = modelOfFixtureFolder('docs-valid');
const error = (code: string) => model.errors.find((e) => e.code === code) as ErrorEntry;
const directive = (name: string) => model.directives.find((d) => d.name === name) as DirectiveEntry;
const refs = (from: { references: Reference[] }, kind: Reference['kind']) => from.references.filter((r) => r.kind === kind).map((r) => [r.target, r.resolution]);

describe('resolving references', () => {
  it(':ref: to a code resolves to that error entry', () => {
    expect(refs(error('WSGI0001'), 'ref')).toContainEqual(['WSGI0002', { type: 'entry', entry: { kind: 'error', code: 'WSGI0002' }, fragment: null }]);
  });

  it(':ref: to a label before an option resolves to that directive option, across pages', () => {
    expect(refs(error('WSGI0001'), 'ref')).toContainEqual(['processes', { type: 'option', directive: 'WSGIDaemonProcess', option: 'processes' }]);
    expect(refs(directive('WSGIProcessGroup'), 'ref')).toEqual([['threads', { type: 'option', directive: 'WSGIDaemonProcess', option: 'threads' }]]);
  });

  it(':ref: to a label before a title of the reference resolves to the errors page at that title', () => {
    expect(refs(error('WSGI0002'), 'ref')).toEqual([['error-reference', { type: 'page', page: 'errors', fragment: 'error-reference' }]]);
  });

  it(':doc: to a directive page resolves to the directive, also relative to the page it is written in', () => {
    expect(refs(error('WSGI0001'), 'doc')).toEqual([['configuration-directives/WSGIDaemonProcess', { type: 'entry', entry: { kind: 'directive', name: 'WSGIDaemonProcess' }, fragment: null }]]);
    expect(refs(directive('WSGIProcessGroup'), 'doc')).toEqual([['WSGIDaemonProcess', { type: 'entry', entry: { kind: 'directive', name: 'WSGIDaemonProcess' }, fragment: null }]]);
  });

  it(':doc: to a page outside the site goes upstream, to the configured base when one is given', () => {
    expect(refs(error('WSGI0002'), 'doc')).toEqual([['installation', { type: 'upstream', url: 'https://modwsgi.readthedocs.io/en/develop/installation.html' }]]);
    const other = buildModel(readDocsFixture('docs-valid'), { upstream: 'https://docs.example.org/wsgi/' }).model;
    expect(refs(other.errors[1] as ErrorEntry, 'doc')).toEqual([['installation', { type: 'upstream', url: 'https://docs.example.org/wsgi/installation.html' }]]);
  });

  it(':doc: to the reference, configuration or index page resolves to a page of the site', () => {
    const doc = '.. _WSGI0001:\n\nWSGI0001 — Bell rang\n--------------------\n\n:Severity: ERR\n:Source: ``bell.c``\n:Logged message: ``Ring.``\n:Cause: See :doc:`error-reference`.\n:Outcome: See :doc:`configuration`.\n:Operator action: See :doc:`index`.\n';
    const built = buildModel([{ path: 'error-reference.rst', value: doc }]).model;
    expect(refs(built.errors[0] as ErrorEntry, 'doc').map(([, r]) => r)).toEqual([
      { type: 'page', page: 'errors', fragment: null },
      { type: 'page', page: 'directives', fragment: null },
      { type: 'page', page: 'home', fragment: null }
    ]);
  });

  it('`Name`_ resolves through the external target of the page, wherever it is', () => {
    expect(refs(error('WSGI0001'), 'named')).toEqual([['sample guide', { type: 'external', url: 'https://example.com/guide' }]]);
  });

  it('`text <url>`_ and a standalone URL are external links', () => {
    expect(refs(error('WSGI0004'), 'named')).toEqual([['https://example.org/sockets', { type: 'external', url: 'https://example.org/sockets' }]]);
    expect(refs(error('WSGI0004'), 'url')).toEqual([['https://example.net/more', { type: 'external', url: 'https://example.net/more' }]]);
  });

  it('`Title`_ naming a section of the same page points at that section', () => {
    const page = readDocsFixture('docs-valid').map((i) =>
      i.path === 'configuration-directives/WSGISocketPrefix.rst' ? { ...i, value: `${i.value}\nRead \`Notes\`_ below.\n\nNotes\n-----\n\nNone yet.\n` } : i
    );
    const built = buildModel(page).model;
    const d = built.directives.find((x) => x.name === 'WSGISocketPrefix') as DirectiveEntry;
    expect(refs(d, 'named')).toEqual([['notes', { type: 'entry', entry: { kind: 'directive', name: 'WSGISocketPrefix' }, fragment: 'notes' }]]);
    expect(built.diagnostics).toEqual([]);
  });
});

describe('mentions of codes and directive names', () => {
  it('links a code or directive name written in prose or as a literal', () => {
    expect(refs(error('WSGI0002'), 'mention')).toEqual([
      ['WSGIDaemonProcess', { type: 'entry', entry: { kind: 'directive', name: 'WSGIDaemonProcess' }, fragment: null }],
      ['WSGI0001', { type: 'entry', entry: { kind: 'error', code: 'WSGI0001' }, fragment: null }]
    ]);
    expect(refs(directive('WSGISocketPrefix'), 'mention').map(([t]) => t)).toEqual(['WSGISocketPrefix', 'WSGI0004']);
  });

  it('leaves names that are neither a code nor a directive as they were', () => {
    // ``WSGIPythonHome`` is not one of the fixture's directives.
    const action = error('WSGI0001').action ?? [];
    const mentions = action.flatMap((b) => allNodes(b)).filter((n): n is RstMention => n.type === 'mention');
    expect(mentions).toEqual([]);
    expect(action.flatMap((b) => allNodes(b)).some((n) => n.type === 'inlineCode' && n.value === 'WSGIPythonHome')).toBe(true);
  });

  it('splits text around prose mentions, each piece placed on its own words', () => {
    const doc = [
      '.. _WSGI0001:',
      '',
      'WSGI0001 — Bell rang',
      '--------------------',
      '',
      ':Severity: ERR',
      ':Source: ``bell.c``',
      ':Logged message: ``Ring.``',
      ':Cause: After WSGI0002 and before WSGI0001, the bell',
      '   rang twice near ``WSGI0002``.',
      ':Outcome: Quiet.',
      ':Operator action: None.',
      '',
      '.. _WSGI0002:',
      '',
      'WSGI0002 — Bell cracked',
      '-----------------------',
      '',
      'Retired long ago.',
      ''
    ].join('\n');
    const built = buildModel([{ path: 'error-reference.rst', value: doc }]).model;
    const paragraph = built.errors[0]?.cause?.[0];
    if (paragraph?.type !== 'paragraph') throw new Error('expected a paragraph');
    const pieces = paragraph.children.map((n: RstInline) => [n.type, doc.slice(n.position.start.offset, n.position.end.offset)]);
    expect(pieces).toEqual([
      ['text', 'After '],
      ['mention', 'WSGI0002'],
      ['text', ' and before '],
      ['mention', 'WSGI0001'],
      ['text', ', the bell\n   rang twice near '],
      ['mention', '``WSGI0002``'],
      ['text', '.']
    ]);
    expect(paragraph.children.flatMap((n) => positionProblems(n, doc))).toEqual([]);
    expect((paragraph.children[5] as RstMention).literal).toBe(true);
  });
});

describe('backlinks', () => {
  it('records, on each entry, every other entry that points at it, once', () => {
    expect(error('WSGI0002').referencedBy).toEqual([
      { kind: 'error', code: 'WSGI0001' },
      { kind: 'directive', name: 'WSGIDaemonProcess' }
    ]);
    expect(directive('WSGIDaemonProcess').referencedBy).toEqual([
      { kind: 'error', code: 'WSGI0001' },
      { kind: 'error', code: 'WSGI0002' },
      { kind: 'directive', name: 'WSGIProcessGroup' }
    ]);
    expect(error('WSGI0004').referencedBy).toEqual([{ kind: 'directive', name: 'WSGISocketPrefix' }]);
  });

  it('never lists an entry among its own backlinks', () => {
    for (const e of [...model.errors, ...model.directives]) {
      const self = e.kind === 'error' ? { kind: 'error', code: e.code } : { kind: 'directive', name: e.name };
      expect(e.referencedBy).not.toContainEqual(self);
    }
  });
});
