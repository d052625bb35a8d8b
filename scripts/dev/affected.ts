// What an edit affects, from the model's link graph. A page made for one item
// (code, directive, runbook, redirect) shows its own entry (content,
// references and what links to it; positions it does not show), the title
// line of each entry it links to or is linked from (the "Referenced by"
// lists, link texts and titles), a code page also its neighbours (the pager)
// and its severity's meaning, and a redirect its target (the old one-page
// reference: every code's title). When none of these changed between two
// models, neither did the page (for one site configuration and one set of
// templates), so after an edit only the other pages are rendered again. The
// listing pages change with a title line, the set of entries, the codes a
// runbook covers, or the reference's and configuration page's own prose.
import type { DirectiveEntry, EntryRef, ErrorEntry, Model, RunbookEntry } from '../model/types.js';
import { entryId } from '../model/types.js';
import { entryPath } from '../render/urls.js';
import type { Redirect } from '../site/views.js';

/** What the item pages are made from. */
export interface Site {
  model: Model;
  redirects: readonly Redirect[];
}

export interface Plan {
  /** Page ids (`error:WSGI0030`, `directive:<name>`, `runbook:<slug>`, `redirect:<path>`) to render again: new, or showing something that changed. */
  render: string[];
  /** Pages that are gone (their entry or redirect was removed), by file below the site's root. */
  remove: string[];
  /** The listing pages show something else. */
  listings: boolean;
}

type Entry = ErrorEntry | DirectiveEntry | RunbookEntry;

function refOf(e: Entry): EntryRef {
  return e.kind === 'error' ? { kind: 'error', code: e.code } : e.kind === 'directive' ? { kind: 'directive', name: e.name } : { kind: 'runbook', slug: e.slug };
}

/** The line another page shows for an entry: its label, title and status. */
function titleLine(e: Entry): string {
  switch (e.kind) {
    case 'error':
      return JSON.stringify([e.code, e.title, e.retired, e.severity, e.source]);
    case 'directive':
      return JSON.stringify([e.name, e.descriptionText]);
    case 'runbook':
      return JSON.stringify([e.slug, e.title, e.summary]);
  }
}

/** The entries a page of `e` names: what it links to and what links to it. */
function linked(e: Entry): string[] {
  const ids = new Set<string>();
  for (const r of e.references) {
    if (r.resolution.type === 'entry') ids.add(entryId(r.resolution.entry));
    else if (r.resolution.type === 'option') ids.add(entryId({ kind: 'directive', name: r.resolution.directive }));
  }
  if (e.kind !== 'runbook') for (const b of e.referencedBy) ids.add(entryId(b));
  return [...ids];
}

/** Deep equality of model data, positions left out: they move when a line is added above, and no page shows them. */
export function sameContent(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (!sameContent(a[k], b[k])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let count = 0;
  for (const key in x) {
    if (key === 'position' || key === 'place' || x[key] === undefined) continue;
    count++;
    if (!sameContent(x[key], y[key])) return false;
  }
  for (const key in y) if (key !== 'position' && key !== 'place' && y[key] !== undefined) count--;
  return count === 0;
}

interface Indexed {
  entries: Map<string, Entry>;
  lines: Map<string, string>;
  /** A code's neighbours in code order. */
  neighbours: Map<string, [string | null, string | null]>;
  meaning: Map<string, string>;
}

/** Each model is indexed once: the next edit's plan reads this one's again. */
const indexed = new WeakMap<Model, Indexed>();

function index(model: Model): Indexed {
  const known = indexed.get(model);
  if (known) return known;
  const entries = new Map<string, Entry>([...model.errors, ...model.directives, ...model.runbooks].map((e) => [entryId(refOf(e)), e]));
  const lines = new Map([...entries].map(([id, e]) => [id, titleLine(e)]));
  const neighbours = new Map<string, [string | null, string | null]>();
  model.errors.forEach((e, k) => {
    const prev = model.errors[k - 1];
    const next = model.errors[k + 1];
    neighbours.set(entryId(refOf(e)), [prev ? entryId(refOf(prev)) : null, next ? entryId(refOf(next)) : null]);
  });
  const meaning = new Map(model.reference?.ladder.map((l) => [l.severity as string, l.meaningText]) ?? []);
  const made = { entries, lines, neighbours, meaning };
  indexed.set(model, made);
  return made;
}

/** What to render again, going from the site of `before` to the site of `after` (everything when there is no before). */
export function plan(before: Site | null, after: Site): Plan {
  const now = index(after.model);
  const pagePaths = new Set<string>();
  const render: string[] = [];
  if (before === null) {
    for (const id of now.entries.keys()) render.push(id);
    for (const r of after.redirects) render.push(`redirect:${r.from}`);
    return { render, remove: [], listings: true };
  }
  const was = index(before.model);
  /** Entries whose title line changed, came or went. */
  const relined = new Set<string>();
  for (const [id, line] of now.lines) if (was.lines.get(id) !== line) relined.add(id);
  for (const id of was.lines.keys()) if (!now.lines.has(id)) relined.add(id);

  for (const [id, e] of now.entries) {
    pagePaths.add(`${entryPath(refOf(e))}index.html`);
    const old = was.entries.get(id);
    let changed = !old || !sameContent(old, e) || linked(e).some((l) => relined.has(l));
    if (!changed && e.kind === 'error') {
      const [prev, next] = now.neighbours.get(id) as [string | null, string | null];
      const [oldPrev, oldNext] = was.neighbours.get(id) ?? [null, null];
      changed = prev !== oldPrev || next !== oldNext || (prev !== null && relined.has(prev)) || (next !== null && relined.has(next)) || (e.severity !== null && now.meaning.get(e.severity) !== was.meaning.get(e.severity));
    }
    if (changed) render.push(id);
  }
  // The old one-page reference lists every code with its title.
  const codesChanged = after.model.errors.length !== before.model.errors.length || after.model.errors.some((e, k) => was.lines.get(entryId(refOf(e))) !== now.lines.get(entryId(refOf(e))) || before.model.errors[k]?.code !== e.code);
  const oldRedirects = new Map(before.redirects.map((r) => [r.from, r]));
  for (const r of after.redirects) {
    pagePaths.add(r.from);
    const old = oldRedirects.get(r.from);
    if (!old || !sameContent(old, r) || (r.codes && codesChanged)) render.push(`redirect:${r.from}`);
  }

  const remove: string[] = [];
  for (const [id, e] of was.entries) if (!now.entries.has(id) && !pagePaths.has(`${entryPath(refOf(e))}index.html`)) remove.push(`${entryPath(refOf(e))}index.html`);
  for (const r of before.redirects) if (!pagePaths.has(r.from)) remove.push(r.from);

  const listings =
    relined.size > 0 ||
    !sameContent(before.model.reference, after.model.reference) ||
    !sameContent(before.model.configuration, after.model.configuration) ||
    // The runbooks listing names the codes each covers.
    after.model.runbooks.some((r) => {
      const old = was.entries.get(entryId(refOf(r)));
      return !old || linked(r).join(' ') !== linked(old).join(' ');
    });
  return { render, remove, listings };
}
