// Hostile input to `wsgi-errors`, run in process against the sample in
// content/ (no built site needed): a code far out in an over-long log line,
// codes the build does not read as mentions (in a URL, in an HTML comment),
// symbolic links and link cycles in a runbook folder.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeInLine } from '../../scripts/model/code-syntax.js';
import { type Hit, LogScanner } from '../../scripts/cli/scan/scanner.js';
import { run } from '../../scripts/cli/run.js';
import { buildModel } from '../../scripts/model/build-model.js';
import { readDocs, readRunbooks } from '../../scripts/model/read-docs.js';
import type { Diagnostic } from '../../scripts/model/types.js';
import { compileMatcher, createMatcher } from '../../scripts/search/matcher.js';
import { root } from '../support/sites.js';

const content = path.join(root, 'content');

interface Ran {
  status: number;
  stdout: string;
  stderr: string;
}

/** The tool in this process, its output collected. */
async function cli(...argv: string[]): Promise<Ran> {
  const collect = () => {
    const parts: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        parts.push(String(chunk));
        done();
      }
    });
    return { stream, text: () => parts.join('') };
  };
  const out = collect();
  const err = collect();
  const status = await run([...argv, '--docs', content], { stdout: out.stream, stderr: err.stream });
  return { status, stdout: out.text(), stderr: err.text() };
}

let tmp = '';
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'wsgi-errors-bad-input-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A fresh folder under the temporary one, with these files (relative path -> text). */
async function folder(name: string, files: Record<string, string> = {}): Promise<string> {
  const dir = path.join(tmp, name);
  await mkdir(dir, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return dir;
}

describe('scan: a code far out in an over-long line', () => {
  const matcherOf = async () => {
    const docs = await readDocs(content);
    const built = buildModel(docs.inputs, { allDocs: docs.allDocs });
    const data = compileMatcher(built.model.errors);
    return { matcher: createMatcher(data), templates: data.templates.map((t) => t.segments) };
  };

  function scan(chunks: readonly Buffer[], setup: Awaited<ReturnType<typeof matcherOf>>, maxLine?: number) {
    const hits: Hit[] = [];
    const scanner = new LogScanner({ ...setup, onHit: (h) => hits.push(h), ...(maxLine ? { maxLine } : {}) });
    for (const c of chunks) scanner.push(c);
    scanner.end();
    return { hits, lines: scanner.lines };
  }
  const slices = (buf: Buffer, size: number) => Array.from({ length: Math.ceil(buf.length / size) }, (_, i) => buf.subarray(i * size, (i + 1) * size));

  it('tags a line by its first code wherever it is, whatever the chunk boundaries', async () => {
    const setup = await matcherOf();
    // Pieces that make codes, near-codes (`wsgi00305`, `xwsgi0030`) and line ends.
    const piece = fc.constantFrom('a', ' ', 'x', 'wsgi', 'WSGI', 'Wsgi-', 'wsgi ', '0030', '0117', '5', '\r', 'zzzzzzzzzzzzzzzzzzzz');
    const line = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), fc.boolean(), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 8, max: 60 }), (lines, ended, size, maxLine) => {
        const { hits, lines: counted } = scan(slices(Buffer.from(lines.join('\n') + (ended ? '\n' : '')), size), setup, maxLine);
        // Without a final newline, an empty last line is no line.
        expect(counted).toBe(!ended && lines.at(-1) === '' ? lines.length - 1 : lines.length);
        const tagged = hits.filter((h) => h.tagged).map((h) => [h.line, h.codes]);
        const expected = lines.flatMap((l, i) => {
          const m = codeInLine.exec(l.replace(/\r$/, ''));
          return m ? [[i + 1, [`WSGI${m[1] as string}`]]] : [];
        });
        expect(tagged).toEqual(expected);
      }),
      { numRuns: 300 }
    );
  });

  it('finds WSGI0030 at 40 KiB and at 200 KiB into a line, through the command', async () => {
    const dir = await folder('long-lines');
    const log = path.join(dir, 'error.log');
    const head = '[Sat Nov 21 19:00:01.000001 2026] [wsgi:crit] [pid 2] ';
    const lines = [
      `${head}WSGI0031: short line`,
      `${head}${'x'.repeat(40 * 1024)} WSGI0030: past the cut, inside the working buffer`,
      `${head}${'y'.repeat(200 * 1024)} WSGI0117: past the working buffer`,
      `${head}${'z'.repeat(200 * 1024)} wsgi00305 is no code`,
      `${head}${'w'.repeat(100 * 1024)}WSGI0030 touches a word, so it is no code`
    ];
    await writeFile(log, lines.join('\n') + '\n');
    const json = await cli('scan', log, '--json');
    expect(json.status).toBe(0);
    expect(json.stderr).toBe('');
    const records = json.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const matches = records.filter((r) => r.type === 'match').map((r) => [r.line, r.tagged, (r.entries as { code: string }[]).map((e) => e.code), (r.text as string).length]);
    expect(matches).toEqual([
      [1, true, ['WSGI0031'], lines[0]?.length],
      [2, true, ['WSGI0030'], 32 * 1024],
      [3, true, ['WSGI0117'], 32 * 1024]
    ]);
    expect(records.at(-1)).toMatchObject({ type: 'summary', lines: 5, matched: 3, tagged: 3, untagged: 0 });

    const text = await cli('scan', log, '--quiet');
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Scanned 5 lines (');
    expect(text.stdout).toContain(': 3 matched (3 with a code, 0 by message).');
  });
});

describe('check-links reads runbooks as the build does', () => {
  const front = '---\ntitle: A runbook\nsummary: For the test.\n---\n\n';
  const hidden =
    front +
    '# Codes that are no mention\n\n' +
    'The old page was [here](https://example.com/errors/wsgi0999/), or see https://example.com/errors/wsgi0999/.\n\n' +
    '<!-- wsgi0999 and WSGI0999 were never allocated -->\n\n' +
    'Look for WSGI0030 first.\n';

  /** The build's verdict on the runbooks in `dir`: its diagnostics for them. */
  async function modelVerdict(dir: string): Promise<Diagnostic[]> {
    const docs = await readDocs(content);
    const { model } = buildModel(docs.inputs, { allDocs: docs.allDocs, runbooks: await readRunbooks(dir, { given: true }) });
    return model.diagnostics.filter((d) => d.file.startsWith(dir));
  }

  /** check-links's problems, as the build's diagnostics are shaped. */
  function cliVerdict(stdout: string): Omit<Diagnostic, 'message'>[] {
    return stdout.split('\n').flatMap((l) => {
      const m = /^(.+):(\d+):(\d+): (error|warning): .*  (\S+)$/.exec(l);
      return m ? [{ file: m[1] as string, line: Number(m[2]), column: Number(m[3]), fatal: m[4] === 'error', ruleId: m[5] as string }] : [];
    });
  }

  it('accepts wsgi0999 in a URL and in an HTML comment, as the build does (exit 0)', async () => {
    const dir = await folder('hidden', { 'hidden.md': hidden });
    expect(await modelVerdict(dir)).toEqual([]);
    const r = await cli('check-links', dir);
    expect(r).toEqual({ status: 0, stdout: '1 file, 1 code mention: 0 unknown, 0 retired\n', stderr: '' });
  });

  it('reports what the build reports, at the same places with the same rule ids (exit 1)', async () => {
    const dir = await folder('verdicts', {
      'hidden.md': hidden,
      'bad.md': `${front}# Bad\n\nIf you see WSGI0999, or \`WSGI0998\`, the log is not ours; WSGI0037 is retired.\n\n\`\`\`text\n[wsgi:error] WSGI0997: pasted\n\`\`\`\n`,
      'no-front.md': '# No front matter\n\nWSGI0030 only.\n'
    });
    const model = await modelVerdict(dir);
    expect(model.map((d) => d.ruleId).sort()).toEqual(['missing-front-matter', 'missing-front-matter', 'retired-code', 'unknown-code', 'unknown-code', 'unknown-code']);
    const r = await cli('check-links', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(cliVerdict(r.stdout)).toEqual(model.map(({ message: _, ...d }) => d));
    // The build's wording, with the nearest codes that exist.
    for (const d of model) expect(r.stdout).toContain(`${d.file}:${d.line}:${d.column}: ${d.fatal ? 'error' : 'warning'}: ${d.message}`);
    expect(r.stdout).toContain(`${path.join(dir, 'bad.md')}:8:12: error: \`WSGI0999\` is not a code in the error reference (nearest: WSGI0039, WSGI0116, WSGI0117)  unknown-code`);
    expect(r.stdout).toMatch(/\n3 files, 6 code mentions: 3 unknown, 1 retired, 2 other problems\n$/);
  });
});

describe('check-links walks symbolic links', () => {
  it('follows a symlinked runbook folder and a symlinked runbook (exit 1)', async () => {
    const real = await folder('real-runbooks', { 'deep/unknown.md': '---\ntitle: T\nsummary: S\n---\n\nWSGI0999 here.\n' });
    const dir = await folder('linked-runbooks');
    await symlink(real, path.join(dir, 'shared'), 'dir');
    await symlink(path.join(real, 'deep/unknown.md'), path.join(dir, 'alias.md'));
    const r = await cli('check-links', dir);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      `${dir}/alias.md:6:1: error: \`WSGI0999\` is not a code in the error reference (nearest: WSGI0039, WSGI0116, WSGI0117)  unknown-code`,
      `${dir}/shared/deep/unknown.md:6:1: error: \`WSGI0999\` is not a code in the error reference (nearest: WSGI0039, WSGI0116, WSGI0117)  unknown-code`,
      '',
      '2 files, 2 code mentions: 2 unknown, 0 retired',
      ''
    ]);
  });

  it('walks a symlink cycle once and ends (exit 0)', async () => {
    const dir = await folder('cycle', { 'sub/ok.md': '---\ntitle: T\nsummary: S\n---\n\nWSGI0030 here.\n' });
    await symlink('..', path.join(dir, 'sub/up'), 'dir');
    await symlink('.', path.join(dir, 'self'), 'dir');
    await symlink(path.join(dir, 'sub'), path.join(dir, 'sub-again'), 'dir');
    const r = await cli('check-links', dir);
    expect(r).toEqual({ status: 0, stdout: '1 file, 1 code mention: 0 unknown, 0 retired\n', stderr: '' });
  });

  it('reports a runbook link that points nowhere (exit 1)', async () => {
    const dir = await folder('dangling', { 'ok.md': '---\ntitle: T\nsummary: S\n---\n\nWSGI0030 here.\n' });
    await symlink(path.join(dir, 'gone.md'), path.join(dir, 'broken.md'));
    const r = await cli('check-links', dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${dir}/broken.md:1:1: error: cannot read this runbook: a symbolic link to nothing  unreadable-runbook`);
    expect(r.stdout).toContain('2 files, 1 code mention: 0 unknown, 0 retired, 1 other problem');
  });
});
