// A response from Pagefind's bundle, decompressed by the browser when it is a
// big gzipped file (see pagefind-fetch.ts). Pagefind skips its own JavaScript
// gunzip for a file that starts with its signature instead of gzip's.

/**
 * Gzipped files from this size on are decompressed by the browser: only the
 * WebAssembly (72 KB). For a few kilobytes Pagefind's own step is as quick
 * as a round of streams.
 */
const nativeFrom = 16384;

export async function inflate(response: Response): Promise<Response> {
  if (!response.ok || typeof DecompressionStream !== 'function') return response;
  if (Number(response.headers.get('content-length') ?? nativeFrom) < nativeFrom) return response;
  const bytes = new Uint8Array(await response.arrayBuffer());
  const init = { status: response.status, statusText: response.statusText, headers: response.headers };
  // Plain JSON, a file the host already decompressed, or a small one.
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b || bytes.length < nativeFrom) return new Response(bytes, init);
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')), init);
}
