// Bad input in the RST docs (issue 9): each mistake or hostile input is one
// diagnostic from the model, with its rule id, file:line:column and whether
// it stops the build, so `extract` and `build` report it alike. Inputs are
// small documents written here (bytes where bytes matter); a few run through
// the real extract command for the exit code and the printed report.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type DocInput, buildModel } from '../../scripts/model/build-model.js';
import { referenceToJson } from '../../scripts/model/to-json.js';
import type { Diagnostic } from '../../scripts/model/types.js';
import { toText } from '../../scripts/model/text.js';
import { buildViews } from '../../scripts/site/views.js';
import { toHtml } from '../../scripts/render/render.js';
import { root } from '../support/sites.js';
import { withRule } from '../support.js';

/** Every diagnostic as `file line:column rule fatal|warning`, in the model's order. */
function shapes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.file} ${d.line}:${d.column} ${d.ruleId} ${d.fatal ? 'fatal' : 'warning'}`);
}

/** `line:column` of the first occurrence of `needle` in `text` (1-based), for expectations that follow the fixture. */
function at(text: string, needle: string, from = 0): string {
  const k = text.indexOf(needle, from);
  if (k < 0) throw new Error(`${needle} not in fixture`);
  const before = text.slice(0, k).split('\n');
  return `${before.length}:${(before[before.length - 1] as string).length + 1}`;
}

const fields = (cause = 'The wick is dry.') =>
  `:Severity: ERR\n:Source: \`\`src/lamp.c\`\`\n:Logged message: \`\`The lamp went out.\`\`\n:Cause: ${cause}\n:Outcome: The room is dark.\n:Operator action: Refill the lamp.\n`;

function entry(n: number, cause?: string): string {
  const code = `WSGI${String(n).padStart(4, '0')}`;
  const title = `${code} — Lamp trouble number ${n}`;
  return `.. _${code}:\n\n${title}\n${'-'.repeat(title.length)}\n\n${fields(cause)}\n`;
}

const head = '===============\nLamp Reference\n===============\n\nCodes for the lamp room.\n\nError codes\n===========\n\n';
const reference = (...entries: string[]) => head + entries.join('');
const errorReference = (value: string | Uint8Array): DocInput => ({ path: 'error-reference.rst', value });

function directivePage(name: string, extra = ''): DocInput & { value: string } {
  const bar = '='.repeat(Math.max(name.length, 1));
  return { path: `configuration-directives/${name}.rst`, value: `${bar}\n${name}\n${bar}\n\n:Description: Sets a lamp option.\n:Syntax: \`\`${name}\`\` *value*\n:Context: server config\n${extra}` };
}

const bytes = (...parts: (string | number[])[]): Uint8Array => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('unsafe-url: only http(s), mailto, relative and fragment URLs may reach an href', () => {
  it('an external target with a javascript: URL is fatal where the URL is written; the reference to it leads nowhere and is not reported again', () => {
    const doc = reference(entry(1, 'See the `Lamp Manual`_ first.'), '.. _Lamp Manual: javascript:alert(1)\n');
    const { model } = buildModel([errorReference(doc)]);
    expect(shapes(model.diagnostics)).toEqual([`error-reference.rst ${at(doc, 'javascript:')} unsafe-url fatal`]);
    expect(withRule(model.diagnostics, 'unsafe-url')[0]?.message).toContain('javascript:alert(1)');
    expect(model.errors[0]?.references).toMatchObject([{ kind: 'named', target: 'lamp manual', resolution: { type: 'unresolved' } }]);
  });

  it('a target whose URL is on the line below points at that line', () => {
    const doc = reference(entry(1, 'See `Oil`_.'), '.. _Oil:\n   JavaScript:void(0)\n');
    const { model } = buildModel([errorReference(doc)]);
    expect(shapes(model.diagnostics)).toEqual([`error-reference.rst ${at(doc, 'JavaScript:')} unsafe-url fatal`]);
  });

  it('an embedded javascript: URI is fatal at the reference', () => {
    const doc = reference(entry(1, 'Read `the notes <javascript:alert(1)>`_ now.'));
    const { model } = buildModel([errorReference(doc)]);
    expect(shapes(model.diagnostics)).toEqual([`error-reference.rst ${at(doc, '`the notes')} unsafe-url fatal`]);
    expect(model.errors[0]?.references[0]?.resolution).toEqual({ type: 'unresolved' });
  });

  it('a data: URI is refused too, on a directive page as in the reference', () => {
    const page = directivePage('WSGILampOil', '\nSee `the chart <data:text/html;base64,PHNjcmlwdD4=>`_.\n');
    const { model } = buildModel([errorReference(reference(entry(1))), page]);
    expect(shapes(model.diagnostics)).toEqual([`configuration-directives/WSGILampOil.rst ${at(page.value, '`the chart')} unsafe-url fatal`]);
  });

  it('a standalone URL with another scheme (ftp://) is refused; http(s), mailto, relative and fragment links pass', () => {
    const doc = reference(
      entry(1, 'Mirror at ftp://files.example.org/lamp and https://example.org/lamp, mail root@example.org via mailto:root@example.org, or see `here <../guide.html>`_ and `there <#top>`_.')
    );
    const { model } = buildModel([errorReference(doc)]);
    expect(shapes(model.diagnostics)).toEqual([`error-reference.rst ${at(doc, 'ftp://')} unsafe-url fatal`]);
    expect(model.errors[0]?.references.map((r) => r.resolution.type)).toEqual(['unresolved', 'external', 'external', 'external', 'external']);
  });
});

describe('prose of error-reference.rst outside the entries', () => {
  const doc =
    '==============\nLamp Reference\n==============\n\nCodes for the lamp room.\n\n' +
    'Severity tiers\n==============\n\nHow bad each level is:\n\nCRIT\n    The room is dark.\n\nERR\n    One lamp is out.\n\nEvery entry names its lamp.\n\n' +
    'Error codes\n===========\n\nEach entry gives six fields, in this order.\n\n' +
    entry(1) +
    'Retired numbers\n===============\n\nNumbers are never given out twice.\n';
  const { model } = buildModel([errorReference(doc)]);
  const r = model.reference;

  it('is kept in the model as trees with positions: the ladder intro and notes, the codes section, a section after the last entry', () => {
    expect(shapes(model.diagnostics)).toEqual([]);
    expect(toText(r?.ladderIntro ?? [])).toBe('How bad each level is:');
    expect(toText(r?.ladderNotes ?? [])).toBe('Every entry names its lamp.');
    expect(r?.sections.map((s) => [s.title, s.where, toText(s.blocks)])).toEqual([
      ['Error codes', 'codes', 'Each entry gives six fields, in this order.'],
      ['Retired numbers', 'after-codes', 'Numbers are never given out twice.']
    ]);
    const after = r?.sections[1];
    expect(`${after?.heading.position.start.line}:${after?.heading.position.start.column}`).toBe(at(doc, 'Retired numbers'));
    expect(`${after?.blocks[0]?.position.start.line}:1`).toBe(at(doc, 'Numbers are never'));
    // The last entry ends at the section after it: no field swallowed it.
    expect(model.errors.map((e) => toText(e.action ?? []))).toEqual(['Refill the lamp.']);
  });

  it('reaches errors.json as text with the place of each section', () => {
    const json = referenceToJson(r ?? null);
    expect(json).toMatchObject({
      ladderIntro: 'How bad each level is:',
      ladderNotes: 'Every entry names its lamp.',
      sections: [
        { title: 'Error codes', id: 'error-codes', where: 'codes', text: 'Each entry gives six fields, in this order.' },
        { title: 'Retired numbers', id: 'retired-numbers', where: 'after-codes', text: 'Numbers are never given out twice.', place: { file: 'error-reference.rst', line: Number(at(doc, 'Retired numbers').split(':')[0]), column: 1 } }
      ]
    });
  });

  it('is rendered for /errors/ (above and below the table) and the home page (before the ladder)', () => {
    const views = buildViews(model, { title: 'T', description: 'D', base: '/', siteUrl: '', upstream: 'https://example.org/', icon: '' });
    const html = (nodes: typeof views.intro) => toHtml({ type: 'root', children: nodes });
    expect(html(views.referenceProse.ladderIntro)).toBe('<p>How bad each level is:</p>');
    expect(html(views.referenceProse.codes)).toBe('<p>Every entry names its lamp.</p><p>Each entry gives six fields, in this order.</p>');
    expect(views.referenceProse.before).toEqual([]);
    expect(views.referenceProse.after.map((s) => [s.id, html(s.body)])).toEqual([['retired-numbers', '<p>Numbers are never given out twice.</p>']]);
  });
});

describe('bytes that are not UTF-8', () => {
  it('invalid-utf8: a warning at the first bad byte (line:column in characters), once per file, naming every line; the text keeps U+FFFD', () => {
    const doc = reference(entry(1, 'The wick is dry, PLACE here.'), entry(2, 'Soot, PLACE again.'));
    const [a, b, c] = doc.split('PLACE') as [string, string, string];
    // A Latin-1 é after a UTF-8 ü: the column counts characters, not bytes. Then two bad bytes in a row.
    const value = bytes(a, 'ü', [0xe9], b, [0xff, 0xfe], c);
    const { model } = buildModel([errorReference(value)]);
    const [line, column] = at(doc, 'PLACE').split(':').map(Number) as [number, number];
    const [second] = at(doc, 'PLACE', doc.indexOf('PLACE') + 1).split(':');
    expect(shapes(model.diagnostics)).toEqual([`error-reference.rst ${line}:${column + 1} invalid-utf8 warning`]);
    expect(withRule(model.diagnostics, 'invalid-utf8')[0]?.message).toContain(`3 places, on lines ${line}, ${second}`);
    expect(toText(model.errors[0]?.cause ?? [])).toBe('The wick is dry, \u00fc\ufffd here.');
    expect(toText(model.errors[1]?.cause ?? [])).toBe('Soot, \ufffd\ufffd again.');
  });

  it('a UTF-8 byte order mark is dropped, not read as text', () => {
    const { model } = buildModel([errorReference(bytes([0xef, 0xbb, 0xbf], reference(entry(1))))]);
    expect(shapes(model.diagnostics)).toEqual([]);
    expect(model.reference?.title).toBe('Lamp Reference');
  });

  it('not-text: a NUL byte makes the file one fatal diagnostic at 1:1, and references into it are not reported one by one', () => {
    const value = bytes('\x89PNG\r\n', [0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR', [0, 0, 1, 0, 0xff, 0xd8]);
    const page = directivePage('WSGILampOil', '\nSee :ref:`WSGI0001` and ``WSGI0002``.\n');
    const { model } = buildModel([errorReference(value), page]);
    expect(shapes(model.diagnostics)).toEqual(['error-reference.rst 1:1 not-text fatal']);
    expect(withRule(model.diagnostics, 'not-text')[0]?.message).toMatch(/NUL byte.*2 references/);
    expect(model.errors).toEqual([]);
  });

  it('not-text: a directive page of mostly non-UTF-8 bytes is one fatal diagnostic; its toctree entry and :doc: links are not "missing"', () => {
    const noise = Array.from({ length: 400 }, (_, k) => 0x80 + ((k * 37) % 0x7f));
    const configuration = { path: 'configuration.rst', value: 'Configuration\n=============\n\nLamps\n-----\n\n.. toctree::\n\n   configuration-directives/WSGILampOil\n   configuration-directives/WSGILampWick\n' };
    const doc = reference(entry(1, 'Set :doc:`configuration-directives/WSGILampWick` lower.'));
    const { model } = buildModel([errorReference(doc), configuration, directivePage('WSGILampOil'), { path: 'configuration-directives/WSGILampWick.rst', value: bytes([...noise]) }]);
    expect(shapes(model.diagnostics)).toEqual(['configuration-directives/WSGILampWick.rst 1:1 not-text fatal']);
    expect(model.directives.map((d) => d.name)).toEqual(['WSGILampOil']);
  });
});

describe('truncated: an error reference cut short', () => {
  const whole = reference(entry(1, 'Unlike :ref:`WSGI0004`, which is worse.'), entry(2), entry(3), entry(4));
  const page = directivePage('WSGILampOil', '\nSee :ref:`WSGI0003` and :ref:`WSGI0004`, or ``WSGI0004``.\n');

  it('cut in the middle of an entry: the cut is named at the last entry, its missing fields follow, and references past the cut (runbooks too) are summarised', () => {
    const cut = whole.slice(0, whole.indexOf(':Cause: The wi', whole.indexOf('.. _WSGI0003:')) + ':Cause: The wi'.length);
    const runbook = { path: 'runbooks/lamp.md', value: '---\ntitle: Lamp\nsummary: Lamp care.\n---\n\nLook for WSGI0001, WSGI0004 and WSGI0009.\n' };
    const { model } = buildModel([errorReference(cut), page], { runbooks: [runbook] });
    const heading = at(cut, 'WSGI0003 —');
    expect(shapes(model.diagnostics)).toEqual([
      `error-reference.rst ${at(cut, '.. _WSGI0003:')} truncated fatal`,
      `error-reference.rst ${heading} missing-field fatal`,
      `error-reference.rst ${heading} missing-field fatal`
    ]);
    const message = withRule(model.diagnostics, 'truncated')[0]?.message ?? '';
    expect(message).toContain('`WSGI0003`');
    expect(message).toContain('stops in the middle of a line');
    expect(message).toContain('5 references');
    expect(message).toContain('(WSGI0004, WSGI0009; in 3 files)');
    expect(model.errors.map((e) => e.code)).toEqual(['WSGI0001', 'WSGI0002', 'WSGI0003']);
  });

  it('cut cleanly between entries: nothing says the file was cut, so each dangling reference is reported where it is', () => {
    const cut = whole.slice(0, whole.indexOf('.. _WSGI0003:'));
    const { model } = buildModel([errorReference(cut), page]);
    expect(shapes(model.diagnostics)).toEqual([
      `configuration-directives/WSGILampOil.rst ${at(page.value, ':ref:`WSGI0003`')} dangling-ref fatal`,
      `configuration-directives/WSGILampOil.rst ${at(page.value, ':ref:`WSGI0004`')} dangling-ref fatal`,
      `configuration-directives/WSGILampOil.rst ${at(page.value, '``WSGI0004``')} unknown-code warning`,
      `error-reference.rst ${at(cut, ':ref:`WSGI0004`')} dangling-ref fatal`
    ]);
  });
});

describe('no-entries', () => {
  it('an empty error reference is fatal at 1:1', () => {
    const { model } = buildModel([errorReference('')]);
    expect(shapes(model.diagnostics)).toEqual(['error-reference.rst 1:1 no-entries fatal']);
  });

  it('is the only message when pages and runbooks name codes: those references are counted in it, not reported one by one', () => {
    const page = directivePage('WSGILampOil', '\nSee :ref:`WSGI0001`.\n');
    const runbook = { path: 'runbooks/lamp.md', value: '---\ntitle: Lamp\nsummary: Lamp care.\n---\n\nLook for WSGI0001 and WSGI0002.\n' };
    const { model } = buildModel([errorReference(''), page], { runbooks: [runbook] });
    expect(shapes(model.diagnostics)).toEqual(['error-reference.rst 1:1 no-entries fatal']);
    expect(withRule(model.diagnostics, 'no-entries')[0]?.message).toContain('3 references to codes (WSGI0001, WSGI0002; in 2 files)');
  });

  it('prose without a single code label is fatal at 1:1 too', () => {
    const { model } = buildModel([errorReference(head + 'Nothing here yet.\n')]);
    expect(shapes(model.diagnostics)).toEqual(['error-reference.rst 1:1 no-entries fatal']);
  });

  it('is not added when code labels were there but each was refused for its own reason', () => {
    const { model } = buildModel([errorReference(head + '.. _WSGI0001:\n\nJust words.\n')]);
    expect(shapes(model.diagnostics)).toEqual([`error-reference.rst ${at(head + '.. _WSGI0001:', '.. _WSGI0001:')} orphan-label fatal`]);
  });
});

describe('code-label-misused', () => {
  it('a code label as an option anchor is fatal at the label, and the option keeps its own name as anchor', () => {
    const page = directivePage('WSGILampOil', '\n.. _WSGI0001:\n\n**threads=num**\n    How many wicks.\n');
    const { model } = buildModel([errorReference(reference(entry(1))), page]);
    expect(shapes(model.diagnostics)).toEqual([`configuration-directives/WSGILampOil.rst ${at(page.value, '.. _WSGI0001:')} code-label-misused fatal`]);
    expect(withRule(model.diagnostics, 'code-label-misused')[0]?.message).toContain('option `threads`');
    expect(model.directives[0]?.options.map((o) => [o.id, o.labelled])).toEqual([['threads', false]]);
  });

  it('a code label anywhere outside error-reference.rst (here in a note) is fatal too', () => {
    const page = directivePage('WSGILampOil', '\n.. note::\n\n   .. _WSGI0002:\n\n   Careful.\n');
    const { model } = buildModel([errorReference(reference(entry(1))), page]);
    expect(shapes(model.diagnostics)).toEqual([`configuration-directives/WSGILampOil.rst ${at(page.value, '.. _WSGI0002:')} code-label-misused fatal`]);
  });
});

describe('names the site cannot hold', () => {
  it('unusable-name: directive pages named `.`, `..` or with a space are fatal at 1:1 of the page', () => {
    const { model } = buildModel([errorReference(reference(entry(1))), directivePage('.'), directivePage('..'), directivePage('WSGI Lamp'), directivePage('WSGILamp%20Oil')]);
    expect(shapes(withRule(model.diagnostics, 'unusable-name'))).toEqual([
      'configuration-directives/...rst 1:1 unusable-name fatal',
      'configuration-directives/..rst 1:1 unusable-name fatal',
      'configuration-directives/WSGI Lamp.rst 1:1 unusable-name fatal',
      'configuration-directives/WSGILamp%20Oil.rst 1:1 unusable-name fatal'
    ]);
  });

  it('url-collision: two directives whose names differ only in case are fatal at the second', () => {
    const { model } = buildModel([errorReference(reference(entry(1))), directivePage('WSGILampOil'), directivePage('wsgilampoil')]);
    expect(shapes(model.diagnostics)).toEqual(['configuration-directives/wsgilampoil.rst 1:1 url-collision fatal']);
    expect(withRule(model.diagnostics, 'url-collision')[0]?.message).toContain('configuration-directives/WSGILampOil.rst');
  });

  it('url-collision and unusable-name for runbooks: two files with one slug, and a file name with no letter or digit', () => {
    const runbook = (name: string) => ({ path: `runbooks/${name}.md`, value: `---\ntitle: Lamp\nsummary: Lamp care.\n---\n\nLook at WSGI0001.\n` });
    const { model } = buildModel([errorReference(reference(entry(1)))], { runbooks: [runbook('Lamp Care'), runbook('lamp-care'), runbook('---')] });
    expect(shapes(model.diagnostics)).toEqual(['runbooks/---.md 1:1 unusable-name fatal', 'runbooks/lamp-care.md 1:1 url-collision fatal']);
  });
});

// ---- through the real extract command ---------------------------------------

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function extractFolder(files: Record<string, string | Uint8Array>): { dir: string; run: Run } {
  const dir = mkdtempSync(path.join(tmpdir(), 'bad-docs-'));
  dirs.push(dir);
  for (const [rel, value] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), value);
  }
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/extract.ts', '--docs', dir], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }
  });
  return { dir, run: { status: r.status, stdout: r.stdout, stderr: r.stderr } };
}

/** The reporter's line for a message: `line:column[-line:column]  error|warning  reason  rule-id  source`. */
const reported = (stderr: string, place: string, level: 'error' | 'warning', ruleId: string) =>
  new RegExp(`^\\s*${place}(?:-\\d+:\\d+)?\\s+${level}\\s.*\\s${ruleId}\\s+wsgi-model$`, 'm').test(stderr);

describe('the extract command on bad docs', () => {
  it('an unsafe URL: exit 1, reported at its file:line:column with its rule id', () => {
    const doc = reference(entry(1, 'See `the notes <javascript:alert(1)>`_.'));
    const { dir, run } = extractFolder({ 'error-reference.rst': doc });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(path.join(dir, 'error-reference.rst'));
    expect(reported(run.stderr, at(doc, '`the notes'), 'error', 'unsafe-url')).toBe(true);
  });

  it('an empty error reference: exit 1 with no-entries at 1:1 (not `[]` and exit 0)', () => {
    const { run } = extractFolder({ 'error-reference.rst': '' });
    expect(run.status).toBe(1);
    expect(reported(run.stderr, '1:1', 'error', 'no-entries')).toBe(true);
    expect(JSON.parse(run.stdout).errors).toEqual([]);
  });

  it('a binary error reference: exit 1 and exactly one message, not-text at 1:1', () => {
    const { run } = extractFolder({ 'error-reference.rst': bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]), 'configuration-directives/WSGILampOil.rst': directivePage('WSGILampOil', '\nSee :ref:`WSGI0001`.\n').value });
    expect(run.status).toBe(1);
    expect(reported(run.stderr, '1:1', 'error', 'not-text')).toBe(true);
    expect(run.stderr).toMatch(/✖ 1 error\n?$/);
  });

  it('bytes that are not UTF-8: exit 0 with the invalid-utf8 warning at the first bad byte', () => {
    const doc = reference(entry(1, 'The wick is dry.'));
    const { run } = extractFolder({ 'error-reference.rst': bytes(doc.slice(0, doc.indexOf('dry.') + 3), [0xe9], doc.slice(doc.indexOf('dry.') + 3)) });
    expect(run.status).toBe(0);
    expect(reported(run.stderr, at(doc, 'dry.').replace(/:(\d+)$/, (_, c: string) => `:${Number(c) + 3}`), 'warning', 'invalid-utf8')).toBe(true);
  });

  it('two directive pages whose names differ only in case: exit 1 with url-collision at the second, before any page is made', () => {
    const { dir, run } = extractFolder({ 'error-reference.rst': reference(entry(1)), 'configuration-directives/WSGILampOil.rst': directivePage('WSGILampOil').value, 'configuration-directives/wsgilampoil.rst': directivePage('wsgilampoil').value });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(path.join(dir, 'configuration-directives/wsgilampoil.rst'));
    expect(reported(run.stderr, '1:1', 'error', 'url-collision')).toBe(true);
  });

  it('a cut-short reference: exit 1, and the first message printed for it is the cut, at its last entry', () => {
    const whole = reference(entry(1, 'Unlike :ref:`WSGI0003`.'), entry(2), entry(3));
    const cut = whole.slice(0, whole.indexOf(':Cause:', whole.indexOf('.. _WSGI0002:')) + 3);
    const { run } = extractFolder({ 'error-reference.rst': cut });
    expect(run.status).toBe(1);
    const first = run.stderr.split('\n').find((l) => /^\s*\d+:\d+/.test(l)) ?? '';
    expect(first).toMatch(new RegExp(`^\\s*${at(cut, '.. _WSGI0002:')}\\s+error\\s.*truncated`));
    expect(run.stderr).not.toContain('dangling-ref');
  });
});
