// configuration-directives/<Name>.rst -> DirectiveEntry, and configuration.rst
// -> the groups its toctrees define.
import type { Report } from '../rst/report.js';
import type { RstBlock, RstField, RstNode, RstRoot, RstToctree } from '../rst/types.js';
import { codePattern, placeOf } from './errors.js';
import { idOf, isLabelled } from './ids.js';
import { slug, toText } from './text.js';
import type { ConfigurationPage, DirectiveEntry, DirectiveGroup, DirectiveOption } from './types.js';
import { blockChildren, walkAll, walkBlocks } from './walk.js';

const required = ['description', 'syntax', 'context'] as const;
const known = new Set<string>([...required, 'default', 'override', 'module', 'status', 'compatibility']);

export function extractDirective(tree: RstRoot, file: string, docPath: string, report: Report): DirectiveEntry {
  const name = docPath.split('/').pop() as string;
  const blocks = tree.children;
  const titleAt = blocks.findIndex((b) => b.type === 'heading');
  const title = blocks[titleAt];
  if (!title || title.type !== 'heading') {
    report.error('missing-title', `Directive page for \`${name}\` has no title`, tree.position);
  } else if (toText(title.children) !== name) {
    report.error('label-title-mismatch', `Page \`${docPath}\` is titled \`${toText(title.children)}\`, not \`${name}\``, title.position);
  }

  const rest = blocks.slice(titleAt + 1);
  const fieldsAt = rest.findIndex((b) => b.type !== 'target' && b.type !== 'comment');
  const fieldList = rest[fieldsAt];
  const fields = new Map<string, RstField>();
  if (fieldList?.type === 'fieldList') {
    for (const f of fieldList.children) {
      const key = f.name.toLowerCase();
      if (!known.has(key)) report.warn('unknown-field', `Unknown field \`${f.name}\` on directive \`${name}\``, f.position);
      if (fields.has(key)) report.error('duplicate-field', `Field \`${f.name}\` appears twice on \`${name}\``, f.position);
      else fields.set(key, f);
    }
  }
  for (const key of required) {
    const f = fields.get(key);
    if (!f || f.children.length === 0) {
      report.error('missing-field', `Directive \`${name}\` has no \`${key[0]?.toUpperCase()}${key.slice(1)}\` field`, f?.position ?? title?.position ?? tree.position);
    }
  }
  const body = fieldList?.type === 'fieldList' ? rest.slice(fieldsAt + 1) : rest;

  const description = fields.get('description');
  const descriptionInline = description?.children[0]?.type === 'paragraph' ? description.children[0].children : null;
  const context = fields.get('context');
  const override = fields.get('override');

  return {
    kind: 'directive',
    name,
    docPath,
    description: descriptionInline,
    descriptionText: description ? toText(description.children) : '',
    syntax: nonEmpty(fields.get('syntax')),
    contexts: context ? toText(context.children).split(',').map((c) => c.trim()).filter((c) => c !== '') : [],
    default: nonEmpty(fields.get('default')),
    override: override ? toText(override.children) : null,
    body,
    options: optionsOf(body, file, name, report),
    sections: sectionsOf(body),
    references: [],
    referencedBy: [],
    place: placeOf(file, (title ?? tree).position.start)
  };
}

function nonEmpty(field: RstField | undefined): RstBlock[] | null {
  return field && field.children.length > 0 ? field.children : null;
}

/** Options are `**name=value**` blocks; the `.. _label:` before one is its anchor. */
function optionsOf(body: readonly RstBlock[], file: string, directive: string, report: Report): DirectiveOption[] {
  const options: DirectiveOption[] = [];
  const ids = new Set<string>();
  const visitList = (blocks: readonly RstBlock[]) => {
    blocks.forEach((b) => {
      if (b.type === 'blockquote' || b.type === 'admonition') visitList(b.children);
      if (b.type !== 'optionBlock') return;
      const id = idOf(b);
      if (ids.has(id)) {
        report.error('duplicate-label', `Option anchor \`${id}\` is used twice on \`${directive}\``, b.position);
        return;
      }
      ids.add(id);
      options.push({ id, name: b.name, signature: b.signature, labelled: isLabelled(b), place: placeOf(file, b.position.start) });
    });
  };
  visitList(body);
  return options;
}

/**
 * Code labels (`.. _WSGI0003:`) belong to error-reference.rst alone: one on
 * another page would take the code's place among the labels, or become an
 * option's anchor (`#WSGI0003`).
 */
export function checkCodeLabels(tree: RstRoot, report: Report): void {
  const visitList = (blocks: readonly RstNode[]) => {
    blocks.forEach((b, k) => {
      if (b.type !== 'target' || b.url !== null || !codePattern.test(b.label)) return;
      const next = blocks[k + 1];
      report.error(
        'code-label-misused',
        next?.type === 'optionBlock'
          ? `Code label \`${b.label}\` is used as the anchor of option \`${next.name}\`; code labels belong in error-reference.rst (give the option a label of its own, such as \`.. _${slug(next.name)}:\`)`
          : `Code label \`${b.label}\` is outside error-reference.rst, where alone code labels belong (link to the code with :ref:\`${b.label}\`)`,
        b.position
      );
    });
  };
  visitList(tree.children);
  walkBlocks(tree.children, (n) => {
    const children = blockChildren(n);
    if (children) visitList(children);
  });
}

function sectionsOf(body: readonly RstBlock[]): { id: string; title: string }[] {
  const out: { id: string; title: string }[] = [];
  for (const b of body) if (b.type === 'heading') out.push({ id: idOf(b), title: toText(b.children) });
  return out;
}

/** configuration.rst: each section's toctree is a group of directives. */
export function extractConfiguration(tree: RstRoot): ConfigurationPage {
  const blocks = tree.children;
  const titleAt = blocks.findIndex((b) => b.type === 'heading');
  const title = blocks[titleAt];
  const groups: DirectiveGroup[] = [];
  const toctrees: RstToctree[] = [];
  const intro: RstBlock[] = [];
  let group: DirectiveGroup | null = null;
  blocks.forEach((b, k) => {
    if (k <= titleAt) return;
    if (b.type === 'heading') {
      group = { title: toText(b.children), directives: [] };
      return;
    }
    if (!group) {
      if (b.type !== 'target' && b.type !== 'comment') intro.push(b);
      return;
    }
    const tocs: RstToctree[] = [];
    walkAll([b], (n) => {
      if (n.type === 'toctree') tocs.push(n);
    });
    for (const toc of tocs) {
      toctrees.push(toc);
      if (!groups.includes(group)) groups.push(group);
      for (const e of toc.children) group.directives.push(e.target.replace(/^\/+/, '').split('/').pop() as string);
    }
  });
  return { title: title && title.type === 'heading' ? toText(title.children) : 'Configuration', intro, groups, toctrees };
}
