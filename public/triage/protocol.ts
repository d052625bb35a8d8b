// Messages between the triage page (public/triage.ts) and its worker
// (public/triage-worker.ts). Structured-cloned: plain data and File objects.
import type { TriageView } from './summarise.js';

export type Request =
  /** Fetch the search data and build the matcher before anything is pasted. */
  | { type: 'load'; base: string }
  | { type: 'text'; id: number; base: string; text: string }
  /** A chosen or dropped file, read in the worker (gzip-compressed ones decompressed). */
  | { type: 'file'; id: number; base: string; file: File };

export type Reply =
  | { type: 'progress'; id: number; lines: number; bytes: number; total: number }
  | { type: 'done'; id: number; view: TriageView; ms: number }
  | { type: 'error'; id: number; message: string };

/** Where the search box leaves a multi-line paste for the triage page (sessionStorage: it stays in the tab). */
export const pasteKey = 'wsgi-errors:triage-paste';

/** Pastes of more lines than this into the search box are offered to the triage page. */
export const offerAfterLines = 3;
