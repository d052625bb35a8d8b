// render: RST trees -> hast through remark-rehype. The RST nodes that are
// mdast nodes already (paragraph, list, code, emphasis...) use remark-rehype's
// own handlers; the RST-only ones get handlers here. No content string is ever
// pasted into HTML: text stays text nodes until rehype-stringify escapes it.
import type { Element, ElementContent, Properties, Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import type { Code } from 'mdast';
import { defaultHandlers, type Handler, type State } from 'mdast-util-to-hast';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { h } from 'hastscript';
import type { EntryRef, MessageSegment, Reference } from '../model/types.js';
import { codePattern } from '../model/code-syntax.js';
import { idOf } from '../model/ids.js';
import type {
  RstAdmonition,
  RstBlock,
  RstDefinitionList,
  RstDirective,
  RstFieldList,
  RstHeading,
  RstInline,
  RstLink,
  RstMention,
  RstNode,
  RstOptionBlock,
  RstReference,
  RstRole,
  RstSubstitution,
  RstToctree
} from '../rst/types.js';
import { userHtml } from './sanitize.js';
import { hrefOf, sameEntry } from './urls.js';

export interface RenderContext {
  base: string;
  /** The entry whose page this is: links to it are left out. */
  self: EntryRef | null;
  /** Headings inside content start at this level (h2 under the page's h1). */
  headingOffset: number;
  /** A short description for a link's title attribute (entry titles). */
  describe(entry: EntryRef): string | null;
}

/** A list of blocks given to sections(), as a node of its own while it is converted. */
const groupType = 'wsgiErrorsSection';
interface Group {
  type: typeof groupType;
  children: RstNode[];
}

type RstHandler<N> = (state: State, node: N, parent: RstNode | undefined) => ElementContent | ElementContent[] | undefined;

const admonitionTitles: Record<string, string> = {
  note: 'Note',
  warning: 'Warning',
  tip: 'Tip',
  important: 'Important',
  caution: 'Caution',
  attention: 'Attention',
  danger: 'Danger',
  error: 'Error',
  hint: 'Hint',
  seealso: 'See also',
  versionadded: 'New in version',
  versionchanged: 'Changed in version',
  deprecated: 'Deprecated since version'
};

export interface Renderer {
  blocks(blocks: readonly RstBlock[]): ElementContent[];
  /**
   * Several lists of blocks (a page's sections), each rendered as blocks()
   * would, in one pass: one conversion for the page instead of one for each
   * section, which was a tenth of the time spent rendering a code page.
   */
  sections(lists: readonly (readonly RstBlock[])[]): ElementContent[][];
  /** A runbook's Markdown: its raw HTML kept and sanitized as GitHub does (sanitize.ts). */
  markdown(blocks: readonly MdastRoot['children'][number][]): ElementContent[];
  inline(nodes: readonly RstInline[]): ElementContent[];
}

function children(state: State, nodes: readonly RstNode[]): ElementContent[] {
  return state.all({ type: 'paragraph', children: nodes } as never) as ElementContent[];
}

export function createRenderer(ctx: RenderContext): Renderer {
  const link = (ref: Reference | undefined, content: ElementContent[], kind: string): ElementContent[] => {
    if (!ref) return content;
    const r = ref.resolution;
    if (r.type === 'entry' && r.fragment === null && sameEntry(ctx.self, r.entry)) {
      return content;
    }
    const href = hrefOf(r, ctx.base);
    if (href === null) return [h('span', { className: ['unresolved'], title: `Unresolved ${kind}: ${ref.target}` }, content)];
    const props: Properties = { href };
    if (r.type === 'entry') {
      const title = ctx.describe(r.entry);
      if (title) props['title'] = title;
    }
    if (r.type === 'external' || r.type === 'upstream') props['className'] = ['external'];
    return [h('a', props, content)];
  };

  const role: RstHandler<RstRole> = (state, node) => {
    if (node.name === 'ref' || node.name === 'doc') {
      const ref = node.data?.reference;
      let text = node.title ?? node.target;
      if (!node.title && ref?.resolution.type === 'entry' && ref.resolution.entry.kind === 'directive') text = ref.resolution.entry.name;
      if (!node.title && ref?.resolution.type === 'page') text = { home: 'the reference home', errors: 'the error reference', directives: 'the configuration directives' }[ref.resolution.page];
      if (!node.title && ref?.resolution.type === 'upstream') text = humanise(node.target);
      const codeLike = codePattern.test(text) || (ref?.resolution.type === 'entry' && ref.resolution.entry.kind === 'directive' && !node.title);
      return link(ref, [codeLike ? h('code', text) : { type: 'text', value: text }], `:${node.name}:`);
    }
    if (node.name === '' || node.name === 'emphasis' || node.name === 'term') return h('em', node.target);
    if (node.name === 'strong') return h('strong', node.target);
    if (node.name === 'abbr') return h('abbr', node.target);
    return h('code', { className: [`role-${node.name.replace(/[^\w-]/g, '-')}`] }, node.title ?? node.target);
  };

  const reference: RstHandler<RstReference> = (_state, node) => link(node.data?.reference, [{ type: 'text', value: node.text }], 'reference');
  const urlLink: RstHandler<RstLink> = (state, node) => link(node.data?.reference, children(state, node.children), 'link');
  const mention: RstHandler<RstMention> = (_state, node) => link(node.data.reference, [node.literal ? h('code', node.value) : { type: 'text', value: node.value }], 'mention');
  const substitution: RstHandler<RstSubstitution> = (_state, node) => ({ type: 'text', value: `|${node.name}|` });

  const headingLevel = (node: RstHeading) => Math.min(6, Math.max(1, node.depth + ctx.headingOffset));
  const heading: RstHandler<RstHeading> = (state, node) => h(`h${headingLevel(node)}`, { ...node.data?.hProperties }, children(state, node.children));
  // A Markdown heading's id comes after sanitizing, from the text left (sanitize.ts).
  const markdownHeading: RstHandler<RstHeading> = (state, node) => h(`h${headingLevel(node)}`, children(state, node.children));

  const fieldList: RstHandler<RstFieldList> = (state, node) =>
    h(
      'dl',
      { className: ['fields'] },
      node.children.flatMap((f) => [h('dt', f.name), h('dd', children(state, f.children))])
    );

  const definitionList: RstHandler<RstDefinitionList> = (state, node) =>
    h(
      'dl',
      node.children.flatMap((item) => [h('dt', children(state, item.term)), h('dd', children(state, item.children))])
    );

  const optionBlock: RstHandler<RstOptionBlock> = (state, node) => {
    const id = idOf(node);
    const level = Math.min(6, 3 + ctx.headingOffset - 1);
    return h('section', { className: ['option'], id }, [
      h(`h${level}`, [h('code', node.signature), ' ', h('a', { className: ['anchor'], href: `#${id}`, ariaLabel: `Link to option ${node.name}` }, '#')]),
      ...children(state, node.children)
    ]);
  };

  const toctree: RstHandler<RstToctree> = (_state, node) =>
    h(
      'ul',
      { className: ['toctree'] },
      node.children.map((e) => {
        const name = e.title ?? (e.target.split('/').pop() as string);
        return h('li', h('a', { href: `${ctx.base}directives/${e.target.split('/').pop()}/` }, h('code', name)));
      })
    );

  const admonition: RstHandler<RstAdmonition> = (state, node) => {
    const label = admonitionTitles[node.kind] ?? node.kind;
    const title = node.kind === 'admonition' ? (node.title ?? 'Note') : node.title ? `${label} ${node.title}` : label;
    return h('aside', { className: ['admonition', node.kind] }, [h('p', { className: ['admonition-title'] }, title), ...children(state, node.children)]);
  };

  const directive: RstHandler<RstDirective> = (_state, node) => {
    const head = `.. ${node.name}::${node.argument ? ' ' + node.argument : ''}`;
    const options = Object.entries(node.options).map(([k, v]) => `   :${k}: ${v}`);
    const body = node.value ? node.value.split('\n').map((l) => (l ? `   ${l}` : l)) : [];
    return h('pre', { className: ['directive'] }, h('code', [head, ...options, ...(body.length ? ['', ...body] : [])].join('\n')));
  };

  // A code block with names found in it (a pasted log line, in a runbook or
  // the docs) keeps its text; each name is highlighted and linked.
  const code: RstHandler<Code> = (state, node) => {
    const mentions = node.data?.mentions;
    if (!mentions || mentions.length === 0) return defaultHandlers.code(state, node);
    const parts: ElementContent[] = [];
    let last = 0;
    for (const m of mentions) {
      if (m.start > last) parts.push({ type: 'text', value: node.value.slice(last, m.start) });
      parts.push(...link(m.reference, [h('mark', node.value.slice(m.start, m.end))], 'mention'));
      last = m.end;
    }
    if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
    return h('pre', h('code', { className: node.lang ? [`language-${node.lang}`] : undefined }, parts));
  };

  const nothing: RstHandler<RstNode> = () => undefined;

  // One of sections()'s lists: its blocks as the root's handler would make them.
  const group: RstHandler<Group> = (state, node) => ({ type: 'element', tagName: 'div', properties: {}, children: state.wrap(state.all(node as never)) as ElementContent[] });

  const handlers: Record<string, RstHandler<never>> = {
    role,
    reference,
    link: urlLink,
    mention,
    substitutionReference: substitution,
    heading,
    fieldList,
    definitionList,
    optionBlock,
    toctree,
    admonition,
    directive,
    code,
    [groupType]: group,
    target: nothing,
    comment: nothing
  };

  const processor = unified().use(remarkRehype, { handlers: handlers as unknown as Record<string, Handler> });

  // Raw HTML is passed on (clobberPrefix '': the sanitizer prefixes footnote ids
  // itself). Made on first use: only runbook pages need it.
  let markdownProcessor: typeof processor | null = null;
  const markdownThrough = () =>
    (markdownProcessor ??= unified()
      .use(remarkRehype, { handlers: { ...handlers, heading: markdownHeading } as unknown as Record<string, Handler>, allowDangerousHtml: true, clobberPrefix: '' })
      .use(userHtml) as unknown as typeof processor);

  const content = (nodes: HastRoot['children']): ElementContent[] => nodes.filter((c): c is ElementContent => c.type !== 'doctype' && !(c.type === 'text' && c.value.trim() === ''));
  const run = (nodes: readonly RstNode[], through = processor): ElementContent[] => {
    // Most pages have a section or two with nothing in it: no processor run for those.
    if (nodes.length === 0) return [];
    return content((through.runSync({ type: 'root', children: nodes } as unknown as MdastRoot) as HastRoot).children);
  };

  return {
    blocks: (blocks) => run(blocks),
    sections(lists) {
      if (lists.every((l) => l.length === 0)) return lists.map(() => []);
      const groups: Group[] = lists.map((l) => ({ type: groupType, children: [...l] }));
      const tree = processor.runSync({ type: 'root', children: groups } as unknown as MdastRoot) as HastRoot;
      const made = tree.children.filter((c): c is Element => c.type === 'element');
      return lists.map((_, k) => content(made[k]?.children ?? []));
    },
    markdown: (blocks) => run(blocks as unknown as RstNode[], markdownThrough()),
    inline: (nodes) => {
      const [p] = run([{ type: 'paragraph', children: [...nodes], position: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } }]);
      return p && p.type === 'element' ? p.children : [];
    }
  };
}

/** `../user-guides/access-control-mechanisms` -> `access control mechanisms` */
function humanise(target: string): string {
  const last = target.replace(/\.rst$/, '').split('/').pop() ?? target;
  return last.replace(/[-_]+/g, ' ');
}

/**
 * A logged-message template as code, with each `<placeholder>` a `var` so it
 * reads as "a value goes here".
 */
export function messageTemplate(segments: readonly MessageSegment[]): Element {
  const parts: ElementContent[] = segments.map((s) => (typeof s === 'string' ? { type: 'text', value: s } : h('var', { className: ['placeholder'] }, `<${s.name}>`)));
  return h('code', { className: ['message'] }, parts);
}

const stringifier = unified().use(rehypeStringify);

/** hast -> HTML, the only way HTML is made. */
export function toHtml(tree: HastRoot): string {
  return stringifier.stringify(tree);
}
