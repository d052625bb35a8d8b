// Writing pages on a thread of their own. At 10,000 codes the build makes
// 22,000 folders and files, and on a busy disk each mkdir and write waited
// for the file system's journal: about as long, in all, as rendering the
// pages (22 s of a 38 s phase, measured). A worker thread does the writing
// while the main thread renders the next pages.
//
// An interrupted build must leave nothing behind: the worker writes
// synchronously, one page at a time, and on the way out (any exit, Ctrl-C
// included) the main thread tells it to stop and waits for the page it is
// writing before the temporary folder is removed (output-folder.ts).
import { Worker } from 'node:worker_threads';

/** Shared flags: [stop, busy, written]. */
const STOP = 0;
const BUSY = 1;
const WRITTEN = 2;

// The worker's code: a few lines of Node's own fs, given as source so that the
// build's bundle needs no second entry point. Busy is set before stop is read,
// and stop before busy is read on the other side: one of the two always sees
// the other (see stop() below).
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const state = new Int32Array(workerData.state);
const made = new Set([workerData.root]);
parentPort.on('message', (pages) => {
  for (const [name, html] of pages) {
    Atomics.store(state, ${BUSY}, 1);
    if (Atomics.load(state, ${STOP}) === 1) break;
    try {
      const file = path.join(workerData.root, name);
      const folder = path.dirname(file);
      if (!made.has(folder)) {
        mkdirSync(folder, { recursive: true });
        made.add(folder);
      }
      writeFileSync(file, html);
    } catch (error) {
      parentPort.postMessage({ error: name + ': ' + (error && error.message ? error.message : String(error)) });
    }
    Atomics.store(state, ${BUSY}, 0);
    Atomics.notify(state, ${BUSY});
    Atomics.add(state, ${WRITTEN}, 1);
    Atomics.notify(state, ${WRITTEN});
  }
  Atomics.store(state, ${BUSY}, 0);
  Atomics.notify(state, ${BUSY});
});
`;

export interface PageWriter {
  /** Queues a page: its path below the site's root and its HTML. */
  write(page: { path: string; html: string }): void;
  /** Resolves once at most `backlog` queued pages are still unwritten; rejects if a write failed. */
  catchUp(backlog: number): Promise<void>;
  /** Waits for every page, then ends the thread; rejects if a write failed. */
  close(): Promise<void>;
  /** Ends the thread after the page it is writing (the build failed). */
  abort(): Promise<void>;
}

export function startPageWriter(root: string): PageWriter {
  const state = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  const worker = new Worker(workerSource, { eval: true, workerData: { root, state: state.buffer } });
  let failure: Error | null = null;
  worker.on('message', (m: { error: string }) => (failure ??= new Error(`could not write ${m.error}`)));
  worker.on('error', (error) => (failure ??= error));
  let ended = false;
  worker.on('exit', () => {
    if (!ended) failure ??= new Error('the page writer stopped');
  });
  let batch: [string, string][] = [];
  let sent = 0;
  const flush = () => {
    if (batch.length === 0) return;
    worker.postMessage(batch);
    batch = [];
  };

  // Runs before every other 'exit' listener, the temporary folder's removal included.
  const stop = () => {
    Atomics.store(state, STOP, 1);
    // The page being written is finished (a second at most, however slow the disk).
    for (let waited = 0; Atomics.load(state, BUSY) === 1 && waited < 50; waited++) Atomics.wait(state, BUSY, 1, 20);
  };
  process.prependListener('exit', stop);

  const catchUp = async (backlog: number) => {
    flush();
    for (;;) {
      if (failure) throw failure;
      const written = Atomics.load(state, WRITTEN);
      if (sent - written <= backlog) return;
      const waiting = Atomics.waitAsync(state, WRITTEN, written, 1000);
      if (waiting.async) await waiting.value;
    }
  };

  return {
    write(page) {
      batch.push([page.path, page.html]);
      sent++;
      if (batch.length >= 32) flush();
    },
    catchUp,
    async close() {
      try {
        await catchUp(0);
      } finally {
        ended = true;
        process.off('exit', stop);
        await worker.terminate();
      }
    },
    async abort() {
      ended = true;
      stop();
      process.off('exit', stop);
      await worker.terminate();
    }
  };
}
