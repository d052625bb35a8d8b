// What the index stage changes in the bundle Pagefind 1.5.2 writes, before
// the site is swapped in:
// - The word index is cut into small chunks (pagefind-chunks.ts), so a query
//   downloads a few kilobytes per word instead of about 25.
// - Filter values, and the list of filters in the meta file, are put in
//   sorted order: Pagefind writes them in hash-map order, so two builds of the
//   same site would differ in a few bytes and file names.
// - Every file rewritten is named by its content again, as Pagefind names it.
//
// Words, pages and filter values are moved as whole CBOR items, never
// re-encoded; only the arrays around them, and the names and ranges the meta
// file lists, are written anew. The files are gzip(`pagefind_dcd` + CBOR).
import { createHash } from 'node:crypto';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { arrayHead, children, type Item, pack, textAt, textItem, unpack } from './cbor.js';
import { splitWords, wordsOf, type IndexWord } from './pagefind-chunks.js';

export interface BundleOptions {
  /** About how many bytes of CBOR each word-index chunk holds (Pagefind's own are about 50,000). */
  chunkBytes: number;
}

const hash = (bytes: Buffer, length: number) => createHash('sha256').update(bytes).digest('hex').slice(0, length);

/** The first text string inside an item (a filter value's or a filter's name), for sorting. */
function firstText(bytes: Buffer, item: Item): string {
  const [first] = children(bytes, item.start);
  return (first && textAt(bytes, first.start)) ?? '';
}

/** A copy of `bytes` with the items of the array at `at` in order of their first text. */
function sortArray(bytes: Buffer, at: number): Buffer {
  const items = children(bytes, at);
  if (items.length === 0) return bytes;
  const keyed = items.map((item) => ({ item, key: firstText(bytes, item) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const first = items[0] as Item;
  const last = items[items.length - 1] as Item;
  return Buffer.concat([bytes.subarray(0, first.start), ...keyed.map(({ item }) => bytes.subarray(item.start, item.end)), bytes.subarray(last.end)]);
}

/** `bytes` with the item at `item` replaced. */
const replaceItem = (bytes: Buffer, item: Item, by: Buffer): Buffer => Buffer.concat([bytes.subarray(0, item.start), by, bytes.subarray(item.end)]);

/** A name for `bytes` that no other file of its kind has, as long as Pagefind's (seven hex digits) when it can be. */
function uniqueName(language: string, bytes: Buffer, taken: Set<string>): string {
  for (let length = 7; ; length++) {
    const name = `${language}_${hash(bytes, length)}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

async function rechunk(bundleDir: string, language: string, meta: Buffer, options: BundleOptions): Promise<Buffer> {
  const indexDir = path.join(bundleDir, 'index');
  // Meta: [version, pages, index chunks [[from, to, hash]], filters, sorts, meta fields].
  const chunkList = children(meta, 0)[2];
  if (!chunkList) throw new Error('pagefind: a meta file without index chunks');
  const old = children(meta, chunkList.start).map((entry) => {
    const name = textAt(meta, (children(meta, entry.start)[2] as Item).start);
    if (!name) throw new Error('pagefind: an index chunk without a name');
    return name;
  });
  const files = await Promise.all(old.map((name) => readFile(path.join(indexDir, `${name}.pf_index`))));
  const words: IndexWord[] = files.flatMap((file) => wordsOf(unpack(file)));
  const taken = new Set<string>();
  const chunks = splitWords(words, options.chunkBytes).map((chunk) => ({ ...chunk, name: uniqueName(language, chunk.cbor, taken) }));
  await Promise.all(chunks.map((chunk) => writeFile(path.join(indexDir, `${chunk.name}.pf_index`), pack(chunk.cbor))));
  await Promise.all(old.filter((name) => !taken.has(name)).map((name) => rm(path.join(indexDir, `${name}.pf_index`))));
  const listed = chunks.map((chunk) => Buffer.concat([arrayHead(3), textItem(chunk.from), textItem(chunk.to), textItem(chunk.name)]));
  return replaceItem(meta, chunkList, Buffer.concat([arrayHead(listed.length), ...listed]));
}

async function sortFilters(bundleDir: string, language: string, meta: Buffer): Promise<Buffer> {
  const filterDir = path.join(bundleDir, 'filter');
  const files = (await readdir(filterDir).catch(() => [] as string[])).filter((f) => f.startsWith(`${language}_`) && f.endsWith('.pf_filter'));
  // All are read before any is written: a new name may be an old one.
  const sorted = await Promise.all(
    files.map(async (file) => {
      // [filter name, [[value, [pages]], ...]]: sort the values.
      const cbor = unpack(await readFile(path.join(filterDir, file)));
      const values = children(cbor, 0)[1];
      if (!values) throw new Error(`pagefind: ${file} has no values`);
      return { old: file.replace(/\.pf_filter$/, ''), cbor: sortArray(cbor, values.start) };
    })
  );
  await Promise.all(files.map((file) => rm(path.join(filterDir, file))));
  const renamed = new Map<string, string>();
  const taken = new Set<string>();
  await Promise.all(
    sorted.map((filter) => {
      const name = uniqueName(language, filter.cbor, taken);
      renamed.set(filter.old, name);
      return writeFile(path.join(filterDir, `${name}.pf_filter`), pack(filter.cbor));
    })
  );
  // The meta file's filters: [[name, file], ...], renamed, then sorted by name.
  const filterList = children(meta, 0)[3];
  if (!filterList) return meta;
  const entries = children(meta, filterList.start).map((entry) => {
    const [filter, file] = children(meta, entry.start).map((item) => textAt(meta, item.start));
    if (!filter || !file) throw new Error('pagefind: a filter without a name or file');
    return Buffer.concat([arrayHead(2), textItem(filter), textItem(renamed.get(file) ?? file)]);
  });
  const updated = replaceItem(meta, filterList, Buffer.concat([arrayHead(entries.length), ...entries]));
  return sortArray(updated, filterList.start);
}

/** The files a language of the bundle starts with, as they are named once tuned. */
export interface LanguageFiles {
  meta: string;
  wasm: string;
}

export async function tunePagefind(bundleDir: string, options: BundleOptions): Promise<LanguageFiles[]> {
  const entryFile = path.join(bundleDir, 'pagefind-entry.json');
  const entry = JSON.parse(await readFile(entryFile, 'utf8')) as { languages: Record<string, { hash: string; wasm?: string | null }> };
  for (const [language, info] of Object.entries(entry.languages)) {
    const metaFile = path.join(bundleDir, `pagefind.${info.hash}.pf_meta`);
    let meta = unpack(await readFile(metaFile));
    meta = await rechunk(bundleDir, language, meta, options);
    meta = await sortFilters(bundleDir, language, meta);
    const metaHash = `${language}_${hash(meta, 10)}`;
    await rm(metaFile);
    await writeFile(path.join(bundleDir, `pagefind.${metaHash}.pf_meta`), pack(meta));
    info.hash = metaHash;
  }
  await writeFile(entryFile, JSON.stringify(entry));
  return Object.values(entry.languages).map((info) => ({ meta: `pagefind.${info.hash}.pf_meta`, wasm: `wasm.${info.wasm ?? 'unknown'}.pagefind` }));
}
