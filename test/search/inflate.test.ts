// The shim's decompression (public/inflate.ts), in Node's fetch classes: a big
// gzipped file of Pagefind's comes out as Pagefind's own signature and
// content; anything else passes through as it came.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflate } from '../../public/inflate.js';

// Bytes that do not compress (a fixed linear congruential sequence), like WebAssembly more or less.
let seed = 20261122;
const noise = Buffer.from(Array.from({ length: 40_000 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 23));
const content = Buffer.concat([Buffer.from('pagefind_dcd'), noise]);
const gzipped = gzipSync(content);
const respond = (body: Uint8Array, status = 200) => new Response(new Uint8Array(body), { status, headers: { 'content-length': String(body.length), 'content-type': 'application/octet-stream' } });

describe('decompressing Pagefind files in the browser', () => {
  it('decompresses a big gzipped file, keeping status and headers', async () => {
    expect(gzipped.length).toBeGreaterThan(16_384);
    const out = await inflate(respond(gzipped));
    expect(Buffer.from(await out.arrayBuffer()).equals(content)).toBe(true);
    expect(out.status).toBe(200);
    expect(out.headers.get('content-type')).toBe('application/octet-stream');
  });

  it('passes through a file the host already decompressed', async () => {
    const out = await inflate(respond(content));
    expect(Buffer.from(await out.arrayBuffer()).equals(content)).toBe(true);
  });

  it('leaves small files and failed responses to Pagefind as they came', async () => {
    const small = gzipSync(Buffer.from('pagefind_dcd{"url":"/errors/WSGI0001/"}'));
    expect(Buffer.from(await (await inflate(respond(small))).arrayBuffer()).equals(small)).toBe(true);
    const missing = await inflate(respond(gzipped, 404));
    expect(missing.status).toBe(404);
    expect(Buffer.from(await missing.arrayBuffer()).equals(gzipped)).toBe(true);
  });

  it('does not mistake a file without a length for a small one', async () => {
    const out = await inflate(new Response(new Uint8Array(gzipped), { status: 200 }));
    expect(Buffer.from(await out.arrayBuffer()).equals(content)).toBe(true);
  });
});
