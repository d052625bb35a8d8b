// Raw HTML in runbooks, shown the way GitHub shows it: reparsed (rehype-raw),
// then cleaned with GitHub's own rules (rehype-sanitize's default schema), so
// `<b>`, `<details>` or `<kbd>` work and `<script>`, event handlers and
// `javascript:` URLs do not. Only what a runbook's author wrote goes through
// here; the reference's RST never makes raw HTML.
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as Schema } from 'rehype-sanitize';
import type { Preset } from 'unified';
import { visit } from 'unist-util-visit';
import { slug } from '../model/text.js';

const defaultLink = (defaultSchema.attributes?.['a'] ?? []).filter((p) => (typeof p === 'string' ? p : p[0]) !== 'className');

/**
 * GitHub's schema, changed in two places only. The sanitizer runs after our
 * own handlers (it has to: inline HTML such as `<b>now</b>` is split across
 * Markdown nodes and only makes sense once the whole tree is reparsed), so
 * what those handlers add must be allowed: of that, only the `external`
 * class on links out is not already (mention links are a plain `href` and
 * `title`, code blocks `language-*`). Heading ids are not added until after
 * (`headingIds`), so they are not clobbered to `user-content-...`.
 */
export const userHtmlSchema: Schema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    // Only the first definition of a property counts, so GitHub's footnote class and ours go in one.
    a: [...defaultLink, ['className', 'data-footnote-backref', 'external']]
  },
  protocols: {
    ...defaultSchema.protocols,
    // DESIGN.md "Bad input": http(s) and mailto only (GitHub also lets irc, ircs and xmpp through).
    // Relative URLs and fragments have no scheme and always pass.
    href: ['http', 'https', 'mailto']
  }
};

/**
 * Every heading without an id gets one from its text, once sanitizing has
 * settled what that text is (GitHub anchors every heading, raw HTML ones too).
 * An id an author wrote stays, clobbered by the sanitizer to `user-content-x`,
 * as does the footnote section's own label.
 */
function headingIds() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (!/^h[1-6]$/.test(node.tagName) || node.properties['id'] !== undefined) return;
      const id = slug(toString(node));
      if (id !== '') node.properties['id'] = id;
    });
  };
}

/**
 * `href="#x"` points at `user-content-x` when only that exists: the sanitizer
 * prefixes ids but not the links to them (GitHub mends this with a script;
 * we have none to spare). Footnotes rely on it.
 */
function fragmentLinks() {
  return (tree: Root) => {
    const ids = new Set<string>();
    visit(tree, 'element', (node: Element) => {
      const id = node.properties['id'];
      if (typeof id === 'string') ids.add(id);
    });
    visit(tree, 'element', (node: Element) => {
      const href = node.properties['href'];
      if (node.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#')) return;
      const id = href.slice(1);
      if (!ids.has(id) && ids.has(`user-content-${id}`)) node.properties['href'] = `#user-content-${id}`;
    });
  };
}

/** Reparse raw HTML, sanitize, then anchor: for a hast tree made with `allowDangerousHtml`. */
export const userHtml: Preset = {
  plugins: [rehypeRaw, [rehypeSanitize, userHtmlSchema], headingIds, fragmentLinks]
};
