// model -> render: everything a page template needs, with content rendered
// to hast. Templates only arrange these pieces. An entry's own content (cause,
// outcome, body...) is rendered when its page reads it, not kept: at 10,000
// codes the rendered trees of every entry at once would be most of the
// build's memory, and only the entry's own page needs them.
import type { Element, ElementContent } from 'hast';
import type { DirectiveEntry, EntryRef, ErrorEntry, Model, ReferenceIntro, RunbookEntry, Severity, SeverityLevel } from '../model/types.js';
import { severities } from '../model/types.js';
import { createRenderer, messageTemplate, type Renderer } from '../render/render.js';
import { entryPath } from '../render/urls.js';

export interface SiteConfig {
  title: string;
  description: string;
  /** `/` or `/prefix/`. */
  base: string;
  /** Origin the site is served from, for absolute links (may be ''). */
  siteUrl: string;
  upstream: string;
  /** The site icon as a `data:` URL, so that no page asks for it (see templates/lib/layout.ts). */
  icon: string;
}

export interface LinkItem {
  href: string;
  label: string;
  /** The entry's title or description, shown beside the label. */
  note: string;
  kind: EntryRef['kind'];
  retired?: boolean;
}

export interface ErrorView {
  entry: ErrorEntry;
  path: string;
  severityMeaning: string | null;
  message: Element | null;
  /** The entry's own content, rendered when called (nothing is kept): the page calls it once. */
  content(): ErrorContent;
  referencedBy: LinkItem[];
  /** Runbooks that mention this code. */
  runbooks: LinkItem[];
  directives: LinkItem[];
  related: LinkItem[];
  prev: LinkItem | null;
  next: LinkItem | null;
}

export interface ErrorContent {
  notes: ElementContent[];
  cause: ElementContent[];
  outcome: ElementContent[];
  action: ElementContent[];
  retiredNote: ElementContent[];
}

export interface DirectiveView {
  entry: DirectiveEntry;
  path: string;
  description: ElementContent[];
  /** Syntax, default and body, rendered when called (nothing is kept): the page calls it once. */
  content(): { syntax: ElementContent[]; default: ElementContent[]; body: ElementContent[] };
  errors: LinkItem[];
  referencedBy: LinkItem[];
  runbooks: LinkItem[];
}

export interface RunbookView {
  entry: RunbookEntry;
  path: string;
  body: ElementContent[];
  /** The codes it mentions, in order of first mention. */
  errors: LinkItem[];
  directives: LinkItem[];
}

export interface GroupView {
  title: string;
  id: string;
  directives: LinkItem[];
}

/** A view of the code table: all, one severity, or one status. */
export interface ErrorFilter {
  /** Path below the base: `errors/`, `errors/severity/crit/`, `errors/status/retired/`. */
  path: string;
  label: string;
  severity: Severity | null;
  status: 'active' | 'retired' | null;
  count: number;
}

export function matchesFilter(filter: ErrorFilter, view: ErrorView): boolean {
  if (filter.severity !== null && view.entry.severity !== filter.severity) return false;
  if (filter.status === 'active' && view.entry.retired) return false;
  if (filter.status === 'retired' && !view.entry.retired) return false;
  return true;
}

export interface Views {
  config: SiteConfig;
  errorFilters: ErrorFilter[];
  model: Model;
  ladder: (SeverityLevel & { count: number })[];
  intro: ElementContent[];
  referenceProse: ReferenceProseView;
  errors: ErrorView[];
  directives: DirectiveView[];
  runbooks: RunbookView[];
  groups: GroupView[];
  counts: { codes: number; active: number; retired: number; directives: number; runbooks: number };
  redirects: Redirect[];
}

export interface Redirect {
  /** Path below the base of the page written. */
  from: string;
  /** Path below the base to go to. */
  to: string;
  title: string;
  /** The old one-page reference, whose #wsgiNNNN fragments name codes. */
  codes: boolean;
}

/** Lowercase aliases and the old Sphinx URLs, each leading to its canonical page. */
function redirectsOf(views: Pick<Views, 'errors' | 'directives'>): Redirect[] {
  const out: Redirect[] = [
    { from: 'error-reference.html', to: 'errors/', title: 'Error reference', codes: true },
    { from: 'configuration.html', to: 'directives/', title: 'Configuration directives', codes: false }
  ];
  for (const e of views.errors) out.push({ from: `errors/${e.entry.code.toLowerCase()}/index.html`, to: e.path, title: e.entry.code, codes: false });
  for (const d of views.directives) {
    out.push({ from: `${d.entry.docPath}.html`, to: d.path, title: d.entry.name, codes: false });
    if (d.entry.name.toLowerCase() !== d.entry.name) out.push({ from: `directives/${d.entry.name.toLowerCase()}/index.html`, to: d.path, title: d.entry.name, codes: false });
  }
  return out;
}

export function buildViews(model: Model, config: SiteConfig): Views {
  const byCode = new Map(model.errors.map((e) => [e.code, e]));
  const byName = new Map(model.directives.map((d) => [d.name, d]));
  const bySlug = new Map(model.runbooks.map((r) => [r.slug, r]));
  const describe = (ref: EntryRef): string | null => {
    if (ref.kind === 'error') {
      const e = byCode.get(ref.code);
      return e ? `${e.code}: ${e.retired ? 'retired' : e.title}` : null;
    }
    if (ref.kind === 'directive') return byName.get(ref.name)?.descriptionText ?? null;
    return bySlug.get(ref.slug)?.title ?? null;
  };
  const item = (ref: EntryRef): LinkItem | null => {
    const href = config.base + entryPath(ref);
    if (ref.kind === 'error') {
      const e = byCode.get(ref.code);
      return e ? { href, label: e.code, note: e.retired ? 'Retired' : e.title, kind: 'error', retired: e.retired } : null;
    }
    if (ref.kind === 'directive') {
      const d = byName.get(ref.name);
      return d ? { href, label: d.name, note: d.descriptionText, kind: 'directive' } : null;
    }
    const r = bySlug.get(ref.slug);
    return r ? { href, label: r.title, note: r.summary, kind: 'runbook' } : null;
  };
  const renderer = (self: EntryRef): Renderer => createRenderer({ base: config.base, self, headingOffset: 0, describe });
  const ladderMeaning = new Map<Severity, string>(model.reference?.ladder.map((l) => [l.severity, l.meaningText]) ?? []);

  const errors = model.errors.map((e, k): ErrorView => {
    const self: EntryRef = { kind: 'error', code: e.code };
    const r = () => renderer(self);
    const directives = uniqueItems(
      e.references.flatMap((ref) => {
        const res = ref.resolution;
        if (res.type === 'entry' && res.entry.kind === 'directive') return [item(res.entry)];
        if (res.type === 'option') return [item({ kind: 'directive', name: res.directive })];
        return [];
      })
    );
    const related = uniqueItems(e.references.flatMap((ref) => (ref.resolution.type === 'entry' && ref.resolution.entry.kind === 'error' && ref.resolution.entry.code !== e.code ? [item(ref.resolution.entry)] : [])));
    const prev = model.errors[k - 1];
    const next = model.errors[k + 1];
    return {
      entry: e,
      path: entryPath(self),
      severityMeaning: e.severity ? (ladderMeaning.get(e.severity) ?? null) : null,
      get message() {
        return e.loggedMessage ? messageTemplate(e.loggedMessage.segments) : null;
      },
      content() {
        const [notes = [], cause = [], outcome = [], action = [], retiredNote = []] = r().sections([e.loggedMessage?.notes ?? [], e.cause ?? [], e.outcome ?? [], e.action ?? [], e.retiredNote ?? []]);
        return { notes, cause, outcome, action, retiredNote };
      },
      referencedBy: uniqueItems(e.referencedBy.filter((b) => b.kind !== 'runbook').map(item)),
      runbooks: uniqueItems(e.referencedBy.filter((b) => b.kind === 'runbook').map(item)),
      directives,
      related,
      prev: prev ? item({ kind: 'error', code: prev.code }) : null,
      next: next ? item({ kind: 'error', code: next.code }) : null
    };
  });

  const directives = model.directives.map((d): DirectiveView => {
    const self: EntryRef = { kind: 'directive', name: d.name };
    const r = () => renderer(self);
    const referencedBy = uniqueItems(d.referencedBy.map(item));
    return {
      entry: d,
      path: entryPath(self),
      get description() {
        return r().inline(d.description ?? []);
      },
      content() {
        const [syntax = [], byDefault = [], body = []] = r().sections([d.syntax ?? [], d.default ?? [], d.body]);
        return { syntax, default: byDefault, body };
      },
      errors: referencedBy.filter((l) => l.kind === 'error'),
      referencedBy: referencedBy.filter((l) => l.kind === 'directive'),
      runbooks: referencedBy.filter((l) => l.kind === 'runbook')
    };
  });

  const runbooks = model.runbooks.map((rb): RunbookView => {
    const self: EntryRef = { kind: 'runbook', slug: rb.slug };
    // The page's h1 is the runbook's title, so a `#` heading in the body moves down a level.
    const headingOffset = rb.tree.children.some((n) => n.type === 'heading' && n.depth === 1) ? 1 : 0;
    const targets = rb.references.flatMap((ref) => (ref.resolution.type === 'entry' ? [ref.resolution.entry] : []));
    return {
      entry: rb,
      path: entryPath(self),
      get body() {
        return createRenderer({ base: config.base, self, headingOffset, describe }).markdown(rb.tree.children);
      },
      errors: uniqueItems(targets.filter((t) => t.kind === 'error').map(item)),
      directives: uniqueItems(targets.filter((t) => t.kind === 'directive').map(item))
    };
  });

  const grouped = new Set<string>();
  const groups: GroupView[] = (model.configuration?.groups ?? []).map((g) => ({
    title: g.title,
    id: g.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
    directives: uniqueItems(
      g.directives.map((name) => {
        grouped.add(name);
        return item({ kind: 'directive', name });
      })
    )
  }));
  const rest = model.directives.filter((d) => !grouped.has(d.name));
  if (rest.length > 0) groups.push({ title: groups.length > 0 ? 'Other directives' : 'All directives', id: 'other', directives: uniqueItems(rest.map((d) => item({ kind: 'directive', name: d.name }))) });

  const introRenderer = createRenderer({ base: config.base, self: null, headingOffset: 0, describe });
  const ladder = severities.map((s) => {
    const level = model.reference?.ladder.find((l) => l.severity === s);
    return { severity: s, meaning: level?.meaning ?? [], meaningText: level?.meaningText ?? '', count: model.errors.filter((e) => e.severity === s).length };
  });
  const retired = model.errors.filter((e) => e.retired).length;
  const candidates: Omit<ErrorFilter, 'count'>[] = [
    { path: 'errors/', label: 'All', severity: null, status: null },
    ...severities.map((s) => ({ path: `errors/severity/${s.toLowerCase()}/`, label: s, severity: s, status: null })),
    { path: 'errors/status/active/', label: 'Active', severity: null, status: 'active' as const },
    { path: 'errors/status/retired/', label: 'Retired', severity: null, status: 'retired' as const }
  ];
  const errorFilters = candidates
    .map((f) => ({ ...f, count: errors.filter((v) => matchesFilter({ ...f, count: 0 }, v)).length }))
    .filter((f) => f.path === 'errors/' || f.count > 0);
  return {
    config,
    errorFilters,
    model,
    ladder,
    intro: introRenderer.blocks(model.reference?.intro ?? []),
    referenceProse: referenceProseView(model.reference, introRenderer),
    errors,
    directives,
    runbooks,
    groups,
    counts: { codes: model.errors.length, active: model.errors.length - retired, retired, directives: model.directives.length, runbooks: model.runbooks.length },
    redirects: redirectsOf({ errors, directives })
  };
}

/** A section of error-reference.rst's own prose, rendered. */
export interface ProseSectionView {
  title: string;
  id: string;
  body: ElementContent[];
}

/** The prose of error-reference.rst outside the entries, the intro and the ladder, rendered for the pages that show it. */
export interface ReferenceProseView {
  /** Before the ladder on the home page. */
  ladderIntro: ElementContent[];
  /** Above the table on /errors/: the notes after the ladder and the prose of the section that holds the codes. */
  codes: ElementContent[];
  /** Sections of their own on /errors/, above the table and below it. */
  before: ProseSectionView[];
  after: ProseSectionView[];
}

export function referenceProseView(reference: ReferenceIntro | null, r: Renderer): ReferenceProseView {
  const sections = reference?.sections ?? [];
  const view = (where: 'before-codes' | 'after-codes') =>
    sections.filter((s) => s.where === where && s.blocks.length > 0).map((s) => ({ title: s.title, id: s.id, body: r.blocks(s.blocks) }));
  return {
    ladderIntro: r.blocks(reference?.ladderIntro ?? []),
    codes: r.blocks([...(reference?.ladderNotes ?? []), ...sections.filter((s) => s.where === 'codes').flatMap((s) => s.blocks)]),
    before: view('before-codes'),
    after: view('after-codes')
  };
}

function uniqueItems(items: (LinkItem | null)[]): LinkItem[] {
  const seen = new Set<string>();
  const out: LinkItem[] = [];
  for (const i of items) {
    if (!i || seen.has(i.href)) continue;
    seen.add(i.href);
    out.push(i);
  }
  return out;
}
