// Property tests for runbooks, as test/rst/property.test.ts does for the RST
// reader: random Markdown built from fragments (inline HTML in headings,
// images, footnotes, comments, tables, task lists, links with odd URLs, HTML
// blocks, code, emphasis, front matter variants) and mutations of a valid
// runbook never make the model or the render stage throw or hang, never lose
// the runbook, and no unsafe URL in the input reaches an attribute of the
// page: each one the model can see is a fatal `unsafe-url` at its place.
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Node } from 'unist';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { isSafeUrl } from '../../scripts/model/safe-url.js';
import { html, modelWith, runbook } from './support.js';

// Fixed by default so a run is repeatable; MD_PROPERTY_SEED / MD_PROPERTY_RUNS explore further by hand.
const seed = Number(process.env.MD_PROPERTY_SEED ?? 20_261_203);
const numRuns = Number(process.env.MD_PROPERTY_RUNS ?? 300);
/** Far above the few milliseconds a case takes: it only catches runaway work (a hang), it measures nothing. */
const hangGuardMs = 2_000;

// ---- random runbooks ----------------------------------------------------------

const url = fc.constantFrom(
  'javascript:alert(1)', 'JaVaScRiPt:alert(1)', '&#106;avascript:alert(1)', 'java&#x09;script:alert(1)', ' javascript:alert(1)', '<javascript:alert(1)>',
  'data:text/html,<b>x</b>', 'data:image/png;base64,AAAA', 'vbscript:msgbox(1)', 'file:///etc/passwd', 'irc://irc.example/x',
  'https://example.org/a', 'http://example.org/(x)', '/errors/WSGI0001/', '../errors/wsgi0002', '#frag', 'mailto:ops@example.org', '//host.example/x', 'a b', '', '<>'
);

const atom = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('lamp', 'the', 'oil', 'burns', 'x', 'end.', 'WSGI0001', 'WSGI0003', 'WSGI0999', 'WSGIDaemonProcess', '`WSGI0002`', '`WSGISocketPrefix`') },
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      '<b>', '</b>', '<b>now</b>', '<!-- c -->', '<!--', '-->', '<br>', '<br/>', '<span onclick="alert(1)">', '</span>', '<kbd>Ctrl</kbd>', '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>', '<style>p{}</style>', '<a name="location">', '</a>', '![img](a.png)', '[^1]', '[^nope]', '[x][r]', '![i][r]', '[x]', '[x][]',
      '*em*', '**strong**', '~~del~~', '_u_', '`code`', '``', '`', '*', '**', '~', '\\', '\\*', '&amp;', '&#0;', '&bogus;', '  ', '<', '>', '[', ']', '(', ')', '!',
      'www.example.org', 'https://e.org/x.', 'ops@example.org', '|', ':', '—', '\u00a0', 'é', '日本', '🙂', '\t'
    )
  },
  { weight: 3, arbitrary: url.map((u) => `[link](${u})`) },
  { weight: 2, arbitrary: url.map((u) => `![pic](${u})`) },
  { weight: 2, arbitrary: url.map((u) => (u.startsWith('<') ? u : `<${u}>`)) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('a href', 'img src', 'q cite', 'video poster', 'form action'), url).map(([tag, u]) => `<${tag}="${u}">`) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 5 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) }
);
const words = fc.array(atom, { minLength: 1, maxLength: 8 }).chain((ws) => fc.constantFrom(' ', '', '  ').map((sep) => ws.join(sep)));
const indent = fc.constantFrom('', '', '', '', ' ', '  ', '   ', '    ', '\t');

const block = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(indent, words).map(([i, w]) => [i + w]) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('#', '##', '###', '######', '#######', '#'), words).map(([h, w]) => [`${h} ${w}`]) },
  { weight: 1, arbitrary: fc.tuple(words, fc.constantFrom('===', '---', '=')).map(([w, u]) => [w, u]) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('- ', '* ', '1. ', '- [ ] ', '- [x] ', '> ', '> - ', '   - '), words).map(([m, w]) => [m + w]) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('r', '^1', 'x', '^nope'), url).map(([label, u]) => [`[${label}]: ${u}`]) },
  { weight: 2, arbitrary: fc.tuple(words, words).map(([a, b]) => [`| ${a} | b |`, '|---|:-:|', `| ${b} | |`]) },
  { weight: 1, arbitrary: words.map((w) => ['```js', w, '```']) },
  { weight: 1, arbitrary: words.map((w) => ['~~~', w]) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      ['<script>alert(1)</script>'], ['<div onclick="alert(1)" style="x">'], ['</div>'], ['<details><summary>More</summary>'], ['</details>'], ['<table><tr><td>x'],
      ['<textarea>'], ['<plaintext>'], ['<xmp>'], ['<!-- open comment'], ['<?php echo 1 ?>'], ['<![CDATA[ x ]]>'], ['<!DOCTYPE html>'], ['<h2 id="location">Raw</h2>'],
      ['<iframe src="https://evil.example/"></iframe>'], ['<svg><a xlink:href="javascript:alert(1)">x</a></svg>'], ['<math><mi>x</mi></math>'], ['<template>x</template>'],
      ['[^1]: The note.'], ['[^1]:'], ['***'], ['---'], ['    indented code WSGI0001'], ['<html><body>'], ['</body></html>']
    )
  }
);

const frontMatter = fc.constantFrom(
  '---\ntitle: A runbook\nsummary: It checks things.\n---\n',
  '---\ntitle: A runbook\nsummary: It checks things.\n---\n',
  '',
  '---\n---\n',
  '---\ntitle: [unclosed\n---\n',
  '---\n- a list\n---\n',
  '---\ntitle: 1\nsummary: {a: b}\n---\n',
  '+++\ntitle = "toml"\n+++\n',
  '---\ntitle: <b>x</b>\nsummary: "[x](javascript:alert(1))"\n---\n',
  '---\ntitle: unterminated\n'
);

const newline = fc.constantFrom('\n', '\n', '\r\n', '\r');
const randomRunbook = fc
  .record({ front: frontMatter, blocks: fc.array(block, { maxLength: 25 }), blankBetween: fc.array(fc.boolean(), { maxLength: 25 }), nl: newline })
  .map(({ front, blocks, blankBetween, nl }) => {
    const lines = blocks.flatMap((b, k) => (blankBetween[k] ? [...b, ''] : b));
    return (front + '\n' + lines.join('\n')).replace(/\n/g, nl);
  });

// ---- mutations of a valid runbook -------------------------------------------

const valid = `---
title: The lamp flickers
summary: What to check when the lamp goes dark.
---

# Steps <b>now</b>

First look for WSGI0001 in the log, then read \`WSGI0004\`[^1].
Already linked: [the code](/errors/WSGI0002/) and ![a lamp](lamp.png "Lamp").

- [ ] trim the wick
- [x] fill the oil, see [the guide][guide]

| code | what |
| --- | --- |
| WSGI0001 | <kbd>out</kbd> |

<details>
<summary>Log line</summary>

\`\`\`text
[wsgi:error] [pid 7] WSGI0001: lamp out
\`\`\`

</details>

[guide]: https://example.org/guide
[^1]: The note <!-- hidden -->.
`;

const insertion = fc.constantFrom(
  '<', '>', '`', '*', '[', ']', '(', ')', '!', '\n', '\n\n', '|', '<!--', '-->', '<b>', '</details>', '<script>', '[^1]', 'javascript:', '(javascript:alert(1))', ' href="data:x"', '---\n', '    '
);

type Mutation = { kind: 'delete' | 'truncate'; at: number; length: number } | { kind: 'insert'; at: number; text: string } | { kind: 'duplicate'; at: number; length: number; to: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'truncate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: insertion }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 60 }), to: fc.nat() })
);

function mutate(doc: string, m: Mutation): string {
  const at = m.at % (doc.length + 1);
  switch (m.kind) {
    case 'delete':
      return doc.slice(0, at) + doc.slice(at + m.length);
    case 'truncate':
      return doc.slice(0, at);
    case 'insert':
      return doc.slice(0, at) + m.text + doc.slice(at);
    case 'duplicate': {
      const piece = doc.slice(at, at + m.length);
      const to = m.to % (doc.length + 1);
      return doc.slice(0, to) + piece + doc.slice(to);
    }
  }
}

const mutatedRunbook = fc.array(mutation, { minLength: 1, maxLength: 6 }).map((ms) => ms.reduce(mutate, valid));

// ---- the properties --------------------------------------------------------------

/** Attributes a browser follows or fetches. */
const urlAttributes = ['href', 'src', 'cite', 'longDesc', 'poster', 'action', 'formAction', 'xLinkHref'];

/** Everything the properties demand of one runbook; returns the problems found. */
function problemsWith(doc: string): string[] {
  const problems: string[] = [];
  const started = performance.now();
  const model = modelWith(runbook('probe', doc));
  if (model.runbooks.length !== 1) problems.push('the runbook is lost');
  for (const d of model.diagnostics) if (!d.ruleId || !(d.line >= 1) || !(d.column >= 1)) problems.push(`diagnostic without rule or place: ${d.message}`);

  // Every unsafe URL the Markdown reader saw is reported where it is.
  const unsafeAt = new Set(model.diagnostics.filter((d) => d.ruleId === 'unsafe-url' && d.fatal).map((d) => `${d.line}:${d.column}`));
  const tree = model.runbooks[0]?.tree;
  if (tree)
    visit(tree, (node: Node & { url?: unknown }) => {
      if (typeof node.url !== 'string' || isSafeUrl(node.url)) return;
      const p = node.position?.start;
      if (!p || !unsafeAt.has(`${p.line}:${p.column}`)) problems.push(`${node.type} to ${JSON.stringify(node.url)} at ${p?.line}:${p?.column} has no unsafe-url diagnostic`);
    });

  // And none reaches the page, whatever the model said.
  const out = html(model, 'probe').html;
  visit(fromHtml(out, { fragment: true }), 'element', (el: Element) => {
    for (const name of urlAttributes) {
      const value = el.properties[name];
      if (typeof value === 'string' && !isSafeUrl(value)) problems.push(`<${el.tagName} ${name}="${value}"> in the output`);
    }
    for (const name of Object.keys(el.properties)) if (/^on/i.test(name) || name === 'style') problems.push(`${name} attribute on <${el.tagName}> in the output`);
    if (el.tagName === 'script' || el.tagName === 'iframe' || el.tagName === 'style') problems.push(`<${el.tagName}> in the output`);
  });

  const elapsed = performance.now() - started;
  if (elapsed > hangGuardMs) problems.push(`took ${elapsed.toFixed(0)} ms (hang guard ${hangGuardMs} ms)`);
  return problems;
}

describe('runbooks on random Markdown', () => {
  it('never throw or hang through model and render, and no unsafe URL reaches the page unreported', () => {
    fc.assert(
      fc.property(randomRunbook, (doc) => {
        expect(problemsWith(doc)).toEqual([]);
      }),
      { seed, numRuns }
    );
  });
});

describe('runbooks on mutations of a valid runbook', () => {
  it('the unmutated runbook renders without a diagnostic', () => {
    expect(problemsWith(valid)).toEqual([]);
    expect(modelWith(runbook('probe', valid)).diagnostics).toEqual([]);
  });

  it('deleted, truncated, duplicated text and stray markup never throw or hang, and leak no unsafe URL', () => {
    fc.assert(
      fc.property(mutatedRunbook, (doc) => {
        expect(problemsWith(doc)).toEqual([]);
      }),
      { seed, numRuns }
    );
  });
});
