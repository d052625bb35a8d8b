// Block constructs of the dialect, one fixture per family.
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { toText } from '../../scripts/model/text.js';
import { rstParse } from '../../scripts/rst/parse.js';
import type { RstRoot } from '../../scripts/rst/types.js';
import { blocksOf, nodesOf, parse, parseFixture, readFixture } from '../support.js';

describe('unified plugin', () => {
  it('parses through unified().use(rstParse)', () => {
    const file = new VFile({ path: 'sections.rst', value: readFixture('rst/sections.rst') });
    const tree = unified().use(rstParse).parse(file) as RstRoot;
    expect(tree.type).toBe('root');
    expect(tree.children[0]?.type).toBe('heading');
    expect(file.messages).toEqual([]);
  });

  it('gives an empty document an empty root', () => {
    const { tree, file } = parse('');
    expect(tree.children).toEqual([]);
    expect(tree.position.start).toEqual({ line: 1, column: 1, offset: 0 });
    expect(file.messages).toEqual([]);
  });
});

describe('section titles', () => {
  const { tree, file } = parseFixture('rst/sections.rst');
  const headings = blocksOf(tree, 'heading');

  it('reads overline+underline and underline-only titles', () => {
    expect(headings.map((h) => toText(h.children))).toEqual(['Harbour Manual', 'Moorings', 'Knots', 'Tides', 'Lighthouses', 'Beacons']);
    expect(headings.map((h) => h.adornment)).toEqual([
      { char: '=', overline: true },
      { char: '=', overline: false },
      { char: '-', overline: false },
      { char: '=', overline: false },
      { char: '-', overline: true },
      { char: '~', overline: false }
    ]);
    expect(file.messages).toEqual([]);
  });

  it('sets depth by the order adornment styles are first used', () => {
    // `=` with overline, `=` alone, `-` alone, `=` again, `-` with overline, `~`.
    expect(headings.map((h) => h.depth)).toEqual([1, 2, 3, 2, 4, 5]);
  });

  it('keeps the paragraphs between titles', () => {
    expect(blocksOf(tree, 'paragraph').map((p) => toText(p.children))).toEqual([
      'A short opening line.',
      'Boats tie up here.',
      'Two kinds are taught.',
      'The sea rises twice a day.',
      'One lamp per rock.',
      'A beacon blinks.'
    ]);
  });

  it('spans a title from its overline to its underline', () => {
    const first = headings[0];
    expect(first?.position.start).toEqual({ line: 1, column: 1, offset: 0 });
    expect(first?.position.end.line).toBe(3);
    const second = headings[1];
    expect(second?.position.start).toMatchObject({ line: 7, column: 1 });
    expect(second?.position.end).toMatchObject({ line: 8, column: 9 });
  });

  it('keeps a section title inside a nested block as text, with a warning', () => {
    const { tree: t, file: f } = parse('- item\n\n  Nested\n  ------\n');
    expect(nodesOf(t, 'heading')).toEqual([]);
    expect(f.messages.map((m) => m.ruleId)).toContain('unexpected-section');
    expect(toText(t)).toContain('Nested');
  });

  it('reads a long adornment alone between blank lines as a transition', () => {
    const { tree: t } = parse('Before.\n\n----------\n\nAfter.\n');
    expect(t.children.map((b) => b.type)).toEqual(['paragraph', 'thematicBreak', 'paragraph']);
  });
});

describe('labels and external targets', () => {
  const { tree, file } = parseFixture('rst/targets.rst');
  const targets = blocksOf(tree, 'target');

  it('reads `.. _name:` as a label without URL', () => {
    expect(targets[0]).toMatchObject({ type: 'target', label: 'harbour-intro', url: null });
    expect(targets[0]?.position.start).toEqual({ line: 1, column: 1, offset: 0 });
  });

  it('reads `.. _Name: url` as an external target, URL continued on indented lines', () => {
    expect(targets.slice(1).map((t) => [t.label, t.url])).toEqual([
      ['Tide Tables', 'https://tides.example.org/today'],
      ['Pilots', 'https://pilots.example.org/'],
      ['Spare Link', 'https://spare.example.org/long/path']
    ]);
    expect(targets[3]?.position.start.line).toBe(12);
    expect(targets[3]?.position.end.line).toBe(14);
  });

  it('reads `Name`_, Name_, `text <url>`_ and `text <Name_>`_', () => {
    const refs = nodesOf(tree, 'reference');
    expect(refs.map(({ text, refname, url, anonymous }) => ({ text, refname, url, anonymous }))).toEqual([
      { text: 'Tide Tables', refname: 'tide tables', url: null, anonymous: false },
      { text: 'Pilots', refname: 'pilots', url: null, anonymous: false },
      { text: 'chart site', refname: null, url: 'https://charts.example.org/north', anonymous: false },
      { text: 'tables again', refname: 'tide tables', url: null, anonymous: false }
    ]);
    expect(refs[1]?.position.start).toMatchObject({ line: 6, column: 48 });
    expect(file.messages).toEqual([]);
  });

  it('reads a backquoted label `.. _`odd: name`:`', () => {
    const { tree: t } = parse('.. _`odd: name`:\n');
    expect(t.children[0]).toMatchObject({ type: 'target', label: 'odd: name', url: null });
  });
});

describe('field lists', () => {
  const { tree, file } = parseFixture('rst/fields.rst');
  const list = blocksOf(tree, 'fieldList');

  it('groups fields separated by blank lines into one list', () => {
    expect(list).toHaveLength(1);
    expect(list[0]?.children.map((f) => f.name)).toEqual(['Severity', 'Source', 'Logged message', 'Cause']);
    expect(file.messages).toEqual([]);
  });

  it('reads an inline body', () => {
    const [severity, source] = list[0]?.children ?? [];
    expect(toText(severity?.children ?? [])).toBe('CRIT');
    expect(severity?.children[0]?.position.start).toMatchObject({ line: 1, column: 12 });
    expect(source?.children[0]).toMatchObject({ type: 'paragraph', children: [{ type: 'inlineCode', value: 'lib/harbour.c' }] });
  });

  it('reads a body indented on the following lines, several paragraphs', () => {
    const cause = list[0]?.children[3];
    expect(cause?.children.map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'paragraph']);
    expect(cause?.children.map((b) => toText(b))).toEqual([
      'A boat arrived while the berth was taken.',
      'A second paragraph explains more.',
      'A third one closes the field.'
    ]);
    expect(cause?.children[2]?.position.start).toMatchObject({ line: 14, column: 4 });
    const logged = list[0]?.children[2];
    expect(logged?.children[0]).toMatchObject({ type: 'paragraph', children: [{ type: 'inlineCode', value: 'Mooring <slot> is full.' }] });
  });
});

describe('literal blocks', () => {
  const { tree, file } = parseFixture('rst/literals.rst');

  it('turns `text::` into "text:", `text ::` into "text" and drops a lone `::`', () => {
    expect(tree.children.map((b) => b.type)).toEqual(['paragraph', 'code', 'paragraph', 'code', 'code', 'paragraph']);
    expect(blocksOf(tree, 'paragraph').map((p) => toText(p.children))).toEqual(['Here is a sample:', 'Another sample', 'Plain closing words.']);
    expect(file.messages).toEqual([]);
  });

  it('keeps the literal text de-indented, inner indentation kept', () => {
    expect(blocksOf(tree, 'code').map((c) => [c.lang, c.value])).toEqual([
      [null, 'first block\n  keeps inner indent'],
      [null, 'second block'],
      [null, 'third block']
    ]);
    expect(blocksOf(tree, 'code')[0]?.position.start).toEqual({ line: 3, column: 5, offset: 24 });
  });

  it('warns when `::` is followed by no indented block', () => {
    const { tree: t, file: f } = parse('Nothing follows::\n\nPlain text.\n');
    expect(f.messages.map((m) => m.ruleId)).toEqual(['missing-literal']);
    expect(blocksOf(t, 'paragraph').map((p) => toText(p.children))).toEqual(['Nothing follows:', 'Plain text.']);
  });
});

describe('lists, definition lists and option blocks', () => {
  const { tree, file } = parseFixture('rst/lists.rst');

  it('reads a bullet list, items continued on indented lines', () => {
    const [list] = blocksOf(tree, 'list');
    expect(list).toMatchObject({ ordered: false, start: null });
    expect(list?.children.map((i) => toText(i))).toEqual(['apples', 'pears that are quite ripe', 'plums']);
    expect(file.messages).toEqual([]);
  });

  it('reads an enumerated list', () => {
    const { tree: t } = parse('3. third\n4. fourth\n');
    expect(t.children[0]).toMatchObject({ type: 'list', ordered: true, start: 3 });
  });

  it('reads a definition list, bodies with several paragraphs', () => {
    const [defs] = blocksOf(tree, 'definitionList');
    expect(defs?.children.map((d) => toText(d.term))).toEqual(['Fruit', 'Root']);
    expect(defs?.children[1]?.children.map((b) => toText(b))).toEqual(['The part below the ground.', 'It drinks water.']);
    expect(defs?.children[0]?.term[0]?.position.start).toEqual({ line: 6, column: 1, offset: 48 });
  });

  it('reads `**name=value**` + indented body as an option block', () => {
    const options = blocksOf(tree, 'optionBlock');
    expect(options.map(({ name, signature }) => ({ name, signature }))).toEqual([
      { name: 'crates', signature: 'crates=num' },
      { name: 'lid', signature: 'lid=open|shut' }
    ]);
    expect(toText(options[0]?.children ?? [])).toBe('How many crates to load.');
    // The label before an option stays a sibling target, right before it.
    const k = tree.children.indexOf(options[0] as (typeof tree.children)[number]);
    expect(tree.children[k - 1]).toMatchObject({ type: 'target', label: 'crates' });
  });
});

describe('directives and comments', () => {
  const { tree, file } = parseFixture('rst/directives.rst');

  it('reads `.. toctree::` with its options and entries', () => {
    const [toc] = blocksOf(tree, 'toctree');
    expect(toc?.options).toEqual({ maxdepth: '2', caption: 'Parts' });
    expect(toc?.children.map(({ title, target }) => ({ title, target }))).toEqual([
      { title: null, target: 'parts/hull' },
      { title: 'The mast', target: 'parts/mast' }
    ]);
    expect(toc?.children[0]?.position.start).toEqual({ line: 5, column: 4, offset: 52 });
  });

  it('reads `.. code-block::` with its language', () => {
    const [code] = blocksOf(tree, 'code');
    expect(code).toMatchObject({ lang: 'ini', value: '[boat]\nsails = 2' });
  });

  it('reads a comment, continuation lines included', () => {
    const [comment] = blocksOf(tree, 'comment');
    expect(comment?.value).toBe('A note only for editors,\nspread over two lines.');
    expect(comment?.position.start.line).toBe(13);
    expect(comment?.position.end.line).toBe(14);
  });

  it('keeps an unknown directive whole as a `directive` node and warns', () => {
    const [directive] = blocksOf(tree, 'directive');
    expect(directive).toMatchObject({ name: 'sailmaker', argument: 'canvas', options: { weight: 'heavy' }, value: 'Stitch the edges twice.' });
    expect(file.messages.map((m) => [m.ruleId, m.line, m.column, m.fatal])).toEqual([['unknown-directive', 16, 1, false]]);
  });

  it('keeps reading after the directives', () => {
    expect(tree.children[tree.children.length - 1]).toMatchObject({ type: 'paragraph', children: [{ type: 'text', value: 'Text after the directives.' }] });
  });

  it('reads known admonitions as admonition nodes', () => {
    const { tree: t, file: f } = parse('.. note::\n\n   Mind the gap.\n');
    expect(t.children[0]).toMatchObject({ type: 'admonition', kind: 'note', title: null });
    expect(f.messages).toEqual([]);
  });
});

describe('block quotes, tabs and the explicit markup the reader only keeps', () => {
  it('reads text indented after a blank line as a block quote, without a warning', () => {
    const { tree, file } = parse('Said the keeper:\n\n   Mind the rocks.\n');
    expect(tree.children.map((b) => b.type)).toEqual(['paragraph', 'blockquote']);
    expect(toText(tree.children[1] as RstRoot['children'][number])).toBe('Mind the rocks.');
    expect(file.messages).toEqual([]);
  });

  it('takes a tab as indentation, one column wide', () => {
    const { tree, file } = parse(':Cause:\n\tThe oil ran out.\n');
    const [list] = blocksOf(tree, 'fieldList');
    expect(toText(list?.children[0]?.children ?? [])).toBe('The oil ran out.');
    expect(list?.children[0]?.children[0]?.position.start).toEqual({ line: 2, column: 2, offset: 9 });
    expect(file.messages).toEqual([]);
  });

  it('reads an auto-numbered list `#.`', () => {
    const { tree } = parse('#. light\n#. trim\n');
    expect(tree.children[0]).toMatchObject({ type: 'list', ordered: true, start: null });
    expect(toText(tree.children[0] as RstRoot['children'][number])).toBe('light trim');
  });

  it('keeps a footnote as a generic directive, with a warning', () => {
    const { tree, file } = parse('.. [1] Lamps were oil-fed then.\n\nAfter.\n');
    expect(tree.children[0]).toMatchObject({ type: 'directive', name: 'footnote', argument: '[1] Lamps were oil-fed then.' });
    expect(file.messages.map((m) => [m.ruleId, m.line, m.column, m.fatal])).toEqual([['unknown-directive', 1, 1, false]]);
  });

  it('keeps a substitution definition as a generic directive, with a warning', () => {
    const { tree, file } = parse('.. |wick| replace:: cotton wick\n');
    expect(tree.children[0]).toMatchObject({ type: 'directive', name: 'replace', argument: 'cotton wick' });
    expect(file.messages.map((m) => m.ruleId)).toEqual(['unknown-directive']);
  });
});
