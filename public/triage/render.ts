// The triage summary as DOM, built with createElement and textContent: a log
// line (which may hold anything, markup included) never becomes markup.
import type { Seen } from '../../scripts/cli/scan/summary.js';
import { seenText, type Line, type RowView, type TriageView } from './summarise.js';

const count = (n: number) => n.toLocaleString('en-GB');

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string | null, children: (Node | string)[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const child of children) node.append(child);
  return node;
}

function link(href: string, children: (Node | string)[]): HTMLAnchorElement {
  const a = el('a', null, children);
  a.href = href;
  return a;
}

/** A section with its heading (h2, labelled for the landmark list). */
function part(id: string, title: string, children: Node[]): HTMLElement {
  const heading = el('h2', null, [title]);
  heading.id = `${id}-title`;
  const section = el('section', 'part triage-part', [heading, ...children]);
  section.id = id;
  section.setAttribute('aria-labelledby', heading.id);
  return section;
}

function seenCell(seen: Seen): HTMLTableCellElement {
  const cell = el('td', 'triage-seen', [seenText(seen)]);
  if (seen.time) cell.append(' ', el('span', 'triage-line-no', [`line ${count(seen.line)}`]));
  return cell;
}

function codeCell(row: RowView, base: string): HTMLTableCellElement {
  const cell = el('th', 'triage-code');
  cell.scope = 'row';
  row.codes.forEach((c, k) => {
    if (k > 0) cell.append(el('span', 'triage-or', [' or ']));
    const code = el('code', null, [c.code]);
    cell.append(c.path ? link(`${base}${c.path}`, [code]) : code);
  });
  return cell;
}

function severityCell(row: RowView): HTMLTableCellElement {
  const cell = el('td', 'triage-severity');
  for (const level of row.severity.split('/')) {
    const badge = el('span', level === 'retired' ? 'badge badge-retired' : level === '?' ? 'badge' : `badge sev-${level.toLowerCase()}`, [level === 'retired' ? 'Retired' : level === '?' ? 'Unknown' : level]);
    cell.append(badge, ' ');
  }
  return cell;
}

function runbooksCell(row: RowView, base: string): HTMLTableCellElement {
  const cell = el('td', 'triage-runbooks');
  if (row.runbooks.length === 0) {
    cell.append(el('span', 'muted', ['none']));
    return cell;
  }
  cell.append(el('ul', 'triage-runbook-list', row.runbooks.map((r) => el('li', null, [link(`${base}${r.path}`, [r.title])]))));
  return cell;
}

/** The table by code, as scan prints it, with links. `example`: a column for each row's first line (near matches). */
function codeTable(rows: readonly RowView[], base: string, caption: string, example: boolean): HTMLTableElement {
  const headings = ['Code', 'Severity', 'Title', 'Lines', 'First seen', 'Last seen', 'Runbooks', ...(example ? ['First line'] : [])];
  const head = el('tr', null, headings.map((h) => Object.assign(el('th', null, [h]), { scope: 'col' })));
  const body = rows.map((row) => {
    const tr = el('tr', row.codes.every((c) => c.retired) ? 'retired' : null, [
      codeCell(row, base),
      severityCell(row),
      el('td', 'triage-title', [row.title]),
      el('td', 'triage-count', [count(row.count)]),
      seenCell(row.first),
      seenCell(row.last),
      runbooksCell(row, base)
    ]);
    if (example && row.example) tr.append(el('td', 'triage-example', [lineItem(row.example, 'span')]));
    tr.dataset['codes'] = row.codes.map((c) => c.code).join(' ');
    return tr;
  });
  return el('table', 'triage-codes', [el('caption', 'visually-hidden', [caption]), el('thead', null, [head]), el('tbody', null, body)]);
}

function lineItem(line: Line, tag: 'li' | 'span'): HTMLElement {
  const item = el(tag, 'triage-line', [el('span', 'triage-line-no', [`line ${count(line.line)}`]), ' ', el('code', null, [line.text])]);
  item.dataset['line'] = String(line.line);
  return item;
}

export function showSummary(section: HTMLElement, view: TriageView, base: string): void {
  const parts: HTMLElement[] = [];

  const byCode: Node[] = [];
  if (view.rows.length === 0) byCode.push(el('p', null, ['No line names or matches an error code of this reference.']));
  else {
    const how = [`${count(view.tagged)} with their code`, `${count(view.untagged)} by their message`];
    if (view.ambiguous > 0) how.push(`${count(view.ambiguous)} of them shared by several codes`);
    byCode.push(el('p', 'triage-note', [`${count(view.matched)} line${view.matched === 1 ? '' : 's'} matched: ${how.join(', ')}.`]), codeTable(view.rows, base, 'Matched lines by error code', false));
  }
  parts.push(part('triage-by-code', 'By error code', byCode));

  // Near matches: only when the page has a near matcher (see NearFinder in summarise.ts).
  if (view.near) {
    const near: Node[] =
      view.near.rows.length === 0
        ? [el('p', null, ['No line comes close to a documented message without matching it.'])]
        : [
            el('p', 'triage-note', [`${count(view.near.lines)} line${view.near.lines === 1 ? '' : 's'} come close to a documented message without matching it, as lines from an older mod_wsgi release do: probably these codes.`]),
            codeTable(view.near.rows, base, 'Near matches by probable error code', true)
          ];
    parts.push(part('triage-near', 'Near matches', near));
  }

  const unmatched: Node[] = [];
  const n = view.unmatched.count;
  if (n === 0) unmatched.push(el('p', null, ['Every line matched.']));
  else {
    const shown = view.unmatched.shown.length;
    unmatched.push(el('p', 'triage-note', [`${count(n)} line${n === 1 ? '' : 's'} matched nothing${shown < n ? `; the first ${count(shown)} are shown` : ''}. Other modules' lines, and messages this reference does not describe, end up here.`]));
    unmatched.push(el('ol', 'triage-lines', view.unmatched.shown.map((l) => lineItem(l, 'li'))));
  }
  parts.push(part('triage-unmatched', 'Lines nothing matched', unmatched));

  section.replaceChildren(...parts);
  section.hidden = false;
}
