// The bundle cache: built once, reused while every source is unchanged, made
// again when one changes; a run killed mid-bundle leaves nothing that lasts.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { afterAll, expect, test } from 'vitest';
import { cachedBundle, cachedTransform } from '../scripts/cached-bundle.mjs';

const root = mkdtempSync(path.join(tmpdir(), 'wsgi-cache-'));
const cache = path.join(root, 'cache');
mkdirSync(cache);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const options = { entryPoints: ['main.ts'], outfile: 'main.mjs', bundle: true, format: 'esm' as const, platform: 'node' as const };

test('a bundle is made once and reused until one of its sources changes', async () => {
  writeFileSync(path.join(root, 'main.ts'), "import { word } from './word.js';\nexport const said: string = word;\n");
  writeFileSync(path.join(root, 'word.ts'), "export const word = 'one';\n");
  const first = await cachedBundle(cache, 'main', root, options);
  expect(first.built).toBe(true);
  expect(first.files).toEqual(['main.mjs']);
  expect(readFileSync(path.join(first.dir, 'main.mjs'), 'utf8')).toContain('"one"');

  const second = await cachedBundle(cache, 'main', root, options);
  expect(second).toEqual({ ...first, built: false });

  // A change in a file the entry imports, not only in the entry.
  writeFileSync(path.join(root, 'word.ts'), "export const word = 'two';\n");
  const third = await cachedBundle(cache, 'main', root, options);
  expect(third.built).toBe(true);
  expect(third.dir).not.toBe(first.dir);
  expect(readFileSync(path.join(third.dir, 'main.mjs'), 'utf8')).toContain('"two"');

  // Other options are another bundle.
  expect((await cachedBundle(cache, 'main', root, { ...options, minify: true })).built).toBe(true);
});

test('leftovers of a process that is gone are removed; a live one is left alone', async () => {
  mkdirSync(path.join(cache, 'main.tmp-999996-1'));
  writeFileSync(path.join(cache, 'build-999996.mjs'), '');
  mkdirSync(path.join(cache, `main.tmp-${process.ppid}-1`));
  await cachedBundle(cache, 'main', root, options);
  const names = readdirSync(cache);
  expect(names.filter((n) => n.includes('999996'))).toEqual([]);
  expect(names).toContain(`main.tmp-${process.ppid}-1`);
});

test('a plugin is keyed by its code: editing what it does makes a new bundle', async () => {
  writeFileSync(path.join(root, 'main.ts'), "export const said: string = 'plain';\n");
  // Two versions of one plugin: the same name, another word in its code.
  const one: Plugin = { name: 'word', setup: (b) => b.onLoad({ filter: /main\.ts$/ }, (a) => ({ contents: readFileSync(a.path, 'utf8').replace('plain', 'ONE'), loader: 'ts' })) };
  const two: Plugin = { name: 'word', setup: (b) => b.onLoad({ filter: /main\.ts$/ }, (a) => ({ contents: readFileSync(a.path, 'utf8').replace('plain', 'TWO'), loader: 'ts' })) };
  const first = await cachedBundle(cache, 'plugged', root, { ...options, plugins: [one] });
  expect(readFileSync(path.join(first.dir, 'main.mjs'), 'utf8')).toContain('"ONE"');
  expect((await cachedBundle(cache, 'plugged', root, { ...options, plugins: [one] })).built).toBe(false);
  const edited = await cachedBundle(cache, 'plugged', root, { ...options, plugins: [two] });
  expect(edited.built).toBe(true);
  expect(readFileSync(path.join(edited.dir, 'main.mjs'), 'utf8')).toContain('"TWO"');
});

test('a transform (the minified Pagefind runtime) is made once, again when its source changes, and only the newest is kept', async () => {
  const minify = { loader: 'js' as const, minify: true };
  const first = await cachedTransform(cache, 'runtime', root, 'export const answer = 40 + 2;\n', minify);
  expect(first.built).toBe(true);
  expect(first.code).not.toContain(' + ');
  expect(await cachedTransform(cache, 'runtime', root, 'export const answer = 40 + 2;\n', minify)).toEqual({ ...first, built: false });
  const changed = await cachedTransform(cache, 'runtime', root, 'export const answer = 41 + 1;\n', minify);
  expect(changed.built).toBe(true);
  expect(readdirSync(cache).filter((n) => n.startsWith('runtime-'))).toHaveLength(1);
  // Other options are another output.
  expect((await cachedTransform(cache, 'runtime', root, 'export const answer = 41 + 1;\n', { loader: 'js' })).built).toBe(true);
});
