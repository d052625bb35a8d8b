// Dev only: `npm run dev` adds this script to every page it serves; the built
// site never has it. Over the dev server's WebSocket it hears what a save
// changed, reloads this page when its file is among the files written, and
// shows the docs' diagnostics over the page (file:line:column, rule id, the
// source line) until they are fixed. Built with DOM calls and textContent
// only: a diagnostic's text is never parsed as HTML.

import type { DevDiagnostic as Diagnostic } from '../../scripts/dev/diagnostics.js';

type Message = { type: 'wsgi.reload'; paths: string[] | 'all' } | { type: 'wsgi.diagnostics'; diagnostics: Diagnostic[]; stale: boolean } | { type: string };

const base = document.documentElement.dataset['base'] ?? '/';
const overlayId = 'wsgi-dev-overlay';

/** This page's file below the base path, as the server names files: `errors/WSGI0030/index.html`. */
function thisFile(): string {
  const p = decodeURIComponent(location.pathname);
  const below = p.startsWith(base) ? p.slice(base.length) : p.replace(/^\//, '');
  return below === '' || below.endsWith('/') ? `${below}index.html` : below;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function showDiagnostics(list: Diagnostic[], stale: boolean): void {
  document.getElementById(overlayId)?.remove();
  if (list.length === 0) return;
  const errors = list.filter((d) => d.fatal).length;
  const box = el('section', 'wsgi-dev-overlay');
  box.id = overlayId;
  box.setAttribute('role', 'alert');
  box.setAttribute('aria-label', 'Problems found by the build');
  const head = el('div', 'wsgi-dev-head');
  const counts = [errors ? plural(errors, 'error') : '', list.length - errors ? plural(list.length - errors, 'warning') : ''].filter(Boolean).join(', ');
  head.append(el('strong', 'wsgi-dev-title', counts));
  const close = el('button', 'wsgi-dev-close', 'Hide');
  close.type = 'button';
  close.addEventListener('click', () => box.remove());
  head.append(close);
  box.append(head);
  if (stale) box.append(el('p', 'wsgi-dev-note', 'This page is from the last build without errors. It updates by itself once they are fixed.'));
  const items = el('ol', 'wsgi-dev-list');
  for (const d of list) {
    const item = el('li', d.fatal ? 'wsgi-dev-error' : 'wsgi-dev-warning');
    const where = el('p', 'wsgi-dev-where');
    where.append(el('code', 'wsgi-dev-place', `${d.file}:${d.line}:${d.column}`), ' ', el('span', 'wsgi-dev-level', d.fatal ? 'error' : 'warning'), ' ', el('code', 'wsgi-dev-rule', d.ruleId));
    item.append(where, el('p', 'wsgi-dev-message', d.message));
    if (d.source !== null) {
      // The caret lines up under the column, tabs kept as tabs.
      const lead = d.source.slice(0, Math.max(0, d.column - 1)).replace(/[^\t]/g, ' ');
      item.append(el('pre', 'wsgi-dev-source', `${String(d.line).padStart(5)} | ${d.source}\n      | ${lead}^`));
    }
    items.append(item);
  }
  box.append(items);
  document.body.append(box);
}

function handle(message: Message): void {
  if (message.type === 'wsgi.reload') {
    const paths = (message as { paths: string[] | 'all' }).paths;
    if (paths === 'all' || paths.includes(thisFile())) location.reload();
  } else if (message.type === 'wsgi.diagnostics') {
    const m = message as { diagnostics: Diagnostic[]; stale: boolean };
    showDiagnostics(m.diagnostics, m.stale);
  }
}

function connect(lost: boolean): void {
  const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/`);
  socket.addEventListener('open', () => {
    // Back after the server was gone: the site may have changed meanwhile.
    if (lost) location.reload();
  });
  socket.addEventListener('message', (event) => {
    try {
      handle(JSON.parse(String(event.data)) as Message);
    } catch {
      // Not ours.
    }
  });
  socket.addEventListener('close', () => window.setTimeout(() => connect(true), 1000));
}

connect(false);
