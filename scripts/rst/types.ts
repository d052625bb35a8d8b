// The syntax tree the RST reader produces. mdast node types are reused where
// reStructuredText means the same thing (paragraph, heading, list, code,
// emphasis...), so remark-rehype's own handlers render them; RST-only constructs
// get their own types. Every node carries a unist position.
import type { Point, Position } from 'unist';
import type { Reference } from '../model/types.js';

/** What the model's link step attaches to a node it resolved. */
export interface LinkData {
  reference?: Reference;
}

interface Node {
  position: Position;
}

/** What the model's id step (model/ids.ts) attaches to a section title or option block. */
export interface AnchorData {
  hProperties?: { id: string };
  /** Option blocks: whether the id is the label written before it. */
  labelled?: boolean;
}

interface Parent<Child> extends Node {
  children: Child[];
}

// ---- inline -------------------------------------------------------------

export interface RstText extends Node {
  type: 'text';
  value: string;
}

/** ``literal`` */
export interface RstInlineCode extends Node {
  type: 'inlineCode';
  value: string;
}

export interface RstEmphasis extends Parent<RstText> {
  type: 'emphasis';
}

export interface RstStrong extends Parent<RstText> {
  type: 'strong';
}

/**
 * An interpreted-text role: :ref:`target`, :ref:`title <target>`,
 * :doc:`path`, :py:class:`name`. `name` is '' for the default role (`text`).
 */
export interface RstRole extends Node {
  type: 'role';
  name: string;
  /** Explicit title, when written as `title <target>`. */
  title: string | null;
  target: string;
  data?: LinkData;
}

/** `text`_ / Name_ / `text <url>`_ / `text <Name_>`_ */
export interface RstReference extends Node {
  type: 'reference';
  /** What is shown. */
  text: string;
  /** Normalised reference name, looked up among targets and section titles. */
  refname: string | null;
  /** Embedded URI, when written as `text <url>`_. */
  url: string | null;
  anonymous: boolean;
  data?: LinkData;
}

/** A standalone URL in running text. */
export interface RstLink extends Parent<RstText> {
  type: 'link';
  url: string;
  data?: LinkData;
}

/**
 * A code or directive name mentioned in prose or in a literal, found by the
 * model's link step (the reader never makes these).
 */
export interface RstMention extends Node {
  type: 'mention';
  value: string;
  literal: boolean;
  data: Required<LinkData>;
}

/** |name| */
export interface RstSubstitution extends Node {
  type: 'substitutionReference';
  name: string;
}

export type RstInline =
  | RstText
  | RstInlineCode
  | RstEmphasis
  | RstStrong
  | RstRole
  | RstReference
  | RstLink
  | RstSubstitution
  | RstMention;

// ---- block --------------------------------------------------------------

export interface RstParagraph extends Parent<RstInline> {
  type: 'paragraph';
}

export interface RstHeading extends Parent<RstInline> {
  type: 'heading';
  data?: AnchorData;
  /** 1 for the first adornment style seen in the document, 2 for the next... */
  depth: number;
  adornment: { char: string; overline: boolean };
}

/** A literal block (`::` or `.. code-block::`). */
export interface RstCode extends Node {
  type: 'code';
  lang: string | null;
  value: string;
  data?: { mentions?: CodeMention[] };
}

/** A code or directive name inside a literal block, by offset in its value (the model's link step finds them). */
export interface CodeMention {
  start: number;
  end: number;
  reference: Reference;
}

export interface RstListItem extends Parent<RstBlock> {
  type: 'listItem';
}

export interface RstList extends Parent<RstListItem> {
  type: 'list';
  ordered: boolean;
  start: number | null;
}

export interface RstBlockquote extends Parent<RstBlock> {
  type: 'blockquote';
}

export interface RstThematicBreak extends Node {
  type: 'thematicBreak';
}

export interface RstField extends Parent<RstBlock> {
  type: 'field';
  name: string;
}

export interface RstFieldList extends Parent<RstField> {
  type: 'fieldList';
}

export interface RstDefinitionItem extends Parent<RstBlock> {
  type: 'definitionItem';
  term: RstInline[];
}

export interface RstDefinitionList extends Parent<RstDefinitionItem> {
  type: 'definitionList';
}

/** `**name=value**` followed by an indented body: one option of a directive. */
export interface RstOptionBlock extends Parent<RstBlock> {
  type: 'optionBlock';
  data?: AnchorData;
  /** The option's signature as written, e.g. `processes=num`. */
  signature: string;
  /** The option's name, e.g. `processes`. */
  name: string;
}

/** `.. _label:` (internal) or `.. _Name: url` (external). */
export interface RstTarget extends Node {
  type: 'target';
  label: string;
  url: string | null;
  /** Where the URL starts in the file (external targets only). */
  urlStart?: Point;
}

export interface RstToctreeEntry extends Node {
  type: 'toctreeEntry';
  title: string | null;
  target: string;
}

export interface RstToctree extends Parent<RstToctreeEntry> {
  type: 'toctree';
  options: Record<string, string>;
}

/** note, warning, seealso... */
export interface RstAdmonition extends Parent<RstBlock> {
  type: 'admonition';
  kind: string;
  title: string | null;
}

/** A directive the reader does not know: kept whole, rendered readably. */
export interface RstDirective extends Node {
  type: 'directive';
  name: string;
  argument: string;
  options: Record<string, string>;
  value: string;
}

export interface RstComment extends Node {
  type: 'comment';
  value: string;
}

export type RstBlock =
  | RstParagraph
  | RstHeading
  | RstCode
  | RstList
  | RstBlockquote
  | RstThematicBreak
  | RstFieldList
  | RstDefinitionList
  | RstOptionBlock
  | RstTarget
  | RstToctree
  | RstAdmonition
  | RstDirective
  | RstComment;

export interface RstRoot extends Parent<RstBlock> {
  type: 'root';
}

export type RstNode =
  | RstRoot
  | RstBlock
  | RstInline
  | RstListItem
  | RstField
  | RstDefinitionItem
  | RstToctreeEntry;

/** Roles the reader knows; anything else is kept and warned about. */
export const knownRoles: ReadonlySet<string> = new Set([
  'ref',
  'doc',
  'py:class',
  'py:func',
  'py:meth',
  'py:mod',
  'py:data',
  'py:attr',
  'py:exc',
  'class',
  'func',
  'meth',
  'mod',
  'data',
  'attr',
  'exc',
  'envvar',
  'file',
  'command',
  'program',
  'option',
  'samp',
  'code',
  'literal',
  'emphasis',
  'strong',
  'term',
  'abbr',
  ''
]);
