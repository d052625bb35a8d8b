// The link step: resolve every :ref:, :doc:, named reference and URL, and mark
// code and directive names mentioned in prose or literals. It annotates the
// trees in place (node.data.reference, and `mention` nodes split out of text),
// the way a unified transformer does, so rendering never looks at text again.
import path from 'node:path/posix';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { normaliseName } from '../rst/inline.js';
import type { Report } from '../rst/report.js';
import type { CodeMention, RstBlock, RstInline, RstMention, RstNode, RstRoot } from '../rst/types.js';
import { codePattern, mentionPattern } from './code-syntax.js';
import { placeOf } from './errors.js';
import { idOf } from './ids.js';
import { toText } from './text.js';
import { blockChildren, walkBlocks } from './walk.js';
import { type DirectiveEntry, type ErrorEntry, type Reference, type ReferenceKind, type Resolution, entryId } from './types.js';
import { pointFinder } from './points.js';
import { isSafeUrl, unsafeUrlReason } from './safe-url.js';

export interface DocFile {
  /** Path relative to the docs folder without `.rst`: `configuration-directives/WSGIDaemonProcess`. */
  docPath: string;
  /** Path relative to the docs folder, for places: `configuration-directives/WSGIDaemonProcess.rst`. */
  file: string;
  tree: RstRoot;
  vfile: VFile;
  report: Report;
}

export interface LinkOptions {
  /** Every .rst in the docs folder, as doc paths. */
  knownDocs: ReadonlySet<string>;
  /** A whole docs checkout (has index.rst): a :doc: to a missing page is an error. */
  fullCheckout: boolean;
  /** Where pages outside this site live, ending in `/`. */
  upstream: string;
  /**
   * Docs that could not be read (not text): references into them cannot be
   * checked, so they are held back instead of reported as dangling.
   */
  unread?: ReadonlySet<string>;
  /** Codes whose entries may be missing for a known reason (a cut-short reference): held back too. */
  holdCode?: (code: string) => boolean;
}

/** A dangling reference or unknown code not reported one by one; the caller summarises them. */
export interface HeldReference {
  file: string;
  target: string;
  place: Point;
}

export function linkDocs(files: readonly DocFile[], errors: readonly ErrorEntry[], directives: readonly DirectiveEntry[], options: LinkOptions): HeldReference[] {
  const held: HeldReference[] = [];
  const unread = options.unread ?? new Set<string>();
  // A page that was not read may hold any label; the error reference, any code.
  const someDirectiveUnread = [...unread].some((d) => d !== 'error-reference');
  const hold = (target: string): boolean => {
    const code = target.toUpperCase();
    if (codePattern.test(code)) return unread.has('error-reference') || options.holdCode?.(code) === true;
    return someDirectiveUnread;
  };
  const codes = new Set(errors.map((e) => e.code));
  const directiveNames = new Set(directives.map((d) => d.name));
  const labels = collectLabels(files, codes, directiveNames);
  // Resolutions are shared by the references that make them, as labels' are.
  const docResolutions = new Map<string, Map<string, Resolution>>();

  for (const doc of files) {
    const externals = new Map<string, string | null>();
    const sections = new Map<string, string>();
    // Unsafe URLs are refused where they are written; references to such a target then lead nowhere.
    walkBlocks(doc.tree.children, (b) => {
      if (b.type === 'target' && b.url !== null && !isSafeUrl(b.url)) doc.report.error('unsafe-url', unsafeUrlReason(b.url), b.urlStart ?? b.position);
    });
    for (const b of doc.tree.children) {
      if (b.type === 'target' && b.url !== null) externals.set(normaliseName(b.label), isSafeUrl(b.url) ? b.url : null);
      if (b.type === 'heading') {
        // The anchor is made only for a section some reference names.
        sections.set(normaliseName(toText(b.children)), idOf(b));
      }
    }
    const source = String(doc.vfile.value);
    const toPoint = pointFinder(source);
    const thisEntry = entryOf(doc.docPath, directiveNames);

    const resolveDoc = (target: string): Resolution => {
      // Pages in one folder resolve a :doc: target alike; the path arithmetic is done once per folder and target.
      const dir = path.dirname(doc.docPath);
      let known = docResolutions.get(dir);
      if (!known) docResolutions.set(dir, (known = new Map()));
      let resolution = known.get(target);
      if (!resolution) known.set(target, (resolution = resolveDocFrom(dir, target)));
      return resolution;
    };

    const resolveDocFrom = (dir: string, target: string): Resolution => {
      const clean = target.replace(/\.rst$/, '').replace(/#.*$/, '');
      const resolved = clean.startsWith('/') ? clean.slice(1) : path.normalize(path.join(dir, clean));
      if (resolved === 'error-reference') return { type: 'page', page: 'errors', fragment: null };
      if (resolved === 'configuration') return { type: 'page', page: 'directives', fragment: null };
      if (resolved === 'index') return { type: 'page', page: 'home', fragment: null };
      const m = /^configuration-directives\/([^/]+)$/.exec(resolved);
      if (m && directiveNames.has(m[1] as string)) return { type: 'entry', entry: { kind: 'directive', name: m[1] as string }, fragment: null };
      if (m && unread.has(resolved)) return unreadPage;
      if (m && directiveNames.size > 0) return { type: 'unresolved' };
      if (options.knownDocs.has(resolved) || !options.fullCheckout) return { type: 'upstream', url: `${options.upstream}${resolved}.html` };
      return { type: 'unresolved' };
    };

    const reference = (kind: ReferenceKind, target: string, resolution: Resolution, at: Point): Reference => ({
      kind,
      target,
      resolution,
      place: placeOf(doc.file, at)
    });

    // Only blocks and the inline content of paragraphs, titles and terms can hold
    // references; text, literals and code are not walked into.
    const linkInline = (node: RstInline): void => {
      switch (node.type) {
        case 'role': {
          if (node.name === 'ref') {
            const resolution = labels.get(normaliseName(node.target)) ?? { type: 'unresolved' };
            if (resolution.type === 'unresolved' && hold(node.target)) held.push({ file: doc.file, target: node.target, place: node.position.start });
            else if (resolution.type === 'unresolved') doc.report.error('dangling-ref', `:ref: target \`${node.target}\` is not a label anywhere in the docs`, node.position);
            node.data = { reference: reference('ref', node.target, resolution, node.position.start) };
          } else if (node.name === 'doc') {
            let resolution = resolveDoc(node.target);
            if (resolution === unreadPage) {
              held.push({ file: doc.file, target: node.target, place: node.position.start });
              resolution = { type: 'unresolved' };
            } else if (resolution.type === 'unresolved') doc.report.error('dangling-doc', `:doc: target \`${node.target}\` is not a page of the docs`, node.position);
            node.data = { reference: reference('doc', node.target, resolution, node.position.start) };
          }
          return;
        }
        case 'reference': {
          let resolution: Resolution = { type: 'unresolved' };
          let target = node.url ?? node.refname ?? node.text;
          // Refused (here, or at the target it names): reported once, where the URL is written.
          let refused = false;
          if (node.url !== null) {
            refused = !isSafeUrl(node.url);
            if (refused) doc.report.error('unsafe-url', unsafeUrlReason(node.url), node.position);
            else resolution = { type: 'external', url: node.url };
          } else if (node.refname !== null) {
            const url = externals.get(node.refname);
            const section = sections.get(node.refname);
            const fragment = url === undefined ? section : undefined;
            if (url === null) refused = true;
            else if (url !== undefined) resolution = { type: 'external', url };
            else if (fragment !== undefined) resolution = thisEntry ? { type: 'entry', entry: thisEntry, fragment } : { type: 'page', page: 'errors', fragment };
            else resolution = labels.get(node.refname) ?? resolution;
            target = node.refname;
          }
          if (resolution.type === 'unresolved' && !refused) {
            if (node.anonymous) doc.report.warn('anonymous-reference', `Anonymous reference \`${node.text}\`__ is not supported; shown as text`, node.position);
            else doc.report.error('dangling-reference', `Reference \`${node.text}\`_ has no target in this page`, node.position);
          }
          node.data = { reference: reference('named', target, resolution, node.position.start) };
          return;
        }
        case 'link': {
          const safe = isSafeUrl(node.url);
          if (!safe) doc.report.error('unsafe-url', unsafeUrlReason(node.url), node.position);
          node.data = { reference: reference('url', node.url, safe ? { type: 'external', url: node.url } : { type: 'unresolved' }, node.position.start) };
          return;
        }
        default:
          return;
      }
    };

    const linkBlock = (node: RstNode): void => {
      switch (node.type) {
        case 'paragraph': {
          // Most paragraphs mention nothing: rebuild the children only when one does.
          let changed: RstInline[] | null = null;
          for (let k = 0; k < node.children.length; k++) {
            const child = node.children[k] as RstInline;
            const split = mentionsIn(child);
            if (split === null) {
              changed?.push(child);
              continue;
            }
            changed ??= node.children.slice(0, k);
            for (const n of split) changed.push(n);
          }
          if (changed) node.children = changed;
          for (const child of node.children) linkInline(child);
          return;
        }
        case 'heading':
          for (const child of node.children) linkInline(child);
          return;
        case 'code': {
          // Codes and directive names in a literal block (an example log
          // line) are linked where they stand, as in a runbook's code block.
          const mentions: CodeMention[] = [];
          const valueStart = source.indexOf(node.value, node.position.start.offset ?? 0);
          mentionPattern.lastIndex = 0;
          for (let m = mentionPattern.exec(node.value); m !== null; m = mentionPattern.exec(node.value)) {
            const at = (valueStart >= 0 ? toPoint(valueStart + m.index) : undefined) ?? node.position.start;
            const hit = resolveMention(m[0], at, false);
            if (hit) mentions.push({ start: m.index, end: m.index + m[0].length, reference: hit.data.reference });
          }
          if (mentions.length > 0) node.data = { ...node.data, mentions };
          return;
        }
        case 'definitionItem':
          for (const t of node.term) linkInline(t);
          for (const child of node.children) linkBlock(child);
          return;
        default:
          for (const child of blockChildren(node) ?? []) linkBlock(child);
          return;
      }
    };
    linkBlock(doc.tree);

    /** The child split around the codes and directive names it mentions; null when it mentions none. */
    function mentionsIn(child: RstInline): RstInline[] | null {
      if (child.type === 'inlineCode') {
        const hit = resolveMention(child.value, child.position.start, true);
        return hit ? [hit] : null;
      }
      if (child.type !== 'text' || !child.value.includes('WSGI')) return null;
      const out: RstInline[] = [];
      const start = child.position.start.offset ?? 0;
      const end = child.position.end.offset ?? source.length;
      let last = 0;
      let cursor = start;
      // exec on the shared pattern, not matchAll: that copies the expression and makes an iterator per text.
      mentionPattern.lastIndex = 0;
      for (let m = mentionPattern.exec(child.value); m !== null; m = mentionPattern.exec(child.value)) {
        const found = source.indexOf(m[0], cursor);
        const offset = found >= 0 && found < end ? found : start;
        cursor = found >= 0 && found < end ? found + m[0].length : cursor;
        const at = toPoint(offset) ?? child.position.start;
        const hit = resolveMention(m[0], at, false);
        if (!hit) continue;
        const index = m.index ?? 0;
        // The text between two mentions starts where the previous mention ends.
        if (index > last) out.push({ type: 'text', value: child.value.slice(last, index), position: { start: last === 0 ? child.position.start : (out[out.length - 1] as RstInline).position.end, end: at } });
        out.push(hit);
        last = index + m[0].length;
      }
      if (last === 0) return null;
      if (last < child.value.length) out.push({ type: 'text', value: child.value.slice(last), position: { start: (out[out.length - 1] as RstInline).position.end, end: child.position.end } });
      return out;
    }

    function resolveMention(value: string, at: Point, literal: boolean): RstMention | null {
      // Most literals are neither a code nor a directive name: decide before building anything.
      if (!value.startsWith('WSGI') && !directiveNames.has(value)) return null;
      const end = { line: at.line, column: at.column + value.length + (literal ? 4 : 0), offset: (at.offset ?? 0) + value.length + (literal ? 4 : 0) };
      if (codePattern.test(value)) {
        if (!codes.has(value)) {
          if (hold(value)) held.push({ file: doc.file, target: value, place: at });
          else doc.report.warn('unknown-code', `\`${value}\` is mentioned but is not a code in the error reference`, at);
          return null;
        }
        return { type: 'mention', value, literal, data: { reference: reference('mention', value, { type: 'entry', entry: { kind: 'error', code: value }, fragment: null }, at) }, position: { start: at, end } };
      }
      if (directiveNames.has(value)) {
        return { type: 'mention', value, literal, data: { reference: reference('mention', value, { type: 'entry', entry: { kind: 'directive', name: value }, fragment: null }, at) }, position: { start: at, end } };
      }
      return null;
    }
  }

  for (const e of errors) e.references = referencesIn([...(e.loggedMessage?.notes ?? []), ...(e.cause ?? []), ...(e.outcome ?? []), ...(e.action ?? []), ...(e.retiredNote ?? [])]);
  for (const d of directives) d.references = referencesIn([...(d.syntax ?? []), ...(d.default ?? []), ...d.body], d.description ?? []);
  computeBacklinks(errors, directives);
  return held;
}

/** What a :doc: to a page that could not be read resolves to (unresolved, but not reported). */
const unreadPage: Resolution = { type: 'unresolved' };

function entryOf(docPath: string, directiveNames: ReadonlySet<string>) {
  const m = /^configuration-directives\/([^/]+)$/.exec(docPath);
  return m && directiveNames.has(m[1] as string) ? ({ kind: 'directive', name: m[1] as string } as const) : null;
}

/** Labels are global, as in Sphinx: a code, an option, a section, a page. */
function collectLabels(files: readonly DocFile[], codes: ReadonlySet<string>, directiveNames: ReadonlySet<string>): Map<string, Resolution> {
  const labels = new Map<string, Resolution>();
  const where = new Map<string, string>();
  for (const doc of files) {
    const entry = entryOf(doc.docPath, directiveNames);
    const visitList = (blocks: readonly RstBlock[]) => {
      blocks.forEach((b, k) => {
        if (b.type === 'blockquote' || b.type === 'admonition') visitList(b.children);
        if (b.type !== 'target' || b.url !== null) return;
        const key = normaliseName(b.label);
        if (labels.has(key)) {
          // Repeated code labels are reported once, as duplicate codes.
          if (!codePattern.test(b.label)) doc.report.error('duplicate-label', `Label \`${b.label}\` is already defined in ${where.get(key)}`, b.position);
          return;
        }
        const next = blocks[k + 1];
        let resolution: Resolution;
        if (codePattern.test(b.label) && codes.has(b.label)) resolution = { type: 'entry', entry: { kind: 'error', code: b.label }, fragment: null };
        else if (entry && next?.type === 'optionBlock') resolution = { type: 'option', directive: entry.name, option: b.label };
        else if (entry) resolution = { type: 'entry', entry, fragment: next?.type === 'heading' ? idOf(next) : null };
        else if (doc.docPath === 'error-reference') resolution = { type: 'page', page: 'errors', fragment: next?.type === 'heading' ? idOf(next) : null };
        else if (doc.docPath === 'configuration') resolution = { type: 'page', page: 'directives', fragment: null };
        else return;
        labels.set(key, resolution);
        where.set(key, doc.file);
      });
    };
    visitList(doc.tree.children);
  }
  return labels;
}

function referencesIn(blocks: readonly RstBlock[], inline: readonly RstInline[] = []): Reference[] {
  const out: Reference[] = [];
  for (const n of inline) collectReferences(n, out);
  for (const n of blocks) collectReferences(n, out);
  // Tree order is nearly always file order already; a stable sort would leave it as it is.
  for (let k = 1; k < out.length; k++) if ((out[k - 1] as Reference).place.offset > (out[k] as Reference).place.offset) return out.sort(byOffset);
  return out;
}

function byOffset(a: Reference, b: Reference): number {
  return a.place.offset - b.place.offset;
}

/** The references the link step attached, in tree order; skips nodes that cannot hold one. */
function collectReferences(node: RstNode, out: Reference[]): void {
  switch (node.type) {
    case 'role':
    case 'reference':
    case 'link':
    case 'mention':
      if (node.data?.reference) out.push(node.data.reference);
      return;
    case 'text':
    case 'inlineCode':
    case 'emphasis':
    case 'strong':
    case 'substitutionReference':
    case 'comment':
    case 'target':
    case 'directive':
    case 'toctree':
    case 'toctreeEntry':
    case 'thematicBreak':
      return;
    case 'code':
      for (const m of node.data?.mentions ?? []) out.push(m.reference);
      return;
    case 'definitionItem':
      for (const t of node.term) collectReferences(t, out);
      break;
    default:
      break;
  }
  for (const child of node.children as readonly RstNode[]) collectReferences(child, out);
}

function computeBacklinks(errors: readonly ErrorEntry[], directives: readonly DirectiveEntry[]): void {
  const byCode = new Map(errors.map((e) => [e.code, e]));
  const byName = new Map(directives.map((d) => [d.name, d]));
  // A set per target: an entry that many others cite must not cost a scan per citation.
  const seen = new Map<ErrorEntry | DirectiveEntry, Set<string>>();
  const add = (from: ErrorEntry | DirectiveEntry, ref: Reference) => {
    const r = ref.resolution;
    const target = r.type === 'entry' ? (r.entry.kind === 'error' ? byCode.get(r.entry.code) : r.entry.kind === 'directive' ? byName.get(r.entry.name) : undefined) : r.type === 'option' ? byName.get(r.directive) : undefined;
    if (!target || target === from) return;
    const source = from.kind === 'error' ? ({ kind: 'error', code: from.code } as const) : ({ kind: 'directive', name: from.name } as const);
    let ids = seen.get(target);
    if (!ids) seen.set(target, (ids = new Set(target.referencedBy.map(entryId))));
    const id = entryId(source);
    if (ids.has(id)) return;
    ids.add(id);
    target.referencedBy.push(source);
  };
  for (const e of errors) for (const r of e.references) add(e, r);
  for (const d of directives) for (const r of d.references) add(d, r);
}
