// What an edit affects, from the model's link graph. Every page made one per
// item (code, directive, runbook, redirect) gets a key: a string holding
// everything of the model its page shows. Its own entry (content, references
// and what links to it, positions left out), the title line of each entry it
// links to or is linked from (the "Referenced by" lists, the link texts and
// titles), its neighbours (a code page's pager) and its severity's meaning.
// Equal keys, equal pages (for one site configuration and one set of
// templates), so after an edit only the pages whose key changed are rendered.
// The listing pages get one key of their own: the title line of every entry
// and the reference's and configuration page's own prose.
import type { Model, EntryRef, ErrorEntry, DirectiveEntry, RunbookEntry } from '../model/types.js';
import { entryId } from '../model/types.js';
import { entryPath } from '../render/urls.js';
import type { Redirect } from '../site/views.js';

/** A page made for one item: its file below the site's root and its key. */
export interface KeyedPage {
  /** `errors/WSGI0030/index.html`, `error-reference.html`. */
  path: string;
  key: string;
}

export interface SiteKeys {
  /** By page id: `error:WSGI0030`, `directive:WSGIDaemonProcess`, `runbook:slug`, `redirect:<path>`. */
  pages: Map<string, KeyedPage>;
  /** What the listing pages (home, code table, directives, runbooks) show. */
  listings: string;
}

export interface Plan {
  /** Page ids to render again: new, or with a key that changed. */
  render: string[];
  /** Pages that are gone (their entry or redirect was removed), by file below the site's root. */
  remove: string[];
  /** The listing pages show something else. */
  listings: boolean;
}

type Entry = ErrorEntry | DirectiveEntry | RunbookEntry;

/** Positions move when a line is added above; no page shows them. */
const withoutPlaces = (key: string, value: unknown): unknown => (key === 'position' || key === 'place' ? undefined : value);

/** The line another page shows for an entry: its label, title and status. */
function titleLine(e: Entry): unknown[] {
  switch (e.kind) {
    case 'error':
      return [e.code, e.title, e.retired, e.severity, e.source];
    case 'directive':
      return [e.name, e.descriptionText];
    case 'runbook':
      return [e.slug, e.title, e.summary];
  }
}

function refOf(e: Entry): EntryRef {
  return e.kind === 'error' ? { kind: 'error', code: e.code } : e.kind === 'directive' ? { kind: 'directive', name: e.name } : { kind: 'runbook', slug: e.slug };
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

export function siteKeys(model: Model, redirects: readonly Redirect[]): SiteKeys {
  const entries: Entry[] = [...model.errors, ...model.directives, ...model.runbooks];
  const lines = new Map<string, string>(entries.map((e) => [entryId(refOf(e)), JSON.stringify(titleLine(e))]));
  const meaning = new Map(model.reference?.ladder.map((l) => [l.severity, l.meaningText]) ?? []);
  const pages = new Map<string, KeyedPage>();
  for (const e of entries) {
    const id = entryId(refOf(e));
    const parts = [JSON.stringify(e, withoutPlaces), ...linked(e).map((l) => `${l} ${lines.get(l) ?? 'missing'}`)];
    if (e.kind === 'error') {
      const k = model.errors.indexOf(e);
      const prev = model.errors[k - 1];
      const next = model.errors[k + 1];
      parts.push(`meaning ${e.severity ? (meaning.get(e.severity) ?? '') : ''}`, `prev ${prev ? lines.get(entryId(refOf(prev))) : ''}`, `next ${next ? lines.get(entryId(refOf(next))) : ''}`);
    }
    pages.set(id, { path: `${entryPath(refOf(e))}index.html`, key: parts.join('\n') });
  }
  // The old one-page reference lists every code with its title.
  const codeLines = model.errors.map((e) => lines.get(entryId(refOf(e)))).join('\n');
  for (const r of redirects) pages.set(`redirect:${r.from}`, { path: r.from, key: JSON.stringify(r) + (r.codes ? `\n${codeLines}` : '') });

  const listings = [
    JSON.stringify(model.reference, withoutPlaces),
    JSON.stringify(model.configuration, withoutPlaces),
    ...entries.map((e) => `${entryId(refOf(e))} ${lines.get(entryId(refOf(e)))}`),
    // The runbooks listing names the codes each covers.
    ...model.runbooks.map((r) => linked(r).join(' '))
  ].join('\n');
  return { pages, listings };
}

/** What to render again, going from the site of `before` to the site of `after` (everything when there is no before). */
export function plan(before: SiteKeys | null, after: SiteKeys): Plan {
  const render: string[] = [];
  for (const [id, page] of after.pages) if (before?.pages.get(id)?.key !== page.key) render.push(id);
  const remove: string[] = [];
  if (before) for (const [id, page] of before.pages) if (!after.pages.has(id) && ![...after.pages.values()].some((p) => p.path === page.path)) remove.push(page.path);
  return { render, remove, listings: before?.listings !== after.listings };
}
