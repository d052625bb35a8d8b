// The little CBOR that reading and rewriting Pagefind's files needs: walking
// items without decoding them, and writing the array and text headers of
// items put back together. Pagefind's files are gzip(`pagefind_dcd` + CBOR).
import { gunzipSync, gzipSync } from 'node:zlib';

/** Where one CBOR item lies in a buffer. */
export interface Item {
  start: number;
  end: number;
}

const signature = Buffer.from('pagefind_dcd');

/** The head of the CBOR item at `at`: major type, argument, and where its content starts. */
export function head(bytes: Buffer, at: number): { major: number; value: number; next: number } {
  const first = bytes[at];
  if (first === undefined) throw new Error(`cbor: no item at ${at}`);
  const major = first >> 5;
  const info = first & 31;
  if (info < 24) return { major, value: info, next: at + 1 };
  if (info === 24) return { major, value: bytes.readUInt8(at + 1), next: at + 2 };
  if (info === 25) return { major, value: bytes.readUInt16BE(at + 1), next: at + 3 };
  if (info === 26) return { major, value: bytes.readUInt32BE(at + 1), next: at + 5 };
  if (info === 27) return { major, value: Number(bytes.readBigUInt64BE(at + 1)), next: at + 9 };
  throw new Error(`cbor: unsupported item (0x${first.toString(16)}) at ${at}`);
}

/** The byte after the CBOR item starting at `at`. */
export function skip(bytes: Buffer, at: number): number {
  const { major, value, next } = head(bytes, at);
  switch (major) {
    case 0:
    case 1:
    case 7:
      return next;
    case 2:
    case 3:
      return next + value;
    case 4:
    case 5: {
      let p = next;
      for (let k = 0; k < value * (major === 5 ? 2 : 1); k++) p = skip(bytes, p);
      return p;
    }
    default:
      throw new Error(`cbor: unsupported major type ${major} at ${at}`);
  }
}

/** The items of the array starting at `at`. */
export function children(bytes: Buffer, at: number): Item[] {
  const { major, value, next } = head(bytes, at);
  if (major !== 4) throw new Error(`cbor: expected an array at ${at}`);
  const items: Item[] = [];
  let p = next;
  for (let k = 0; k < value; k++) {
    const end = skip(bytes, p);
    items.push({ start: p, end });
    p = end;
  }
  return items;
}

/** The text string at `at`, or null when the item there is not one. */
export function textAt(bytes: Buffer, at: number): string | null {
  const { major, value, next } = head(bytes, at);
  return major === 3 ? bytes.subarray(next, next + value).toString('utf8') : null;
}

function header(major: number, value: number): Buffer {
  if (value < 24) return Buffer.from([(major << 5) | value]);
  if (value < 0x100) return Buffer.from([(major << 5) | 24, value]);
  if (value < 0x10000) {
    const b = Buffer.alloc(3);
    b[0] = (major << 5) | 25;
    b.writeUInt16BE(value, 1);
    return b;
  }
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(value, 1);
  return b;
}

/** The head of a definite-length array of `length` items. */
export const arrayHead = (length: number): Buffer => header(4, length);

/** A whole text string item. */
export function textItem(value: string): Buffer {
  const bytes = Buffer.from(value, 'utf8');
  return Buffer.concat([header(3, bytes.length), bytes]);
}

/** The CBOR inside one of Pagefind's files. */
export function unpack(file: Buffer): Buffer {
  const raw = gunzipSync(file);
  if (!raw.subarray(0, signature.length).equals(signature)) throw new Error('pagefind: unknown file format');
  return raw.subarray(signature.length);
}

/** CBOR packed the way Pagefind writes its files. */
export function pack(cbor: Buffer): Buffer {
  return gzipSync(Buffer.concat([signature, cbor]), { level: 9 });
}
