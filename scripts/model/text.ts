// Plain text of a tree, for titles, search metadata and comparisons.
import type { RstBlock, RstInline, RstNode } from '../rst/types.js';

export function toText(nodes: readonly (RstBlock | RstInline)[] | RstNode): string {
  let raw: string;
  if (Array.isArray(nodes)) {
    const list = nodes as readonly RstNode[];
    // Blocks are separated by a space so words never glue together across them.
    let sep = '';
    for (const n of list) {
      if (!inlineTypes.has(n.type)) {
        sep = ' ';
        break;
      }
    }
    raw = listText(list, sep);
  } else {
    raw = nodeText(nodes as RstNode);
  }
  // Most titles and fields have no run of whitespace to squash: spare the copy.
  return (needsSquash.test(raw) ? raw.replace(/\s+/g, ' ') : raw).trim();
}

/** Whitespace that `replace(/\s+/g, ' ')` would change: a run of two, or one that is not a plain space. */
const needsSquash = /\s\s|[^\S ]/;

const inlineTypes = new Set(['text', 'inlineCode', 'emphasis', 'strong', 'role', 'reference', 'link', 'substitutionReference', 'mention']);

/** `nodes.map(nodeText).join(sep)` without the intermediate array. */
function listText(nodes: readonly RstNode[], sep: string): string {
  let out = '';
  for (let k = 0; k < nodes.length; k++) {
    if (k > 0) out += sep;
    out += nodeText(nodes[k] as RstNode);
  }
  return out;
}

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
      return node.argument + ' ' + node.value;
    case 'definitionItem':
      return listText(node.term, '') + ' ' + listText(node.children, ' ');
    case 'field':
      return `${node.name}: ` + listText(node.children, ' ');
    case 'optionBlock':
      return node.signature + ' ' + listText(node.children, ' ');
    default: {
      const children: readonly RstNode[] | undefined = node.children;
      // A Markdown (mdast) tree has leaves the RST reader never makes (html, image,
      // footnoteReference, break...): one of those gives its alt text or nothing,
      // never a TypeError. Markup (`<b>`, `<!-- -->`) is not text.
      if (!Array.isArray(children)) return foreignText(node as unknown as { type: string; alt?: unknown });
      const sep = node.type === 'paragraph' || node.type === 'heading' || node.type === 'emphasis' || node.type === 'strong' || node.type === 'link' ? '' : ' ';
      return listText(children, sep);
    }
  }
}

function foreignText(node: { type: string; alt?: unknown }): string {
  if (node.type === 'break') return ' ';
  return typeof node.alt === 'string' ? node.alt : '';
}

const nonAscii = /[^\x00-\x7f]/;

/** An anchor id from a title, the way Sphinx makes them. */
export function slug(text: string): string {
  const lower = text.toLowerCase();
  // Only text outside ASCII has accents to fold away.
  const folded = nonAscii.test(lower) ? lower.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : lower;
  // Runs of [a-z0-9] joined by single dashes: what replace(/[^a-z0-9]+/g, '-')
  // then trimming dashes gives, built in one pass without the regular expressions.
  let out = '';
  let run = -1;
  for (let k = 0; k <= folded.length; k++) {
    const c = k < folded.length ? folded.charCodeAt(k) : -1;
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122)) {
      if (run < 0) run = k;
    } else if (run >= 0) {
      out = out === '' ? folded.slice(run, k) : out + '-' + folded.slice(run, k);
      run = -1;
    }
  }
  return out;
}
