// Depth-first walks over an RST tree. unist-util-visit would miss definition
// terms (kept beside `children`, as mdast keeps a table's align), hence these.
import type { RstNode } from '../rst/types.js';

export type Visitor = (node: RstNode, parent: RstNode | null) => void;

/** Every node, parents before children; a visitor may replace `node.children` before they are walked. */
export function walk(node: RstNode, visit: Visitor, parent: RstNode | null = null): void {
  visit(node, parent);
  if (node.type === 'definitionItem') for (const t of node.term) walk(t, visit, node);
  if ('children' in node) for (const child of node.children as readonly RstNode[]) walk(child, visit, node);
}

export function walkAll(nodes: readonly RstNode[], visit: Visitor, parent: RstNode | null = null): void {
  for (const n of nodes) walk(n, visit, parent);
}

/** Block nodes whose children are blocks too (a definition item's term is inline and kept beside them). */
const blockParents: ReadonlySet<RstNode['type']> = new Set<RstNode['type']>(['root', 'blockquote', 'list', 'listItem', 'fieldList', 'field', 'definitionList', 'definitionItem', 'optionBlock', 'admonition']);

/** The block children of a node, or null when its children (if any) are inline. */
export function blockChildren(node: RstNode): readonly RstNode[] | null {
  return blockParents.has(node.type) ? (node as { children: readonly RstNode[] }).children : null;
}

/**
 * Block nodes only (labels, titles, lists, fields...), never the inline
 * content of paragraphs and titles: cheaper when only blocks matter.
 */
export function walkBlocks(nodes: readonly RstNode[], visit: (node: RstNode) => void): void {
  for (const node of nodes) {
    visit(node);
    const children = blockChildren(node);
    if (children) walkBlocks(children, visit);
  }
}
