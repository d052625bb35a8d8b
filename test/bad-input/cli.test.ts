// Hostile input to `wsgi-errors`, run in process against the sample in
// content/ (no built site needed): a code far out in an over-long log line.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeInLine } from '../../scripts/cli/scan/prefilter.js';
import { type Hit, LogScanner } from '../../scripts/cli/scan/scanner.js';
import { run } from '../../scripts/cli/run.js';
import { buildModel } from '../../scripts/model/build-model.js';
import { readDocs } from '../../scripts/model/read-docs.js';
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
    return { matcher: createMatcher(data), templates: data.templates.map((t) => t.text) };
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
