// Documented forms of composite placeholders, read from the notes that follow
// each logged message: "process context is ``embedded mode`` or ``daemon
// process '<group>'``". The corpus documents a form once and elsewhere says
// "shape as for WSGI0091" (sometimes pointing at a retired entry), so forms are
// pooled per placeholder name across the whole reference.
import type { RstBlock, RstInline } from '../rst/types.js';
import { segmentsOf } from './segments.js';
import type { ErrorEntry } from './types.js';

type Token = { kind: 'text'; value: string } | { kind: 'literal'; value: string };

/**
 * Give each logged message the documented forms of its placeholders (see
 * LoggedMessage.forms), each form cut into segments like the message itself,
 * in text order.
 */
export function attachForms(errors: readonly ErrorEntry[]): void {
  const table = new Map<string, Set<string>>();
  for (const entry of errors) {
    const message = entry.loggedMessage;
    if (!message || message.placeholders.length === 0) continue;
    for (const clause of clausesOf(message.notes)) {
      const found = shapesInClause(clause, message.placeholders);
      if (!found) continue;
      const set = table.get(found.name) ?? new Set<string>();
      for (const shape of found.shapes) set.add(shape);
      table.set(found.name, set);
    }
  }
  const forms = new Map([...table].map(([name, set]) => [name, [...set].sort().map(segmentsOf)]));
  for (const entry of errors) {
    const message = entry.loggedMessage;
    if (!message) continue;
    message.forms = {};
    for (const name of message.placeholders) {
      const list = forms.get(name);
      if (list) message.forms[name] = list;
    }
  }
}

function clausesOf(blocks: readonly RstBlock[]): Token[][] {
  const clauses: Token[][] = [];
  for (const block of blocks) {
    if (block.type !== 'paragraph') continue;
    let current: Token[] = [];
    for (const token of flatten(block.children)) {
      if (token.kind === 'literal') {
        current.push(token);
        continue;
      }
      // A clause ends at `;` or at a sentence end; literals never contain these boundaries here.
      const parts = token.value.split(/;|\.(?=\s|$)/);
      parts.forEach((part, k) => {
        if (k > 0) {
          clauses.push(current);
          current = [];
        }
        if (part) current.push({ kind: 'text', value: part });
      });
    }
    clauses.push(current);
  }
  return clauses.filter((c) => c.length > 0);
}

function flatten(nodes: readonly RstInline[]): Token[] {
  const out: Token[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'inlineCode':
        out.push({ kind: 'literal', value: node.value });
        break;
      case 'mention':
        out.push(node.literal ? { kind: 'literal', value: node.value } : { kind: 'text', value: node.value });
        break;
      case 'text':
        out.push({ kind: 'text', value: node.value });
        break;
      case 'emphasis':
      case 'strong':
        out.push({ kind: 'text', value: node.children.map((c) => c.value).join('') });
        break;
      case 'role':
        out.push({ kind: 'text', value: node.title ?? node.target });
        break;
      case 'reference':
        out.push({ kind: 'text', value: node.text });
        break;
      case 'link':
        out.push({ kind: 'text', value: node.children.map((c) => c.value).join('') });
        break;
      case 'substitutionReference':
        out.push({ kind: 'text', value: '' });
        break;
    }
  }
  return out;
}

/** A form that is one placeholder and nothing else says nothing about the value. */
function placeholderOnly(form: string): boolean {
  const segments = segmentsOf(form);
  return segments.length === 1 && typeof segments[0] !== 'string';
}

function shapesInClause(clause: readonly Token[], placeholders: readonly string[]): { name: string; shapes: string[] } | null {
  const first = clause.findIndex((t) => t.kind === 'literal');
  if (first <= 0) return null;
  const lead = clause
    .slice(0, first)
    .map((t) => t.value)
    .join('')
    .toLowerCase()
    .replace(/\s+/g, ' ');
  // The longest name first, so "interpreter context" wins over "interpreter".
  const names = [...placeholders].sort((a, b) => b.length - a.length);
  const name = names.find((p) => {
    const phrase = p.toLowerCase().replace(/[-_]+/g, ' ');
    return new RegExp(`(?:^|\\s)${escapeRegExp(phrase)} (?:is|are)(?: either| of the form| one of)? ?$`).test(lead);
  });
  if (!name) return null;
  const literals = clause.filter((t): t is Token & { kind: 'literal' } => t.kind === 'literal').map((t) => t.value.replace(/\s+/g, ' ').trim());
  const shapes = literals.filter((l) => l && !placeholderOnly(l));
  if (shapes.length === 0) return null;
  const text = clause.map((t) => t.value).join(' ');
  return { name, shapes: /any combination/i.test(text) ? combine(shapes) : shapes };
}

/**
 * "main interpreter in embedded mode, sub-interpreter '<name>' of daemon
 * process '<group>', or any combination": every head with every tail.
 */
function combine(shapes: readonly string[]): string[] {
  const split = shapes.map((s) => /^(.+?) (in|of) (.+)$/.exec(s));
  if (split.some((m) => m === null)) return [...shapes];
  const heads = new Set<string>();
  const joins = new Set<string>();
  const tails = new Set<string>();
  for (const m of split as RegExpExecArray[]) {
    heads.add(m[1] as string);
    joins.add(m[2] as string);
    tails.add(m[3] as string);
  }
  const out = new Set(shapes);
  for (const head of heads) for (const join of joins) for (const tail of tails) out.add(`${head} ${join} ${tail}`);
  return [...out];
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
