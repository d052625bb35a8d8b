// The results list, built with createElement/textContent: a query or an
// excerpt never becomes markup.
import { splitHighlight, type QueryPlan } from '../../scripts/search/query.js';
import { facetKeys, facetTitles, kindLabels, nearTitle, noteText, summaryText, type Facets, type Hit } from './logic.js';

/** A hit with its excerpt as nodes. */
export interface Shown extends Hit {
  excerpt: Node[];
}

export interface Results {
  plan: QueryPlan;
  /** Every code of the reference, in order (for notes). */
  codes: readonly string[];
  hits: Shown[];
  total: number;
  /** False while Pagefind has not answered yet. */
  done: boolean;
  /** Pagefind's counts per facet value for the query without facets, once known. */
  counts: Record<string, Record<string, number>> | null;
}

export interface Controls {
  facets: Facets;
  onMore(): void;
  onFacet(key: string, value: string, on: boolean): void;
}

const text = (value: string) => document.createTextNode(value);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string | null, children: (Node | string)[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const child of children) node.append(child);
  return node;
}

/** `value` with case-insensitive occurrences of `needle` marked. */
export function highlighted(value: string, needle: string): Node[] {
  return splitHighlight(value, needle).map((part) => (part.mark ? el('mark', null, [part.text]) : text(part.text)));
}

export const plain = (value: string): Node[] => [text(value)];

/** Parts of a message, the marked ones in <mark>. */
export function marked(parts: readonly { text: string; mark: boolean }[]): Node[] {
  return parts.map((part) => (part.mark ? el('mark', null, [part.text]) : text(part.text)));
}

/** Pagefind's excerpt is text with <mark> around matches: keep exactly that, as text and mark elements. */
export function excerptNodes(excerpt: string): Node[] {
  const doc = new DOMParser().parseFromString(excerpt, 'text/html');
  return Array.from(doc.body.childNodes, (node) =>
    node.nodeType === Node.ELEMENT_NODE && (node as Element).tagName === 'MARK' ? el('mark', null, [node.textContent ?? '']) : text(node.textContent ?? '')
  );
}

export function showResults(section: HTMLElement, results: Results, controls: Controls): void {
  const { plan, hits, total, done } = results;
  const status = el('div', 'search-status', []);
  for (const note of plan.notes) status.append(el('p', `search-note note-${note.kind}`, [noteText(note, results.codes)]));
  const summary = el('p', 'search-count', [summaryText(hits.length, total, done, plan.text)]);
  summary.setAttribute('role', 'status');
  status.append(summary);

  const parts: Node[] = [status];
  const facets = results.counts || controls.facets.size > 0 ? facetBox(results.counts ?? {}, controls) : null;
  if (facets) parts.push(facets);
  // Near matches get their own labelled list: none of them fits the line exactly.
  const near = plan.mode === 'near' ? new Set(plan.pinned) : new Set<string>();
  const closest = hits.filter((h) => near.has(h.key));
  if (closest.length > 0) {
    const heading = el('h2', 'search-near-title', [nearTitle]);
    heading.id = 'search-near-title';
    const list = el('ol', 'search-hits search-near-hits', closest.map(hitItem));
    list.setAttribute('aria-labelledby', heading.id);
    parts.push(el('section', 'search-near', [heading, list]));
  }
  const rest = hits.filter((h) => !near.has(h.key));
  if (rest.length > 0 || closest.length === 0) parts.push(el('ol', 'search-hits', rest.map(hitItem)));
  if (total > hits.length && done) {
    const button = el('button', 'search-more', ['More results']);
    button.type = 'button';
    button.addEventListener('click', controls.onMore);
    parts.push(button);
  }
  section.replaceChildren(...parts);
  section.hidden = false;
  section.dataset['query'] = plan.text;
  section.dataset['mode'] = plan.mode;
  section.dataset['state'] = done ? 'done' : 'pending';
  if (done) section.removeAttribute('aria-busy');
}

/** Puts the facets in once their counts are known. */
export function showFacets(section: HTMLElement, counts: Record<string, Record<string, number>>, controls: Controls): void {
  const facets = facetBox(counts, controls);
  const list = section.querySelector('.search-hits');
  section.querySelector('.search-facets')?.remove();
  if (facets && list) list.before(facets);
}

function hitItem(hit: Shown): HTMLLIElement {
  const key = hit.kind === 'runbook' ? el('span', 'hit-key', [hit.title]) : el('code', 'hit-key', [hit.key]);
  const badge = hit.retired
    ? el('span', 'badge badge-retired', ['Retired'])
    : hit.severity
      ? el('span', `badge sev-${hit.severity.toLowerCase()}`, [hit.severity])
      : el('span', 'hit-kind', [hit.kind === 'directive' ? 'Directive' : hit.kind === 'runbook' ? 'Runbook' : 'Page']);
  const link = el('a', 'hit-link', [key, ' ', badge]);
  if (hit.kind !== 'runbook' && hit.title) link.append(' ', el('span', 'hit-title', [hit.title]));
  link.href = hit.href;
  const item = el('li', 'search-hit', [link]);
  item.dataset['key'] = hit.key;
  if (hit.why) item.append(' ', el('span', 'hit-why', [hit.why]));
  if (hit.excerpt.length) item.append(el('p', 'hit-excerpt', hit.excerpt));
  return item;
}

/** Counts are for the query without any facet ticked, so ticking one never hides the others. */
function facetBox(counts: Record<string, Record<string, number>>, controls: Controls): HTMLElement | null {
  const box = el('div', 'search-facets');
  for (const key of facetKeys) {
    const found = counts[key] ?? {};
    const ticked = controls.facets.get(key) ?? new Set<string>();
    const values = [...new Set([...Object.keys(found).filter((v) => (found[v] ?? 0) > 0), ...ticked])].sort();
    if (values.length < 2 && ticked.size === 0) continue;
    const fieldset = el('fieldset', 'facet', [el('legend', null, [facetTitles[key] ?? key])]);
    for (const value of values) {
      const check = el('input', null);
      check.type = 'checkbox';
      check.name = `facet-${key}`;
      check.value = value;
      check.checked = ticked.has(value);
      check.addEventListener('change', () => controls.onFacet(key, value, check.checked));
      fieldset.append(el('label', null, [check, ' ', key === 'kind' ? (kindLabels[value] ?? value) : value, ' ', el('span', 'facet-count', [`(${found[value] ?? 0})`])]));
    }
    box.append(fieldset);
  }
  return box.childElementCount ? box : null;
}

export function hide(section: HTMLElement): void {
  section.hidden = true;
  section.replaceChildren();
  section.dataset['state'] = 'done';
  section.dataset['query'] = '';
  section.removeAttribute('aria-busy');
}

export function showError(section: HTMLElement, message: string): void {
  section.replaceChildren(el('p', 'search-note', [message]));
  section.hidden = false;
  section.dataset['state'] = 'done';
  section.removeAttribute('aria-busy');
}
