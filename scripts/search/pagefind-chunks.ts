// Pagefind 1.5.2 cuts its word index into chunks of 20,000 word locations (a
// fixed size with a "parameterize" TODO upstream), about 25 KB gzipped each
// here. A query downloads, and decompresses in JavaScript on the main thread,
// one chunk per word: two words cost 50 KB before any result. This cuts the
// same words, in the same order, into chunks of a few kilobytes, and names
// their ranges so that Pagefind's runtime, unchanged, finds them.
//
// Pagefind also matches a query word as a prefix (`sock` finds `socket`),
// but loads only the first chunk whose range holds the word. A cut between
// words sharing a long prefix would hide the second half from such a query,
// so cuts go where neighbouring words share the shortest prefix.
import { arrayHead, children, textAt } from './cbor.js';

/** One word of the index: its text and its whole CBOR item. */
export interface IndexWord {
  word: string;
  item: Buffer;
}

/** A chunk as the meta file lists it, with its CBOR (`WordIndex { words }`). */
export interface WordChunk {
  from: string;
  to: string;
  cbor: Buffer;
}

/** The words of one decoded index chunk, in order. */
export function wordsOf(chunk: Buffer): IndexWord[] {
  // WordIndex is [words]; each word is [text, pages, ...].
  const [words] = children(chunk, 0);
  if (!words) throw new Error('pagefind: an index chunk without words');
  return children(chunk, words.start).map((w) => {
    const [text] = children(chunk, w.start);
    const word = text ? textAt(chunk, text.start) : null;
    if (word === null) throw new Error('pagefind: an index word without text');
    return { word, item: chunk.subarray(w.start, w.end) };
  });
}

/** Letters (code points, as Pagefind counts them) two words share at their start. */
function commonPrefix(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let k = 0;
  while (k < x.length && k < y.length && x[k] === y[k]) k++;
  return k;
}

/**
 * Where to cut `words` so that each chunk holds about `target` bytes: among
 * the cuts that leave a chunk between 60% and 160% of the target, the one
 * whose neighbours share the shortest prefix, then the one nearest the target.
 * A word bigger than that makes a chunk of its own.
 */
export function cutPoints(words: readonly IndexWord[], target: number): number[] {
  const [min, max] = [target * 0.6, target * 1.6];
  const cuts: number[] = [];
  let start = 0;
  while (start < words.length) {
    let size = 0;
    let best = -1;
    let bestScore = Infinity;
    let end = start;
    for (; end < words.length; end++) {
      const length = (words[end] as IndexWord).item.length;
      if (end > start && size + length > max) {
        if (best < 0) best = end;
        break;
      }
      size += length;
      if (size < min || end === words.length - 1) continue;
      // A shared letter weighs as much as the whole window's spread in size.
      const score = commonPrefix((words[end] as IndexWord).word, (words[end + 1] as IndexWord).word) * target + Math.abs(size - target);
      if (score < bestScore) {
        bestScore = score;
        best = end + 1;
      }
    }
    const cut = end === words.length ? end : best;
    cuts.push(cut);
    start = cut;
  }
  return cuts;
}

/** Above every word: the last chunk's upper bound. */
const top = String.fromCodePoint(0x10ffff).repeat(2);

/**
 * The bounds either side of a cut between `last` and `first`: the next chunk
 * starts at the shortest prefix of `first` that `last` does not have, and this
 * one ends just below it. The ranges then leave no gap, so Pagefind's lookup
 * finds a chunk for every query word, and a word of more letters than the
 * neighbours share lands in the chunk holding all the words it begins.
 */
function bounds(last: string, first: string): [string, string] {
  const from = [...first].slice(0, commonPrefix(last, first) + 1);
  const end = (from.pop() as string).codePointAt(0) as number;
  // One code point less (skipping surrogates, which UTF-8 cannot hold), then the highest there is.
  const below = end - 1 >= 0xd800 && end - 1 <= 0xdfff ? 0xd7ff : end - 1;
  return [from.join('') + String.fromCodePoint(below) + top, from.join('') + String.fromCodePoint(end)];
}

/** The words cut into chunks of about `target` bytes of CBOR, with ranges that cover every string. */
export function splitWords(words: readonly IndexWord[], target: number): WordChunk[] {
  const chunks: WordChunk[] = [];
  let start = 0;
  let from = '';
  for (const cut of cutPoints(words, target)) {
    const part = words.slice(start, cut);
    const next = words[cut];
    const [to, after] = next ? bounds((part[part.length - 1] as IndexWord).word, next.word) : [top, ''];
    chunks.push({ from, to, cbor: Buffer.concat([arrayHead(1), arrayHead(part.length), ...part.map((w) => w.item)]) });
    [start, from] = [cut, after];
  }
  return chunks;
}
