// The word index cut into small chunks: no word is lost, moved or doubled,
// and Pagefind's rule for choosing a chunk (the first whose range holds the
// query word) finds every word in the chunk that holds it. Checked on random
// word lists and on the index of the built sample and corpus sites.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrayHead, children, textAt, textItem, unpack } from '../../scripts/search/cbor.js';
import { splitWords, wordsOf, type IndexWord, type WordChunk } from '../../scripts/search/pagefind-chunks.js';
import { corpusMissing, corpusSite, sampleSite, skipping } from '../support/sites.js';

/** Rust compares strings by their UTF-8 bytes; so does the runtime choosing a chunk. */
const compare = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** Pagefind's lookup (pagefind_web, try_request_indexes without the fallback): the first chunk with from <= word <= to. */
function chunkFor(ranges: readonly { from: string; to: string }[], word: string): number {
  return ranges.findIndex((r) => compare(word, r.from) >= 0 && compare(word, r.to) <= 0);
}

/** A word item as Pagefind writes it: [text, [[page, [locations], []]], []], padded to `size` locations. */
function wordItem(word: string, size: number): IndexWord {
  const locations = Array.from({ length: size }, (_, k) => Buffer.from([k % 24]));
  const page = Buffer.concat([arrayHead(3), Buffer.from([0]), arrayHead(size), ...locations, arrayHead(0)]);
  return { word, item: Buffer.concat([arrayHead(3), textItem(word), arrayHead(1), page, arrayHead(0)]) };
}

function checkChunks(words: readonly IndexWord[], chunks: readonly WordChunk[]): void {
  const back = chunks.flatMap((c) => wordsOf(c.cbor));
  expect(back.map((w) => w.word)).toEqual(words.map((w) => w.word));
  expect(Buffer.concat(back.map((w) => w.item)).equals(Buffer.concat(words.map((w) => w.item)))).toBe(true);
  let at = 0;
  chunks.forEach((chunk, k) => {
    for (const w of wordsOf(chunk.cbor)) {
      expect(chunkFor(chunks, w.word), `${w.word} is looked up in chunk ${k}`).toBe(k);
      at++;
    }
    if (k > 0) expect(compare((chunks[k - 1] as WordChunk).to, chunk.from)).toBeLessThan(0);
  });
  expect(at).toBe(words.length);
}

/** Any query word finds a chunk, and the words before that chunk sort before the query and those after it after. */
function checkLookup(chunks: readonly WordChunk[], query: string): void {
  const k = chunkFor(chunks, query);
  expect(k, query).toBeGreaterThanOrEqual(0);
  for (const w of chunks.slice(0, k).flatMap((c) => wordsOf(c.cbor))) expect(compare(w.word, query)).toBeLessThan(0);
  for (const w of chunks.slice(k + 1).flatMap((c) => wordsOf(c.cbor))) expect(compare(w.word, query)).toBeGreaterThan(0);
}

const sortedWords = fc
  .uniqueArray(fc.oneof(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 })), { minLength: 1, maxLength: 300 })
  .map((list) => list.sort(compare));

describe('cutting the word index into chunks', () => {
  it('keeps every word, in order, and Pagefind finds each in its own chunk', () => {
    fc.assert(
      fc.property(sortedWords, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 8, max: 400 }), (list, spread, target) => {
        const words = list.map((w, k) => wordItem(w, 1 + ((k * 7) % spread)));
        checkChunks(words, splitWords(words, target));
      }),
      { numRuns: 300, seed: 20261122 }
    );
  });

  it('leaves no gap between chunks: any query word finds the one chunk where it would sort', () => {
    fc.assert(
      fc.property(sortedWords, fc.array(fc.string({ unit: 'grapheme', maxLength: 8 }), { maxLength: 20 }), fc.integer({ min: 8, max: 200 }), (list, queries, target) => {
        const chunks = splitWords(list.map((w) => wordItem(w, 3)), target);
        for (const q of [...queries, ...list.map((w) => w.slice(0, 2))]) checkLookup(chunks, q);
      }),
      { numRuns: 300, seed: 20261122 }
    );
  });

  it('keeps chunks near the target size, and a word larger than it alone', () => {
    const words = Array.from({ length: 400 }, (_, k) => wordItem(`w${String(k).padStart(4, '0')}`, 10));
    words.splice(200, 0, wordItem('w0199z', 3000));
    const chunks = splitWords(words, 400);
    const sizes = chunks.map((c) => c.cbor.length);
    expect(Math.max(...sizes.filter((_, k) => wordsOf((chunks[k] as WordChunk).cbor).length > 1))).toBeLessThanOrEqual(400 * 1.6 + 32);
    expect(chunks.some((c) => wordsOf(c.cbor).map((w) => w.word).join() === 'w0199z')).toBe(true);
  });

  it('cuts where neighbouring words share the least, so prefix queries stay in one chunk', () => {
    const group = (stem: string, n: number) => Array.from({ length: n }, (_, k) => wordItem(`${stem}${String.fromCharCode(97 + k)}`, 4));
    const words = [...group('sock', 10), ...group('spool', 10), ...group('stack', 10)];
    const chunks = splitWords(words, 150);
    expect(chunks.length).toBeGreaterThan(1);
    for (const stem of ['sock', 'spool', 'stack']) {
      const holding = chunks.filter((c) => wordsOf(c.cbor).some((w) => w.word.startsWith(stem)));
      expect(holding, stem).toHaveLength(1);
    }
  });
});

/** The chunk ranges a built site's meta file lists, and the words of each chunk file. */
function builtIndex(site: string): { ranges: { from: string; to: string; file: string }[]; words: string[][] } {
  const dir = path.join(site, 'pagefind');
  const metaFile = readdirSync(dir).find((f) => f.endsWith('.pf_meta'));
  if (!metaFile) throw new Error(`no meta file in ${dir}`);
  const meta = unpack(readFileSync(path.join(dir, metaFile)));
  const list = children(meta, 0)[2];
  if (!list) throw new Error('no chunk list');
  const ranges = children(meta, list.start).map((entry) => {
    const [from, to, file] = children(meta, entry.start).map((i) => textAt(meta, i.start) ?? '');
    return { from: from ?? '', to: to ?? '', file: file ?? '' };
  });
  const words = ranges.map((r) => wordsOf(unpack(readFileSync(path.join(dir, 'index', `${r.file}.pf_index`)))).map((w) => w.word));
  return { ranges, words };
}

const corpusSkip = skipping('corpus index chunk tests', corpusMissing() ?? (existsSync(path.join(corpusSite, 'pagefind')) ? null : `no built site at ${corpusSite}`));

describe('the word index of the built sites', () => {
  for (const [name, site, skip] of [
    ['sample', sampleSite, !existsSync(path.join(sampleSite, 'pagefind'))],
    ['corpus', corpusSite, corpusSkip]
  ] as const) {
    it.skipIf(skip)(`${name}: every word is found in the chunk that holds it, and no chunk is left unlisted`, () => {
      const { ranges, words } = builtIndex(site);
      words.forEach((list, k) => {
        for (const word of list) expect(chunkFor(ranges, word), word).toBe(k);
      });
      const all = words.flat();
      expect([...all].sort(compare)).toEqual(all);
      expect(new Set(all).size).toBe(all.length);
      const files = readdirSync(path.join(site, 'pagefind', 'index'));
      expect(files.sort()).toEqual(ranges.map((r) => `${r.file}.pf_index`).sort());
    });
  }

  it.skipIf(corpusSkip)('corpus: chunks of a few kilobytes, so a word costs a few kilobytes to look up', () => {
    const dir = path.join(corpusSite, 'pagefind', 'index');
    const sizes = readdirSync(dir).map((f) => readFileSync(path.join(dir, f)).length);
    expect(sizes.length).toBeGreaterThan(20);
    expect(Math.max(...sizes)).toBeLessThan(10_000);
  });
});
