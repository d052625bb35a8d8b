// Pagefind 1.5.2 writes each filter's values, and the meta file's list of
// filters, in hash-map order, which changes from run to run: two builds of the
// same site would differ in a few bytes and file names. This puts both in
// sorted order and names the filter files by their content again, as Pagefind
// does. Pagefind sorts them itself after 1.5.2; test/search/filter-order.test.ts
// fails once the installed Pagefind does, and then this file and its call go.
//
// The files are gzip(`pagefind_dcd` + CBOR). A filter file is [name, [[value,
// pages], ...]]; the meta file is [version, pages, index chunks, [[filter,
// file], ...], sorts, meta fields]. Values are moved as whole items, never
// re-encoded, and anything not shaped like that fails the build.
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

const signature = Buffer.from('pagefind_dcd');
const pack = (cbor: Buffer) => gzipSync(Buffer.concat([signature, cbor]), { level: 9 });
const hash = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const byKey = <T extends { key: string }>(a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

async function unpack(file: string): Promise<Buffer> {
  const bytes = gunzipSync(await readFile(file));
  if (!bytes.subarray(0, signature.length).equals(signature)) throw new Error(`${file}: not a Pagefind file`);
  return bytes.subarray(signature.length);
}

/** One CBOR item: where it starts, its major type and argument, where its content starts and where it ends. */
type Item = { start: number; major: number; value: number; content: number; end: number };

/** The CBOR item at `at` (definite lengths only, as Pagefind writes them). */
function itemAt(bytes: Buffer, at: number): Item {
  const first = bytes[at] ?? 0xff;
  const size = (first & 31) < 24 ? 0 : (first & 31) <= 27 ? 2 ** ((first & 31) - 24) : -1;
  if (size < 0 || at + 1 + size > bytes.length) throw new Error(`not CBOR as Pagefind writes it at byte ${at}`);
  const [major, content] = [first >> 5, at + 1 + size];
  const value = size === 0 ? first & 31 : size === 8 ? Number(bytes.readBigUInt64BE(at + 1)) : bytes.readUIntBE(at + 1, size);
  let end = content + (major === 2 || major === 3 ? value : 0);
  if (major === 4 || major === 5) for (let k = 0; k < value * (major - 3); k++) end = itemAt(bytes, end).end;
  if (major === 6) end = itemAt(bytes, end).end;
  return { start: at, major, value, content, end };
}

function children(bytes: Buffer, array: Item | undefined): Item[] {
  if (array?.major !== 4) throw new Error('expected an array');
  const items: Item[] = [];
  for (let at = array.content; items.length < array.value; at = (items[items.length - 1] as Item).end) items.push(itemAt(bytes, at));
  return items;
}

function text(bytes: Buffer, item: Item | undefined): string {
  if (item?.major !== 3) throw new Error('expected a text');
  return bytes.toString('utf8', item.content, item.end);
}

/** The head of an array (major 4) of `n` items or a text (major 3) of `n` bytes. */
function head(major: number, n: number): Buffer {
  const size = n < 24 ? 0 : n < 0x100 ? 1 : n < 0x10000 ? 2 : 4;
  const out = Buffer.alloc(1 + size, (major << 5) | (size ? 24 + Math.log2(size) : n));
  if (size) out.writeUIntBE(n, 1, size);
  return out;
}

const textItem = (value: string) => Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);

/** A filter file's CBOR with its values in order. */
function sortValues(bytes: Buffer, file: string, filter: string): Buffer {
  const [name, values, ...rest] = children(bytes, itemAt(bytes, 0));
  if (text(bytes, name) !== filter || !values || rest.length > 0) throw new Error(`${file}: not the filter ${filter}`);
  const sorted = children(bytes, values).map((value) => ({ value, key: text(bytes, children(bytes, value)[0]) })).sort(byKey);
  return Buffer.concat([bytes.subarray(0, values.content), ...sorted.map(({ value }) => bytes.subarray(value.start, value.end)), bytes.subarray(values.end)]);
}

/** Sorts the filters of every language in `bundleDir` (Pagefind's output folder) in place. */
export async function sortFilters(bundleDir: string): Promise<void> {
  const entryFile = path.join(bundleDir, 'pagefind-entry.json');
  const entry = JSON.parse(await readFile(entryFile, 'utf8')) as { version: string; languages: Record<string, { hash: string }> };
  const filterFile = (name: string) => path.join(bundleDir, 'filter', `${name}.pf_filter`);
  for (const [language, info] of Object.entries(entry.languages)) {
    const metaFile = path.join(bundleDir, `pagefind.${info.hash}.pf_meta`);
    const meta = await unpack(metaFile);
    const fields = children(meta, itemAt(meta, 0));
    const list = fields[3];
    if (fields.length !== 6 || text(meta, fields[0]) !== entry.version || !list) throw new Error(`${metaFile}: not the meta file of Pagefind ${entry.version}`);
    const filters = children(meta, list)
      .map((pair) => children(meta, pair).map((item) => text(meta, item)))
      .map(([key = '', file = '']) => ({ key, file }))
      .sort(byKey);
    // All are read before any is written: a new name may be an old one.
    const sorted = await Promise.all(filters.map(async ({ key, file }) => sortValues(await unpack(filterFile(file)), filterFile(file), key)));
    await Promise.all(filters.map(({ file }) => rm(filterFile(file))));
    // Named as Pagefind names them: the language and 7 digits of the hash, more if two would clash.
    const taken = new Set<string>();
    const names = sorted.map((cbor) => {
      const full = `${language}_${hash(cbor)}`;
      let length = language.length + 8;
      while (taken.has(full.slice(0, length))) length++;
      taken.add(full.slice(0, length));
      return full.slice(0, length);
    });
    await Promise.all(sorted.map((cbor, k) => writeFile(filterFile(names[k] as string), pack(cbor))));
    const pairs = filters.map(({ key }, k) => Buffer.concat([head(4, 2), textItem(key), textItem(names[k] as string)]));
    const updated = Buffer.concat([meta.subarray(0, list.start), head(4, pairs.length), ...pairs, meta.subarray(list.end)]);
    await rm(metaFile);
    info.hash = `${language}_${hash(updated).slice(0, language.length + 8)}`;
    await writeFile(path.join(bundleDir, `pagefind.${info.hash}.pf_meta`), pack(updated));
  }
  await writeFile(entryFile, JSON.stringify(entry));
}
