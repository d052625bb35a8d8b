// Anchors are a fact of the model: each section title and each option block
// gets its id here, once, as `data.hProperties.id` (the field
// mdast-util-to-hast reads); the directive's option list, the link step and
// the renderer all read it from the node.
import type { RstBlock, RstHeading, RstNode, RstOptionBlock, RstRoot } from '../rst/types.js';
import { codePattern } from './errors.js';
import { slug, toText } from './text.js';
import { blockChildren } from './walk.js';

/** The id given by assignIds ('' before it ran). */
export function idOf(node: RstHeading | RstOptionBlock): string {
  return node.data?.hProperties?.id ?? '';
}

/** Whether an option block's id is the label written before it (else its name, slugged). */
export function isLabelled(node: RstOptionBlock): boolean {
  return node.data?.labelled ?? false;
}

export function assignIds(tree: RstRoot): void {
  const visit = (blocks: readonly RstNode[]): void => {
    blocks.forEach((b, k) => {
      if (b.type === 'heading') b.data = { ...b.data, hProperties: { id: slug(toText(b.children)) } };
      else if (b.type === 'optionBlock') {
        const before = blocks[k - 1];
        // A code label is no anchor (checkCodeLabels reports it): the option keeps its own name.
        const labelled = before?.type === 'target' && before.url === null && !codePattern.test(before.label);
        b.data = { ...b.data, labelled, hProperties: { id: labelled ? before.label : slug(b.name) } };
      }
      const children = blockChildren(b);
      if (children) visit(children);
    });
  };
  visit(tree.children as readonly RstBlock[]);
}
