// The triage page's worker: reads the pasted text or the chosen file, runs
// each line through the search's log-line matcher (triage/summarise.ts) and
// sends back the summary, so the page stays responsive whatever the size.
// It fetches nothing but the site's own search data.
import { templateText } from '../scripts/search/matcher.js';
import { loadData, type Data } from './search/data.js';
import type { Reply, Request } from './triage/protocol.js';
import { type NearFinder, nearFinderOf, Triage, viewOf } from './triage/summarise.js';

const scope = globalThis as unknown as { onmessage: ((event: MessageEvent<Request>) => void) | null; postMessage(message: Reply): void };
const post = (message: Reply) => scope.postMessage(message);

/** Progress is sent at most this often (ms). */
const progressEvery = 100;

scope.onmessage = (event) => {
  const request = event.data;
  if (request.type === 'load') return void loadData(request.base).then(warmUp, () => undefined);
  void run(request).catch((error: unknown) => post({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) }));
};

/**
 * While the page waits for a paste: each template's own text, as a log line,
 * through the summary once, and the start of each to the near matcher. The matcher builds a template's expression the
 * first time a line gets past its word filter, and the engine compiles the
 * hot code on use; done here, neither is on the first summary's path (in
 * Node, 310 -> 130 ms for 10,000 lines of the corpus).
 */
function warmUp(data: Data): void {
  const triage = new Triage(data.matcher, { near: nearFinder(data) });
  triage.push(data.raw.templates.map((t) => `[Sat Nov 21 06:00:00.000000 2026] [wsgi:error] [pid 1:tid 1] ${templateText(t)}`).join('\n'));
  triage.end();
  // And the near matcher, on the start of each message.
  const finder = nearFinder(data);
  for (const t of data.raw.templates) finder(`mod_wsgi (pid=1): ${templateText(t).split(' ').slice(0, 4).join(' ')}`);
}

async function run(request: Exclude<Request, { type: 'load' }>): Promise<void> {
  const started = performance.now();
  let data;
  try {
    data = await loadData(request.base);
  } catch {
    throw new Error('The search data could not be loaded.');
  }
  const triage = new Triage(data.matcher, { near: nearFinder(data) });
  if (request.type === 'text') triage.push(request.text);
  else await readFile(request.file, triage, request.id);
  post({ type: 'done', id: request.id, view: viewOf(triage.end(), data.entries), ms: performance.now() - started });
}

let near: { data: Data; finder: NearFinder } | null = null;

/** Near matches: the search data's near matcher (scripts/search/near.ts), as the summary asks for them. */
function nearFinder(data: Data): NearFinder {
  if (near?.data !== data) near = { data, finder: nearFinderOf(data.near) };
  return near.finder;
}

async function readFile(file: File, triage: Triage, id: number): Promise<void> {
  const head = new Uint8Array(await file.slice(0, 4096).arrayBuffer());
  const gzipped = head[0] === 0x1f && head[1] === 0x8b;
  if (!gzipped && head.indexOf(0) !== -1) throw new Error(`${file.name} looks like binary data (it contains NUL bytes), not a text error log.`);
  // Bytes of the file as stored are counted on the way in, for the progress bar.
  let bytes = 0;
  let stream = (file.stream() as ReadableStream<Uint8Array>).pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.length;
        controller.enqueue(chunk);
      }
    })
  );
  if (gzipped) {
    if (typeof DecompressionStream !== 'function') throw new Error(`${file.name} is gzip-compressed and this browser cannot decompress it: decompress it first.`);
    stream = stream.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  }
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let told = performance.now();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    triage.push(decoder.decode(value, { stream: true }));
    if (performance.now() - told > progressEvery) {
      told = performance.now();
      post({ type: 'progress', id, lines: triage.lines, bytes, total: file.size });
    }
  }
  triage.push(decoder.decode());
}
