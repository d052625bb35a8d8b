// The triage page (/triage/): a pasted log excerpt, a chosen file or a
// dropped one is summarised by a worker (triage-worker.ts) and shown as a
// table by code, the near matches and the lines nothing matched. Nothing is
// sent anywhere: the worker fetches only the site's own search data.
import { pasteKey, type Reply, type Request } from './triage/protocol.js';
import { showSummary } from './triage/render.js';
import { summarySentence } from './triage/summarise.js';

const base = document.documentElement.dataset['base'] ?? '/';
const form = document.querySelector<HTMLFormElement>('form[data-triage-form]');
const input = document.querySelector<HTMLTextAreaElement>('#triage-input');
const fileInput = document.querySelector<HTMLInputElement>('#triage-file');
const zone = document.querySelector<HTMLElement>('[data-triage-drop]');
const status = document.querySelector<HTMLElement>('#triage-status');
const progress = document.querySelector<HTMLProgressElement>('#triage-progress');
const results = document.querySelector<HTMLElement>('#triage-results');

/** Pastes this long (characters) reach the worker before the box (see bind). */
const largePaste = 100_000;

let worker: Worker | null = null;
/** A large paste's text, for the box once its summary is shown (or has failed). */
let boxLater: { value: string; caret: number } | null = null;
let sequence = 0;
/** The job being worked on, if any. */
let current: { id: number; what: string; started: number } | null = null;

function workerOf(): Worker {
  if (worker) return worker;
  const made = new Worker(`${base}triage-worker.js`);
  made.addEventListener('message', (event: MessageEvent<Reply>) => reply(event.data));
  made.addEventListener('error', (event) => {
    event.preventDefault();
    if (current) fail(current.id, 'The summary could not be made in this browser.');
  });
  worker = made;
  return made;
}

function say(text: string): void {
  if (status) status.textContent = text;
}

function start(request: Request & { id: number }, what: string): void {
  if (!results) return;
  // A job still running is dropped with its worker: the new one starts afresh.
  if (current) {
    worker?.terminate();
    worker = null;
  }
  // A large paste waiting for its summary goes into the box now.
  fillBox();
  current = { id: request.id, what, started: performance.now() };
  results.dataset['state'] = 'pending';
  results.setAttribute('aria-busy', 'true');
  say(`Summarising ${what}…`);
  workerOf().postMessage(request);
}

function reply(message: Reply): void {
  if (!current || message.id !== current.id || !results) return;
  if (message.type === 'progress') {
    if (progress) {
      progress.hidden = false;
      progress.max = Math.max(1, message.total);
      progress.value = message.bytes;
    }
    say(`Summarising ${current.what}: ${message.lines.toLocaleString('en-GB')} lines read…`);
    return;
  }
  if (message.type === 'error') return fail(message.id, message.message);
  const job = current;
  current = null;
  if (progress) progress.hidden = true;
  showSummary(results, message.view, base);
  say(summarySentence(message.view));
  results.dataset['state'] = 'done';
  results.dataset['workerMs'] = String(Math.round(message.ms));
  results.removeAttribute('aria-busy');
  // For the tests and the benchmark: when the summary was painted, on the page's clock.
  requestAnimationFrame(() => {
    results.dataset['painted'] = String(performance.now());
    results.dataset['ms'] = String(Math.round(performance.now() - job.started));
    window.setTimeout(fillBox, 0);
  });
}

/** The large paste into the box, where it can be edited and summarised again. */
function fillBox(): void {
  if (!boxLater || !input) return;
  input.value = boxLater.value;
  input.setSelectionRange(boxLater.caret, boxLater.caret);
  boxLater = null;
}

function fail(id: number, text: string): void {
  if (!current || current.id !== id || !results) return;
  current = null;
  fillBox();
  if (progress) progress.hidden = true;
  say(text);
  results.replaceChildren();
  results.hidden = true;
  results.dataset['state'] = 'error';
  results.removeAttribute('aria-busy');
}

function summariseText(text: string): void {
  const lines = text.split('\n').filter((l) => l.trim() !== '').length;
  if (lines === 0) return say('Paste some lines of the error log first.');
  start({ type: 'text', id: ++sequence, base, text }, `${lines.toLocaleString('en-GB')} line${lines === 1 ? '' : 's'}`);
}

function summariseFile(file: File): void {
  start({ type: 'file', id: ++sequence, base, file }, file.name || 'the file');
}

/** Files dragged over the page: it takes them anywhere (the browser would otherwise open the file). */
const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

function bind(): void {
  if (!form || !input || !results) return;
  // Warm up: the search data loads and the matcher is built before the paste.
  workerOf().postMessage({ type: 'load', base } satisfies Request);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    fillBox();
    summariseText(input.value);
  });
  // A large paste goes to the worker, and into the box only once its summary
  // is on screen: laying out megabytes of text in a text area keeps the main
  // thread busy for a few hundred milliseconds (as the browser's own paste
  // would), and the summary need not wait for that.
  input.addEventListener('paste', (event) => {
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (text.length < largePaste) return;
    event.preventDefault();
    const from = input.selectionStart;
    const pasted = text.replace(/\r\n?/g, '\n');
    const value = input.value.slice(0, from) + pasted + input.value.slice(input.selectionEnd);
    summariseText(value);
    boxLater = { value, caret: from + pasted.length };
  });
  // A paste (or text dropped in the box) is summarised at once; typing waits for the button.
  input.addEventListener('input', (event) => {
    const kind = (event as InputEvent).inputType;
    if (kind === 'insertFromPaste' || kind === 'insertFromDrop') summariseText(input.value);
  });
  form.querySelector<HTMLButtonElement>('[data-triage-clear]')?.addEventListener('click', () => {
    if (current) {
      worker?.terminate();
      worker = null;
      current = null;
    }
    boxLater = null;
    input.value = '';
    results.replaceChildren();
    results.hidden = true;
    results.dataset['state'] = 'idle';
    results.removeAttribute('aria-busy');
    if (progress) progress.hidden = true;
    say('');
    input.focus();
  });
  fileInput?.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) summariseFile(file);
  });
  document.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    zone?.classList.add('dragging');
  });
  document.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) zone?.classList.remove('dragging');
  });
  document.addEventListener('drop', (event) => {
    zone?.classList.remove('dragging');
    const file = event.dataTransfer?.files[0];
    if (!file) return;
    event.preventDefault();
    summariseFile(file);
  });
  carried();
}

/** Lines pasted into the search box on another page, left here for this one. */
function carried(): void {
  let text: string | null = null;
  try {
    text = sessionStorage.getItem(pasteKey);
    sessionStorage.removeItem(pasteKey);
  } catch {
    // Storage disabled: nothing was carried.
  }
  if (!text || !input) return;
  input.value = text;
  summariseText(text);
}

bind();
