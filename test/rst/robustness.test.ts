// Inputs the property tests and hand-made worst cases turned up: the reader
// must keep every word and finish, however odd or large the input. These
// inputs once took seconds to minutes (quadratic scans) or overflowed the
// stack; no test here times anything, a regression shows as a hang.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../scripts/model/build-model.js';
import { toText } from '../../scripts/model/text.js';
import { allNodes, nodesOf, parse, positionProblems } from '../support.js';

describe('the root spans the whole file', () => {
  it('ends after trailing whitespace on the last line', () => {
    const doc = 'Words.\n:Cause:   ';
    const { tree } = parse(doc);
    expect(tree.position.end).toEqual({ line: 2, column: 11, offset: doc.length });
    expect(positionProblems(tree, doc)).toEqual([]);
  });
});

describe('nesting deeper than the reader recurses', () => {
  it('keeps the deep part as a literal block, with a warning, and positions stay right', () => {
    const doc = Array.from({ length: 400 }, (_, k) => `${' '.repeat(k)}:f${k}: level ${k}`).join('\n');
    const { tree, file } = parse(doc);
    const code = nodesOf(tree, 'code');
    expect(code).toHaveLength(1);
    expect(code[0]?.value).toContain(':f399: level 399');
    expect(file.messages.map((m) => m.ruleId)).toContain('too-deep');
    expect(allNodes(tree).flatMap((n) => positionProblems(n, doc))).toEqual([]);
  });

  it('does the same for nested lists and block quotes', () => {
    const lists = Array.from({ length: 300 }, (_, k) => `${' '.repeat(2 * k)}- item ${k}`).join('\n\n');
    expect(toText(parse(lists).tree)).toContain('item 299');
    const quotes = Array.from({ length: 300 }, (_, k) => `${' '.repeat(k)}line ${k}`).join('\n');
    expect(toText(parse(quotes).tree)).toContain('line 299');
  });
});

describe('long runs that once made the scan quadratic', () => {
  it('a paragraph with a very long run of spaces', () => {
    const doc = `lamp${' '.repeat(200_000)}oil`;
    expect(toText(parse(doc).tree)).toBe('lamp oil');
  });

  it('a role and a reference whose text holds a long run of spaces before `<`', () => {
    const spaces = ' '.repeat(40_000);
    const [role] = nodesOf(parse(`:ref:\`wick${spaces}<WSGI0001>\``).tree, 'role');
    expect(role).toMatchObject({ name: 'ref', title: 'wick', target: 'WSGI0001' });
    const [ref] = nodesOf(parse(`\`wick${spaces}<https://lamp.example.org/>\`_`).tree, 'reference');
    expect(ref).toMatchObject({ text: 'wick', url: 'https://lamp.example.org/' });
    const [joined] = nodesOf(parse(`\`wick${spaces}\nlamp\`_`).tree, 'reference');
    expect(joined?.text).toBe('wick lamp');
  });

  it('thousands of start-strings that never close', () => {
    for (const unit of ['`a ', '*a ', '**a ', '``a ', '|a ', ':ref:`a ']) {
      const doc = unit.repeat(5_000);
      const { tree } = parse(doc);
      expect(nodesOf(tree, 'text').map((t) => t.value).join(''), unit).toBe(doc.trimEnd());
    }
  });

  it('many entries all pointing at the same code', () => {
    const entries = Array.from({ length: 3_000 }, (_, k) => {
      const code = `WSGI${String(k + 1).padStart(4, '0')}`;
      return `.. _${code}:\n\n${code} — Lamp\n---------------\n\n:Severity: ERR\n:Source: \`\`lamp.c\`\`\n:Logged message: \`\`Out.\`\`\n:Cause: See :ref:\`WSGI0001\`.\n:Outcome: Dark.\n:Operator action: Wait.\n`;
    });
    const { model } = buildModel([{ path: 'error-reference.rst', value: entries.join('\n') }]);
    expect(model.errors).toHaveLength(3_000);
    expect(model.errors[0]?.referencedBy).toHaveLength(2_999);
    expect(model.diagnostics.filter((d) => d.fatal)).toEqual([]);
  });
});
