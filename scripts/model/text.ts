// Plain text of a tree, for titles, search metadata and comparisons.
import type { RstBlock, RstInline, RstNode } from '../rst/types.js';

export function toText(nodes: readonly (RstBlock | RstInline)[] | RstNode): string {
  const list: readonly RstNode[] = Array.isArray(nodes) ? nodes : [nodes as RstNode];
  // Blocks are separated by a space so words never glue together across them.
  const sep = list.some((n) => !inlineTypes.has(n.type)) ? ' ' : '';
  return list.map(nodeText).join(sep).replace(/\s+/g, ' ').trim();
}

const inlineTypes = new Set(['text', 'inlineCode', 'emphasis', 'strong', 'role', 'reference', 'link', 'substitutionReference', 'mention']);

function nodeText(node: RstNode): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'mention':
    case 'code':
    case 'comment':
      return node.value;
    case 'role':
      return node.title ?? node.target;
    case 'reference':
      return node.text;
    case 'substitutionReference':
      return `|${node.name}|`;
    case 'target':
    case 'thematicBreak':
    case 'toctree':
    case 'toctreeEntry':
      return '';
    case 'directive':
      return [node.argument, node.value].join(' ');
    case 'definitionItem':
      return node.term.map(nodeText).join('') + ' ' + node.children.map(nodeText).join(' ');
    case 'field':
      return `${node.name}: ` + node.children.map(nodeText).join(' ');
    case 'optionBlock':
      return node.signature + ' ' + node.children.map(nodeText).join(' ');
    default: {
      const children: readonly RstNode[] = node.children;
      const sep = node.type === 'paragraph' || node.type === 'heading' || node.type === 'emphasis' || node.type === 'strong' || node.type === 'link' ? '' : ' ';
      return children.map(nodeText).join(sep);
    }
  }
}

/** An anchor id from a title, the way Sphinx makes them. */
export function slug(text: string): string {
  const lower = text.toLowerCase();
  // Only text outside ASCII has accents to fold away.
  const folded = /[^\x00-\x7f]/.test(lower) ? lower.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : lower;
  return folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}
