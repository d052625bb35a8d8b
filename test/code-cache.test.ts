// The build's bundle runs with V8's code cache: made by the first run, used by
// the next, ignored (and made again) when V8 will not take it. Each load runs
// in a process of its own, as each build does: within one process V8 keeps
// compiled scripts in memory and would not look at the cache at all.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, test } from 'vitest';

const root = mkdtempSync(path.join(tmpdir(), 'wsgi-code-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const codeCache = pathToFileURL(path.resolve('scripts/code-cache.mjs')).href;

// A CommonJS module as esbuild writes the build's bundle: Node's wrapper
// arguments, and the ES-module-only packages handed in.
const source = `
const join = require('node:path').join;
function greet(name) { return 'hello ' + name; }
module.exports = { greeting: greet(__esmExternals.word.value), joined: join(__dirname, 'x'), file: __filename };
`;

interface Load {
  cached: boolean;
  cacheFile: string;
  exports: unknown;
  saved: boolean;
}

/** Loads and runs `file` in a new Node process, then saves its cache, as runBundled does at exit. */
function load(file: string, word: string): Load {
  return JSON.parse(execFileSync(process.execPath, [loader, file, word], { encoding: 'utf8' })) as Load;
}
// A file, not node -e: the cache is named for Node's options, and -e's script is one.
const loader = path.join(root, 'load.mjs');
writeFileSync(
  loader,
  `const { loadWithCodeCache } = await import(${JSON.stringify(codeCache)});
const [file, word] = process.argv.slice(2);
const loaded = loadWithCodeCache(file);
const exports = loaded.run({ word: { value: word } });
console.log(JSON.stringify({ cached: loaded.cached, cacheFile: loaded.cacheFile, exports, saved: loaded.save() }));
`
);

test('the first run makes the cache, the next one uses it and gets the same exports', () => {
  const file = path.join(root, 'first.cjs');
  writeFileSync(file, source);
  const first = load(file, 'world');
  expect(first).toMatchObject({ cached: false, saved: true, exports: { greeting: 'hello world', joined: path.join(root, 'x'), file } });
  expect(readFileSync(first.cacheFile).length).toBeGreaterThan(0);

  const second = load(file, 'again');
  // A cache that was used is not written again.
  expect(second).toMatchObject({ cached: true, saved: false, cacheFile: first.cacheFile, exports: { greeting: 'hello again', joined: path.join(root, 'x'), file } });
});

test('a damaged cache is ignored, the module still runs, and the cache is made again', () => {
  const file = path.join(root, 'damaged.cjs');
  writeFileSync(file, source);
  const { cacheFile } = load(file, 'first');
  const good = readFileSync(cacheFile);
  for (const damage of [Buffer.from('not a cache'), good.subarray(0, Math.floor(good.length / 2)), Buffer.alloc(0)]) {
    writeFileSync(cacheFile, damage);
    expect(load(file, 'still')).toMatchObject({ cached: false, saved: true, exports: { greeting: 'hello still' } });
    expect(load(file, 'then').cached).toBe(true);
  }
});

test('an edited file is not run from the old cache, even at the same length (which is all V8 checks)', () => {
  const file = path.join(root, 'edited.cjs');
  writeFileSync(file, source);
  expect(load(file, 'first').saved).toBe(true);
  const edited = source.replace("'hello '", "'howdy '");
  expect(edited).toHaveLength(source.length);
  writeFileSync(file, edited);
  expect(load(file, 'there')).toMatchObject({ cached: false, exports: { greeting: 'howdy there' } });
});

test('a cache that cannot be written costs nothing but the next run its compiling', () => {
  const file = path.join(root, 'unwritable.cjs');
  writeFileSync(file, source);
  const { cacheFile } = load(file, 'first');
  // The cache's place is taken by a folder: the write fails, quietly, and leaves no temporary file.
  rmSync(cacheFile);
  mkdirSync(cacheFile);
  expect(load(file, 'anyway')).toMatchObject({ cached: false, saved: false, exports: { greeting: 'hello anyway' } });
  expect(readdirSync(root).filter((n) => n.includes('.tmp-'))).toEqual([]);
  expect(load(file, 'again').cached).toBe(false);
});
