// Inline constructs: literals, emphasis, strong, roles, references, URLs,
// escapes, and the text that must stay text.
import { describe, expect, it } from 'vitest';
import type { RstInline } from '../../scripts/rst/types.js';
import { nodesOf, parse, parseFixture } from '../support.js';

/** The inline children of a one-paragraph document. */
function inline(doc: string): RstInline[] {
  const { tree } = parse(doc);
  const p = tree.children[0];
  if (p?.type !== 'paragraph') throw new Error(`expected a paragraph, got ${p?.type}`);
  return p.children;
}

describe('inline markup in the fixture', () => {
  const { tree, file } = parseFixture('rst/inline.rst');

  it('reads ``literal`` and squashes its newlines to spaces', () => {
    expect(nodesOf(tree, 'inlineCode').map((n) => n.value)).toEqual(['open_hatch()', 'spans two lines']);
    const long = nodesOf(tree, 'inlineCode')[1];
    expect(long?.position.start).toMatchObject({ line: 2, column: 16 });
    expect(long?.position.end).toMatchObject({ line: 3, column: 8 });
  });

  it('reads *emphasis* and **strong**', () => {
    expect(nodesOf(tree, 'emphasis').map((n) => n.children.map((c) => c.value).join(''))).toEqual(['wait']);
    expect(nodesOf(tree, 'strong').map((n) => n.children.map((c) => c.value).join(''))).toEqual(['bell']);
  });

  it('reads roles with and without an explicit title', () => {
    expect(nodesOf(tree, 'role').map(({ name, title, target }) => ({ name, title, target }))).toEqual([
      { name: 'ref', title: null, target: 'mooring-rules' },
      { name: 'ref', title: 'the rules', target: 'mooring-rules' },
      { name: 'doc', title: null, target: 'guides/knots' },
      { name: 'doc', title: 'the knot guide', target: 'guides/knots' },
      { name: 'py:class', title: null, target: 'Anchor' },
      { name: 'class', title: null, target: 'Chain' },
      { name: 'weather', title: null, target: 'storm' }
    ]);
  });

  it('keeps an unknown role as a role node and warns once', () => {
    expect(file.messages.map((m) => [m.ruleId, m.line, m.column, m.fatal])).toEqual([['unknown-role', 6, 52, false]]);
  });

  it('reads a standalone URL without its trailing punctuation', () => {
    const [link] = nodesOf(tree, 'link');
    expect(link?.url).toBe('https://harbour.example.org/docs');
    expect(link?.position.start).toEqual({ line: 7, column: 7, offset: 308 });
  });

  it('removes backslash escapes and leaves the escaped markup as text', () => {
    const texts = nodesOf(tree, 'text').map((t) => t.value).join('');
    expect(texts).toContain('Escaped *stars* and `ticks` stay plain.');
  });

  it('leaves snake_case and a*b as plain text', () => {
    const texts = nodesOf(tree, 'text').map((t) => t.value).join('');
    expect(texts).toContain('The snake_case name and a*b and 2*3 are plain text.');
    expect(nodesOf(tree, 'reference')).toEqual([]);
    expect(nodesOf(tree, 'emphasis')).toHaveLength(1);
  });

  it('places roles exactly', () => {
    const roles = nodesOf(tree, 'role');
    // :ref:`mooring-rules` opens line 4 at column 5.
    expect(roles[0]?.position).toEqual({ start: { line: 4, column: 5, offset: 98 }, end: { line: 4, column: 25, offset: 118 } });
    // :py:class:`Anchor` opens line 6 at column 5.
    expect(roles[4]?.position.start).toEqual({ line: 6, column: 5, offset: 232 });
  });
});

describe('inline markup, one construct at a time', () => {
  it('reads a role after opening punctuation', () => {
    expect(inline('(see :ref:`x`)')).toMatchObject([
      { type: 'text', value: '(see ' },
      { type: 'role', name: 'ref', target: 'x' },
      { type: 'text', value: ')' }
    ]);
  });

  it('reads an anonymous reference `text`__ as anonymous', () => {
    expect(inline('A `boat`__ here.')[1]).toMatchObject({ type: 'reference', text: 'boat', refname: null, anonymous: true });
  });

  it('reads the default role `text`', () => {
    expect(inline('A `thing` here.')[1]).toMatchObject({ type: 'role', name: '', target: 'thing' });
  });

  it('keeps an unclosed ``literal start as text, with a warning', () => {
    const { tree, file } = parse('An ``open literal.');
    expect(nodesOf(tree, 'inlineCode')).toEqual([]);
    expect(nodesOf(tree, 'text').map((t) => t.value).join('')).toBe('An ``open literal.');
    expect(file.messages.map((m) => m.ruleId)).toEqual(['unclosed-inline']);
  });

  it('keeps an unclosed *emphasis start as text', () => {
    const { tree } = parse('A *lonely star.');
    expect(nodesOf(tree, 'emphasis')).toEqual([]);
    expect(nodesOf(tree, 'text').map((t) => t.value).join('')).toBe('A *lonely star.');
  });

  it('does not start markup inside a word', () => {
    expect(inline('word``not``code and x*y*z')).toEqual([expect.objectContaining({ type: 'text', value: 'word``not``code and x*y*z' })]);
  });

  it('drops a backslash-escaped space', () => {
    expect(inline('a\\ b')).toMatchObject([{ type: 'text', value: 'ab' }]);
  });

  it('reads a Name_ reference with inner punctuation', () => {
    expect(inline('Use mod-wsgi_ now.')[1]).toMatchObject({ type: 'reference', text: 'mod-wsgi', refname: 'mod-wsgi' });
  });

  it('reads a role whose content spans two lines', () => {
    const nodes = inline('See :ref:`the long\ntitle <some-label>` here.');
    expect(nodes[1]).toMatchObject({ type: 'role', name: 'ref', title: 'the long title', target: 'some-label' });
    expect(nodes[1]?.position.end).toMatchObject({ line: 2, column: 20 });
  });
});

describe('a bracketed name as the whole reference', () => {
  it('`<Section>`_ refers to the target named `<Section>`, not to a URI `Section`', () => {
    const nodes = inline('Put it in a `<Hangar>`_ block, or see `<https://hangar.example/>`_.');
    expect(nodes[1]).toMatchObject({ type: 'reference', text: '<Hangar>', refname: '<hangar>', url: null });
    expect(nodes[3]).toMatchObject({ type: 'reference', text: 'https://hangar.example/', refname: null, url: 'https://hangar.example/' });
  });
});
