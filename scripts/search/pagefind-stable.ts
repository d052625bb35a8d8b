// Pagefind 1.5.2 writes filter values, and the list of filters in its meta
// file, in hash-map order, so two builds of the same site differ in a few
// bytes (and file names). This puts them in sorted order and renames the
// affected files by their content, so builds are byte-identical again.
//
// The files are gzip(`pagefind_dcd` + CBOR). Only arrays are reordered, whole
// items at a time, so no CBOR value is re-encoded.
import { createHash } from 'node:crypto';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

const signature = Buffer.from('pagefind_dcd');

interface Item {
  start: number;
  end: number;
}

/** The head of a CBOR item at `at`: major type, argument, and where its content starts. */
function head(bytes: Buffer, at: number): { major: number; value: number; next: number } {
  const first = bytes[at] as number;
  const major = first >> 5;
  const info = first & 31;
  if (info < 24) return { major, value: info, next: at + 1 };
  if (info === 24) return { major, value: bytes.readUInt8(at + 1), next: at + 2 };
  if (info === 25) return { major, value: bytes.readUInt16BE(at + 1), next: at + 3 };
  if (info === 26) return { major, value: bytes.readUInt32BE(at + 1), next: at + 5 };
  if (info === 27) return { major, value: Number(bytes.readBigUInt64BE(at + 1)), next: at + 9 };
  throw new Error(`pagefind-stable: unsupported CBOR item (0x${first.toString(16)}) at ${at}`);
}

/** The byte after the CBOR item starting at `at`. */
function skip(bytes: Buffer, at: number): number {
  const { major, value, next } = head(bytes, at);
  switch (major) {
    case 0:
    case 1:
    case 7:
      return next;
    case 2:
    case 3:
      return next + value;
    case 4: {
      let p = next;
      for (let k = 0; k < value; k++) p = skip(bytes, p);
      return p;
    }
    case 5: {
      let p = next;
      for (let k = 0; k < value * 2; k++) p = skip(bytes, p);
      return p;
    }
    default:
      throw new Error(`pagefind-stable: unsupported CBOR major type ${major}`);
  }
}

function children(bytes: Buffer, at: number): { items: Item[]; contentStart: number } {
  const { major, value, next } = head(bytes, at);
  if (major !== 4) throw new Error(`pagefind-stable: expected an array at ${at}`);
  const items: Item[] = [];
  let p = next;
  for (let k = 0; k < value; k++) {
    const end = skip(bytes, p);
    items.push({ start: p, end });
    p = end;
  }
  return { items, contentStart: next };
}

/** The first text string inside an item (a filter value's or a filter's name), for sorting. */
function firstText(bytes: Buffer, item: Item): string {
  const inner = head(bytes, item.start);
  const at = inner.major === 4 ? inner.next : item.start;
  const text = head(bytes, at);
  return text.major === 3 ? bytes.subarray(text.next, text.next + text.value).toString('utf8') : '';
}

/** A copy of `bytes` with the children of the array at `at` in order of their first text. */
function sortArray(bytes: Buffer, at: number): Buffer {
  const { items } = children(bytes, at);
  if (items.length === 0) return bytes;
  const sorted = [...items].sort((a, b) => {
    const x = firstText(bytes, a);
    const y = firstText(bytes, b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const first = items[0] as Item;
  const last = items[items.length - 1] as Item;
  return Buffer.concat([bytes.subarray(0, first.start), ...sorted.map((i) => bytes.subarray(i.start, i.end)), bytes.subarray(last.end)]);
}

function decode(file: Buffer): Buffer {
  const raw = gunzipSync(file);
  if (!raw.subarray(0, signature.length).equals(signature)) throw new Error('pagefind-stable: unknown file format');
  return raw.subarray(signature.length);
}

function encode(cbor: Buffer): Buffer {
  return gzipSync(Buffer.concat([signature, cbor]), { level: 9 });
}

const hash = (bytes: Buffer, length: number) => createHash('sha256').update(bytes).digest('hex').slice(0, length);

export async function stabilisePagefind(bundleDir: string): Promise<void> {
  const entryFile = path.join(bundleDir, 'pagefind-entry.json');
  const entry = JSON.parse(await readFile(entryFile, 'utf8')) as { languages: Record<string, { hash: string }> };
  const filterDir = path.join(bundleDir, 'filter');
  const filterFiles = (await readdir(filterDir).catch(() => [] as string[])).filter((f) => f.endsWith('.pf_filter'));

  for (const [language, info] of Object.entries(entry.languages)) {
    const renamed = new Map<string, string>();
    for (const file of filterFiles.filter((f) => f.startsWith(`${language}_`))) {
      const old = file.replace(/\.pf_filter$/, '');
      // [filter name, [[value, [pages]], ...]]: sort the values.
      const cbor = decode(await readFile(path.join(filterDir, file)));
      const top = children(cbor, 0);
      const sorted = sortArray(cbor, (top.items[1] as Item).start);
      const name = `${language}_${hash(sorted, 7)}`;
      renamed.set(old, name);
      await rm(path.join(filterDir, file));
      await writeFile(path.join(filterDir, `${name}.pf_filter`), encode(sorted));
    }

    const metaFile = path.join(bundleDir, `pagefind.${info.hash}.pf_meta`);
    const original = decode(await readFile(metaFile));
    // [version, pages, index chunks, filters [[name, hash]], sorts, meta fields]
    const filters = children(original, 0).items[3] as Item;
    // New names have the old names' length, so every CBOR header stays valid.
    let region = original.subarray(filters.start, filters.end).toString('latin1');
    for (const [old, name] of renamed) region = region.split(old).join(name);
    let meta: Buffer = Buffer.concat([original.subarray(0, filters.start), Buffer.from(region, 'latin1'), original.subarray(filters.end)]);
    meta = sortArray(meta, filters.start);
    const metaHash = `${language}_${hash(meta, 10)}`;
    await rm(metaFile);
    await writeFile(path.join(bundleDir, `pagefind.${metaHash}.pf_meta`), encode(meta));
    info.hash = metaHash;
  }
  await writeFile(entryFile, JSON.stringify(entry));
}
