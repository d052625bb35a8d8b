// Property tests for the reader and the model: random RST-ish documents and
// mutations of a valid error reference never make buildModel throw or hang,
// every node keeps a consistent position, and every `.. _WSGI####:` label in
// the input ends up as an entry or as a fatal diagnostic that names it.
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../scripts/model/build-model.js';
import type { Model } from '../../scripts/model/types.js';
import { parseRst } from '../../scripts/rst/parse.js';
import type { RstBlock } from '../../scripts/rst/types.js';
import { type TextInput, allNodes, positionProblems, readDocsFixture } from '../support.js';

// Fixed by default so a run is repeatable; RST_PROPERTY_SEED / RST_PROPERTY_RUNS explore further by hand.
const seed = Number(process.env.RST_PROPERTY_SEED ?? 20_261_122);
const numRuns = Number(process.env.RST_PROPERTY_RUNS ?? 400);
/** Far above the few milliseconds a case takes: it only catches runaway work (a hang), it measures nothing. */
const hangGuardMs = 2_000;

// ---- random documents -----------------------------------------------------

// A small range of codes so duplicates, mismatches and cross-references are common.
const code = fc.integer({ min: 1, max: 40 }).map((n) => `WSGI${String(n).padStart(4, '0')}`);

const atom = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('lamp', 'wick', 'the', 'oil', 'burns', 'snake_case', 'a*b', '2*3', 'x', 'WSGIDaemonProcess', 'WSGISocketPrefix', '<pid>', 'end.') },
  { weight: 3, arbitrary: code },
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      '``lit``', '``open', 'close``', '*em*', '**strong**', '*', '**', '`', '``', '`tick`', '`x`_', '`x`__', 'Name_', 'Name__',
      '`t <https://e.org/a>`_', '`t <Name_>`_', ':ref:`WSGI0001`', ':ref:`text <WSGI0002>`', ':ref:`nowhere`', ':ref:`', ':doc:`installation`',
      ':doc:`configuration-directives/WSGIDaemonProcess`', ':doc:`t <../x>`', ':py:class:`Lamp`', ':weird:`x`', '`x`:ref:', '|sub|', '|',
      '\\*', '\\`', '\\', '\\ ', 'https://example.org/a.', 'mailto:x@y', '::', ':', '_', '..', '<', '>', '—', '\u00a0', 'é', '日本', '🙂', '\t'
    )
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 5 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) }
);
const words = fc.array(atom, { minLength: 1, maxLength: 8 }).chain((ws) => fc.constantFrom(' ', '', '  ').map((sep) => ws.join(sep)));
const indent = fc.constantFrom('', '', '', '', ' ', '  ', '   ', '    ', '\t', ' \t');
const adornmentChar = fc.constantFrom('=', '=', '-', '-', '~', '*', '#', '^', '"', '+', '`', ':', '.', '_');

const explicit = fc.oneof(
  code.map((c) => `.. _${c}:`),
  fc.constantFrom(
    '.. _processes:', '.. _error-reference:', '.. _Name: https://example.org/name', '.. _`odd name`:', '.. __: https://anon.example.org',
    '.. toctree::', '   :maxdepth: 2', '   configuration-directives/WSGIDaemonProcess', '.. note::', '.. seealso:: Other',
    '.. code-block:: apache', '.. mystery:: arg', '   :opt: v', '.. |sub| replace:: text', '.. [1] A footnote.', '..', '.. a comment', '::'
  )
);

const title = fc
  .record({ text: fc.oneof(words, words, fc.tuple(code, words).map(([c, w]) => `${c} — ${w}`), explicit), char: adornmentChar, delta: fc.integer({ min: -3, max: 3 }), overline: fc.boolean(), overChar: fc.option(adornmentChar) })
  .map(({ text, char, delta, overline, overChar }) => {
    const n = Math.max(1, [...text].length + delta);
    const under = char.repeat(n);
    return overline ? [(overChar ?? char).repeat(n), text, under] : [text, under];
  });

const fieldName = fc.constantFrom('Severity', 'Source', 'Logged message', 'Cause', 'Outcome', 'Operator action', 'Colour', 'Description', 'Syntax', 'Context', 'Default', '');
const field = fc
  .record({ name: fieldName, inline: fc.option(fc.oneof(words, fc.constantFrom('CRIT', 'ERR', 'WARNING', 'FATAL', '``Lamp <x> failed.``'))), body: fc.array(fc.tuple(indent, words), { maxLength: 3 }) })
  .map(({ name, inline, body }) => [`:${name}:${inline === null ? '' : ` ${inline}`}`, ...body.map(([i, w]) => `${i || '   '}${w}`)]);

const other = fc.oneof(
  fc.constantFrom('- item', '* item', '1. one', '#) two', '**processes=num**', '**%{GLOBAL}**', '----', '', '', ''),
  fc.tuple(fc.constantFrom('- ', '1. ', '* '), words).map(([m, w]) => m + w)
);

/** A plausible entry, so that the model's deeper paths run often. */
const entry = fc
  .record({ label: code, titleCode: fc.oneof(code, fc.constant(null)), title: title, fields: fc.array(field, { maxLength: 7 }), retired: fc.boolean() })
  .map(({ label, titleCode, title: t, fields, retired }) => {
    const head = titleCode ? `${titleCode} — ${retired ? '(retired)' : 'Lamp trouble'}` : (t[t.length - 2] as string);
    return [`.. _${label}:`, '', head, '-'.repeat([...head].length), '', ...fields.flat()];
  });

const piece = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(indent, words).map(([i, w]) => [i + w]) },
  { weight: 2, arbitrary: title },
  { weight: 3, arbitrary: field },
  { weight: 3, arbitrary: fc.tuple(indent, explicit).map(([i, e]) => [i + e]) },
  { weight: 2, arbitrary: fc.tuple(indent, other).map(([i, o]) => [i + o]) },
  { weight: 2, arbitrary: entry }
);

const newline = fc.constantFrom('\n', '\n', '\r\n', '\r');
const randomDoc = fc
  .record({ pieces: fc.array(piece, { maxLength: 30 }), nl: newline, blankBetween: fc.array(fc.boolean(), { maxLength: 30 }), final: fc.boolean() })
  .map(({ pieces, nl, blankBetween, final }) => {
    const lines = pieces.flatMap((p, k) => (blankBetween[k] ? [...p, ''] : p));
    return lines.join(nl) + (final ? nl : '');
  });

// ---- mutations of a valid document ------------------------------------------

const valid = readDocsFixture('docs-valid');
const validReference = valid.find((d) => d.path === 'error-reference.rst')?.value ?? '';

type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'swap'; at: number }
  | { kind: 'indent'; at: number; indent: string }
  | { kind: 'dedent'; at: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate'; at: number; length: number; to: number }
  | { kind: 'insert'; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), indent: fc.constantFrom(' ', '  ', '   ', '\t', '      ') }),
  fc.record({ kind: fc.constant('dedent' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }), to: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('`', '``', '*', '**', '_', ':', '\\', '|', '.. ', '\n', '\t') })
);

function mutate(doc: string, m: Mutation): string {
  const lines = doc.split('\n');
  const n = lines.length;
  switch (m.kind) {
    case 'delete':
      lines.splice(m.at % n, 1);
      return lines.join('\n');
    case 'swap': {
      const k = m.at % Math.max(1, n - 1);
      const [a, b] = [lines[k] ?? '', lines[k + 1] ?? ''];
      lines[k] = b;
      if (k + 1 < n) lines[k + 1] = a;
      return lines.join('\n');
    }
    case 'indent':
      lines[m.at % n] = m.indent + (lines[m.at % n] ?? '');
      return lines.join('\n');
    case 'dedent':
      lines[m.at % n] = (lines[m.at % n] ?? '').trimStart();
      return lines.join('\n');
    case 'truncate':
      return doc.slice(0, m.at % (doc.length + 1));
    case 'duplicate': {
      const from = m.at % n;
      const block = lines.slice(from, from + m.length);
      lines.splice(m.to % (n + 1), 0, ...block);
      return lines.join('\n');
    }
    case 'insert': {
      const at = m.at % (doc.length + 1);
      return doc.slice(0, at) + m.text + doc.slice(at);
    }
  }
}

const mutatedDoc = fc
  .record({ mutations: fc.array(mutation, { minLength: 1, maxLength: 6 }), crlf: fc.boolean() })
  .map(({ mutations, crlf }) => {
    const doc = mutations.reduce(mutate, validReference);
    return crlf ? doc.replace(/\r?\n/g, '\r\n') : doc;
  });

// ---- the properties ------------------------------------------------------------

/** Labels that can only be read as explicit markup: at the start of a line. */
function labelledCodes(doc: string): string[] {
  return [...doc.matchAll(/^\.\. _(WSGI\d{4}):[ \t]*$/gm)].map((m) => m[1] as string);
}

function modelBlocks(model: Model): { file: string; blocks: RstBlock[] }[] {
  return [
    ...model.errors.map((e) => ({ file: e.place.file, blocks: [...(e.loggedMessage?.notes ?? []), ...(e.cause ?? []), ...(e.outcome ?? []), ...(e.action ?? []), ...(e.retiredNote ?? [])] })),
    ...model.directives.map((d) => ({ file: d.place.file, blocks: [...(d.syntax ?? []), ...(d.default ?? []), ...d.body] }))
  ];
}

/** Everything the properties demand of one document; returns the problems found. */
function problemsWith(doc: string, asDirectivePage = false): string[] {
  const problems: string[] = [];
  const started = performance.now();

  const file = new VFile({ path: 'error-reference.rst', value: doc });
  const tree = parseRst(doc, file);
  for (const node of allNodes(tree)) {
    problems.push(...positionProblems(node, doc));
    if ((node.position?.end.offset ?? 0) > doc.length) problems.push(`${node.type}: ends past the end of the document`);
  }
  for (const m of file.messages) if (!m.ruleId || m.line === undefined) problems.push(`message without rule or place: ${m.reason}`);

  const inputs: TextInput[] = [{ path: 'error-reference.rst', value: doc }, ...valid.filter((d) => d.path !== 'error-reference.rst')];
  if (asDirectivePage) inputs.push({ path: 'configuration-directives/WSGILampWick.rst', value: doc }, { path: 'configuration.rst', value: doc });
  const { model } = buildModel(inputs);

  const sources = new Map(inputs.map((i) => [i.path, i.value]));
  for (const { file: f, blocks } of modelBlocks(model)) {
    const source = sources.get(f) ?? '';
    for (const b of blocks) for (const node of allNodes(b)) problems.push(...positionProblems(node, source).map((p) => `model ${f}: ${p}`));
  }

  const codes = new Set(model.errors.map((e) => e.code));
  if (codes.size !== model.errors.length) problems.push('two entries share a code');
  const fatalHere = model.diagnostics.filter((d) => d.fatal && d.file === 'error-reference.rst');
  // Labels the reader found deeper in the tree (in a field, a list, a quote) count too.
  const nested = allNodes(tree).flatMap((n) => (n.type === 'target' && /^WSGI\d{4}$/.test(n.label) ? [n.label] : []));
  for (const c of new Set([...labelledCodes(doc), ...nested])) {
    if (!codes.has(c) && !fatalHere.some((d) => d.message.includes(c))) problems.push(`label ${c} is neither an entry nor named by a fatal diagnostic`);
  }
  for (const e of model.errors) if (!doc.includes(e.code)) problems.push(`entry ${e.code} is not in the input`);

  const elapsed = performance.now() - started;
  if (elapsed > hangGuardMs) problems.push(`took ${elapsed.toFixed(0)} ms (hang guard ${hangGuardMs} ms)`);
  return problems;
}

describe('the reader and model on random documents', () => {
  it('never throw or hang, keep positions, and account for every code label', () => {
    fc.assert(
      fc.property(randomDoc, fc.boolean(), (doc, asDirectivePage) => {
        expect(problemsWith(doc, asDirectivePage)).toEqual([]);
      }),
      { seed, numRuns }
    );
  });
});

describe('the reader and model on mutations of a valid error reference', () => {
  it('the unmutated fixture holds the properties and has its four entries', () => {
    expect(problemsWith(validReference)).toEqual([]);
    expect(labelledCodes(validReference)).toEqual(['WSGI0001', 'WSGI0002', 'WSGI0003', 'WSGI0004']);
  });

  it('deleted lines, moved indentation, truncation, duplicated blocks and stray markup never throw or hang, and lose no label', () => {
    fc.assert(
      fc.property(mutatedDoc, (doc) => {
        expect(problemsWith(doc)).toEqual([]);
      }),
      { seed, numRuns }
    );
  });
});
