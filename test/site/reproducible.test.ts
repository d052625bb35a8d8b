// Two builds of the same input are byte-identical; a failed build reports
// file:line:column, exits non-zero and leaves the previous output as it was.
import { readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { build } from '../global-setup.js';
import { fixturePath } from '../support.js';
import { ownOutput, runBuild, snapshot } from './build-command.js';

function differences(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const out: string[] = [];
  for (const [file, bytes] of a) {
    const other = b.get(file);
    if (!other) out.push(`${file}: only in the first build`);
    else if (!bytes.equals(other)) out.push(`${file}: bytes differ`);
  }
  for (const file of b.keys()) if (!a.has(file)) out.push(`${file}: only in the second build`);
  return out;
}

describe('reproducible builds', () => {
  let a = new Map<string, Buffer>();
  let b = new Map<string, Buffer>();

  beforeAll(async () => {
    const first = ownOutput('repro-a');
    const second = ownOutput('repro-b');
    await rm(first, { recursive: true, force: true });
    await rm(second, { recursive: true, force: true });
    build(['--out', first]);
    build(['--out', second]);
    a = snapshot(first);
    b = snapshot(second);
  });

  // Kept apart from the whole-site check so that a difference in our own
  // output is told from one in the search index Pagefind writes.
  test('the pages, feeds and scripts of the sample built twice are byte-identical', () => {
    const ours = (m: Map<string, Buffer>) => new Map([...m].filter(([f]) => !f.startsWith('pagefind/')));
    expect(ours(a).size).toBeGreaterThan(40);
    expect([...a.keys()]).toContain('errors/WSGI0030/index.html');
    expect(differences(ours(a), ours(b))).toEqual([]);
  });

  test('the output folder can be read by a web server running as another user', () => {
    for (const dir of [ownOutput('repro-a'), path.join(ownOutput('repro-a'), 'errors')]) expect((statSync(dir).mode & 0o777).toString(8), dir).toBe('755');
  });

  test('the whole sample site built twice into fresh folders is byte-identical, search index included', () => {
    expect(a.size).toBeGreaterThan(40);
    expect(differences(a, b)).toEqual([]);
  });

  test('the comparison notices a difference (it can fail)', () => {
    const a = new Map([['x.html', Buffer.from('<p>a</p>')]]);
    expect(differences(a, new Map([['x.html', Buffer.from('<p>b</p>')]]))).toEqual(['x.html: bytes differ']);
    expect(differences(a, new Map())).toEqual(['x.html: only in the first build']);
  });
});

describe('a failed build', () => {
  test('exits non-zero with file:line:column diagnostics and leaves the previous site untouched', async () => {
    const out = ownOutput('kept');
    await rm(out, { recursive: true, force: true });
    build(['--out', out]);
    const before = snapshot(out);
    expect(before.size).toBeGreaterThan(40);

    const run = runBuild(['--docs', fixturePath('docs-broken'), '--out', out]);
    expect(run.status).not.toBe(0);
    // The reporter prints the file, then one line per problem starting with line:column.
    expect(run.stderr).toMatch(/docs-broken\/error-reference\.rst\n/);
    expect(run.stderr).toMatch(/^\s*\d+:\d+(-\d+:\d+)?\s+error\s+.+\s[a-z-]+\s+wsgi-model$/m);
    expect(run.stderr).toMatch(/duplicate-code/);
    expect(run.stderr).toMatch(/left as it was/);

    const after = snapshot(out);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [file, bytes] of before) expect(after.get(file)?.equals(bytes), file).toBe(true);
    // No half-written temporary folder is left beside it either.
    const leftovers = readdirSync(path.dirname(out)).filter((n) => n.startsWith('.kept.'));
    expect(leftovers).toEqual([]);
  });

  test('a docs folder that does not exist fails the same way', async () => {
    const out = ownOutput('kept-missing');
    await rm(out, { recursive: true, force: true });
    build(['--out', out]);
    const before = snapshot(out);
    const run = runBuild(['--docs', path.join(path.dirname(out), 'no-such-docs'), '--out', out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no-such-docs: no such folder/);
    expect(snapshot(out)).toEqual(before);
  });
});
