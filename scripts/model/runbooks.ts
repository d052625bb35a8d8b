// Runbooks: Markdown pages written by operators that link into the reference.
// Every code or directive name in a runbook becomes a `mention` node carrying
// its resolved reference (the same node the RST link step makes), so the
// render stage links it without reading text again. A code that does not
// exist is an error; a retired one is a warning.
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Code, Definition, Html, Image, InlineCode, Link, PhrasingContent, Root as MdastRoot, Text } from 'mdast';
import { findAndReplace } from 'mdast-util-find-and-replace';
import type { Point } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { parseMarkdown } from '../markdown/parse.js';
import type { Report } from '../rst/report.js';
import type { RstMention } from '../rst/types.js';
import { codePageAddress, codePattern, mentionPattern } from './code-syntax.js';
import { placeOf } from './errors.js';
import { pointFinder } from './points.js';
import { isSafeUrl, unsafeUrlReason } from './safe-url.js';
import type { DirectiveEntry, EntryRef, ErrorEntry, Reference, Resolution, RunbookEntry } from './types.js';

declare module 'mdast' {
  interface PhrasingContentMap {
    mention: RstMention;
  }
  interface CodeData {
    /** Code and directive names inside a code block, by offset in its value. */
    mentions?: import('../rst/types.js').CodeMention[];
  }
}

export interface RunbookLookups {
  errors: ReadonlyMap<string, ErrorEntry>;
  directives: ReadonlyMap<string, DirectiveEntry>;
}

/** `content/runbooks/daemon-socket-503.md` -> `daemon-socket-503` */
export function runbookSlug(path: string): string {
  return (path.split('/').pop() ?? path).replace(/\.md$/i, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

export function extractRunbook(path: string, file: VFile, report: Report, lookups: RunbookLookups): RunbookEntry {
  const { tree, front, frontNode } = parseMarkdown(file, report);
  const at = frontNode?.position?.start ?? { line: 1, column: 1, offset: 0 };
  const field = (name: string): string => {
    const value = front?.[name];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (front !== null || frontNode === null) report.error('missing-front-matter', `Runbook has no \`${name}\` in its front matter`, at);
    return '';
  };
  const title = field('title') || runbookSlug(path);
  const summary = field('summary');

  const source = String(file.value);
  const toPoint = pointFinder(source);
  const references: Reference[] = [];
  const reference = (target: string, resolution: Resolution, point: Point): Reference => {
    const ref: Reference = { kind: 'mention', target, resolution, place: placeOf(path, point) };
    references.push(ref);
    return ref;
  };

  /** The entry a name refers to, after reporting what is wrong with it. */
  const resolve = (name: string, point: Point): EntryRef | null => {
    if (codePattern.test(name)) {
      const entry = lookups.errors.get(name);
      if (!entry) {
        report.error('unknown-code', `\`${name}\` is not a code in the error reference`, point);
        return null;
      }
      if (entry.retired) report.warn('retired-code', `\`${name}\` is retired: mod_wsgi no longer logs it`, point);
      return { kind: 'error', code: name };
    }
    return lookups.directives.has(name) ? { kind: 'directive', name } : null;
  };

  // Only safe URLs reach the page (DESIGN.md "Bad input"). A link, autolink,
  // image or definition (which any `[x][ref]` or `![i][ref]` uses) with another
  // scheme is fatal here in the model, not found later by the renderer (whose
  // sanitizer drops such a URL anyway); an unsafe link keeps only its text.
  const unsafe = (url: string, point: Point): boolean => {
    if (isSafeUrl(url)) return false;
    report.error('unsafe-url', unsafeUrlReason(url), point);
    return true;
  };
  visit(tree, (node) => {
    if (node.type === 'image' || node.type === 'definition') unsafe((node as Image | Definition).url, node.position?.start ?? at);
    else if (node.type === 'html') for (const [url, point] of urlsInHtml(node as Html, source, toPoint, at)) unsafe(url, point);
  });

  // Markdown links keep their URL; one to a code or directive page is a reference too.
  visit(tree, 'link', (node: Link) => {
    const point = node.position?.start ?? at;
    if (unsafe(node.url, point)) return;
    const named = pageOfUrl(node.url);
    const entry = named ? known(named, lookups) : null;
    // A link within the site (no scheme) to a page the reference does not
    // have would be a dead link on the published page.
    if (named && !entry && !/^[a-z][a-z\d+.-]*:|^\/\//i.test(node.url)) {
      if (named.kind === 'error') report.error('unknown-code', `The link to ${node.url} leads nowhere: \`${named.code}\` is not a code in the error reference`, point);
      else report.error('unknown-directive', `The link to ${node.url} leads nowhere: \`${named.name}\` is not a directive in the reference`, point);
    }
    const resolution: Resolution = entry ? { type: 'entry', entry, fragment: null } : { type: 'external', url: node.url };
    node.data = { ...node.data, reference: reference(node.url, resolution, point) } as Link['data'];
  });

  // Inline code that is exactly a name: `WSGI0030`, `WSGISocketPrefix`.
  visit(tree, 'inlineCode', (node: InlineCode, index, parent) => {
    if (!parent || index === undefined || parent.type === 'link') return;
    const name = node.value.trim();
    if (!mentionPattern.test(name) || name.replace(mentionPattern, '') !== '') {
      mentionPattern.lastIndex = 0;
      return;
    }
    mentionPattern.lastIndex = 0;
    const point = node.position?.start ?? at;
    const entry = resolve(name, point);
    if (!entry) return;
    const mention: RstMention = mentionNode(name, true, reference(name, { type: 'entry', entry, fragment: null }, point), node.position);
    parent.children.splice(index, 1, mention as PhrasingContent);
  });

  // Names in prose.
  findAndReplace(
    tree,
    [
      mentionPattern,
      (value: string, match: { index: number; stack: readonly unknown[] }) => {
        const text = match.stack[match.stack.length - 1] as Text;
        const offset = (text.position?.start.offset ?? 0) + match.index;
        // Escapes and entities shift offsets; trust the source only where it agrees.
        const exact = source.slice(offset, offset + value.length) === value;
        const point = (exact ? toPoint(offset) : undefined) ?? text.position?.start ?? at;
        const entry = resolve(value, point);
        if (!entry) return false;
        const start = { line: point.line, column: point.column, offset: point.offset ?? offset };
        return mentionNode(value, false, reference(value, { type: 'entry', entry, fragment: null }, point), {
          start,
          end: { line: start.line, column: start.column + value.length, offset: start.offset + value.length }
        }) as PhrasingContent;
      }
    ],
    { ignore: ['link', 'linkReference'] }
  );

  // Names in code blocks (pasted log lines, commands) are checked and linked in place.
  visit(tree, 'code', (node: Code) => {
    const mentions: NonNullable<NonNullable<Code['data']>['mentions']> = [];
    const valueStart = node.position ? source.indexOf(node.value, node.position.start.offset ?? 0) : -1;
    for (const m of node.value.matchAll(mentionPattern)) {
      const index = m.index ?? 0;
      const point = (valueStart >= 0 ? toPoint(valueStart + index) : undefined) ?? node.position?.start ?? at;
      const entry = resolve(m[0], point);
      if (entry) mentions.push({ start: index, end: index + m[0].length, reference: reference(m[0], { type: 'entry', entry, fragment: null }, point) });
    }
    if (mentions.length > 0) node.data = { ...node.data, mentions };
  });

  references.sort((a, b) => a.place.offset - b.place.offset);
  return { kind: 'runbook', slug: runbookSlug(path), title, summary, tree, references, place: placeOf(path, at) };
}

/** Attributes whose value a browser follows or fetches. */
const urlAttributes = ['href', 'src', 'cite', 'longDesc', 'poster', 'action', 'formAction'] as const;

/**
 * The URLs in a piece of raw HTML (`<a href>`, `<img src>`...), parsed as the
 * browser would (entities decoded), each with where its element starts.
 */
function urlsInHtml(node: Html, source: string, toPoint: (offset: number) => Point | undefined, fallback: Point): [string, Point][] {
  const start = node.position?.start;
  // Inside a list or quote the node's value lacks the line prefixes: then its own start is all we know.
  const exact = start?.offset !== undefined && source.slice(start.offset, start.offset + node.value.length) === node.value;
  const found: [string, Point][] = [];
  visit(fromHtml(node.value, { fragment: true }), 'element', (el: Element) => {
    for (const name of urlAttributes) {
      const value = el.properties[name];
      if (typeof value !== 'string') continue;
      const inner = el.position?.start.offset;
      const point = (exact && inner !== undefined ? toPoint((start.offset as number) + inner) : undefined) ?? start ?? fallback;
      found.push([value, point]);
    }
  });
  return found;
}

function mentionNode(value: string, literal: boolean, ref: Reference, position: RstMention['position'] | undefined): RstMention {
  const start = position?.start ?? ref.place;
  return { type: 'mention', value, literal, data: { reference: ref }, position: position ?? { start, end: start } };
}

/** A directive page's address: `/directives/WSGIDaemonProcess/`, `../directives/WSGIDaemonProcess/index.html#x`. */
const directivePageAddress = /(?:^|\/)directives\/(WSGI[A-Za-z]+)\/?(?:index\.html)?(?:[?#].*)?$/;

/** The code or directive page a URL names (`/errors/WSGI0030/`, `../errors/wsgi0030`), whether or not the reference has it. */
function pageOfUrl(url: string): Extract<EntryRef, { kind: 'error' | 'directive' }> | null {
  const code = codePageAddress.exec(url)?.[1];
  if (code) return { kind: 'error', code: code.toUpperCase() };
  const directive = directivePageAddress.exec(url)?.[1];
  return directive ? { kind: 'directive', name: directive } : null;
}

/** The entry itself, if the reference has it. */
function known(ref: Extract<EntryRef, { kind: 'error' | 'directive' }>, lookups: RunbookLookups): EntryRef | null {
  return (ref.kind === 'error' ? lookups.errors.has(ref.code) : lookups.directives.has(ref.name)) ? ref : null;
}

/** Runbooks appear in the "Referenced by" of everything they mention. */
export function runbookBacklinks(runbooks: readonly RunbookEntry[], lookups: RunbookLookups): void {
  for (const rb of runbooks) {
    const self: EntryRef = { kind: 'runbook', slug: rb.slug };
    for (const ref of rb.references) {
      const r = ref.resolution;
      if (r.type !== 'entry') continue;
      const target = r.entry.kind === 'error' ? lookups.errors.get(r.entry.code) : r.entry.kind === 'directive' ? lookups.directives.get(r.entry.name) : undefined;
      if (target && !target.referencedBy.some((b) => b.kind === 'runbook' && b.slug === rb.slug)) target.referencedBy.push(self);
    }
  }
}

export type { MdastRoot };
