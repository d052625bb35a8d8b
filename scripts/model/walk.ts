// Depth-first walk over an RST tree. unist-util-visit would miss definition
// terms (kept beside `children`, as mdast keeps a table's align), hence this.
import type { RstNode } from '../rst/types.js';

export type Visitor = (node: RstNode, parent: RstNode | null) => void;

export function walk(node: RstNode, visit: Visitor, parent: RstNode | null = null): void {
  visit(node, parent);
  if (node.type === 'definitionItem') for (const t of node.term) walk(t, visit, node);
  if ('children' in node) for (const child of node.children as readonly RstNode[]) walk(child, visit, node);
}

export function walkAll(nodes: readonly RstNode[], visit: Visitor, parent: RstNode | null = null): void {
  for (const n of nodes) walk(n, visit, parent);
}
