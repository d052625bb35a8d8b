// The URL contract (DESIGN.md): one place that turns model references into
// paths under the site's base path.
import type { EntryRef, Resolution, SitePage } from '../model/types.js';

export function entryPath(entry: EntryRef): string {
  switch (entry.kind) {
    case 'error':
      return `errors/${entry.code}/`;
    case 'directive':
      return `directives/${entry.name}/`;
    case 'runbook':
      return `runbooks/${entry.slug}/`;
  }
}

export function pagePath(page: SitePage): string {
  return page === 'home' ? '' : `${page}/`;
}

/** Where a resolved reference points, or null when it points nowhere. */
export function hrefOf(resolution: Resolution, base: string): string | null {
  const frag = (f: string | null) => (f ? `#${f}` : '');
  switch (resolution.type) {
    case 'entry':
      return base + entryPath(resolution.entry) + frag(resolution.fragment);
    case 'option':
      return `${base}directives/${resolution.directive}/#${resolution.option}`;
    case 'page':
      return base + pagePath(resolution.page) + frag(resolution.fragment);
    case 'upstream':
    case 'external':
      return resolution.url;
    case 'unresolved':
      return null;
  }
}

export function sameEntry(a: EntryRef | null, b: EntryRef): boolean {
  if (!a || a.kind !== b.kind) return false;
  if (a.kind === 'error' && b.kind === 'error') return a.code === b.code;
  if (a.kind === 'directive' && b.kind === 'directive') return a.name === b.name;
  if (a.kind === 'runbook' && b.kind === 'runbook') return a.slug === b.slug;
  return false;
}
