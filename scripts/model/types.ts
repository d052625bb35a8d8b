// The typed model every later stage reads. Content stays as RST syntax trees
// (rendered later); everything else is plain data that serialises to JSON.
import type { Root as MdastRoot } from 'mdast';
import type { RstBlock, RstHeading, RstInline, RstToctree } from '../rst/types.js';

export const severities = ['EMERG', 'ALERT', 'CRIT', 'ERR', 'WARNING'] as const;
export type Severity = (typeof severities)[number];

export function isSeverity(value: string): value is Severity {
  return (severities as readonly string[]).includes(value);
}

/** Where something is in the docs: a path relative to the docs folder. */
export interface Place {
  file: string;
  line: number;
  column: number;
  offset: number;
}

export type EntryRef =
  | { kind: 'error'; code: string }
  | { kind: 'directive'; name: string }
  | { kind: 'runbook'; slug: string };

/** Pages of the site that are not entries. */
export type SitePage = 'home' | 'errors' | 'directives';

export type Resolution =
  | { type: 'entry'; entry: EntryRef; fragment: string | null }
  | { type: 'option'; directive: string; option: string }
  | { type: 'page'; page: SitePage; fragment: string | null }
  | { type: 'upstream'; url: string }
  | { type: 'external'; url: string }
  | { type: 'unresolved' };

export type ReferenceKind = 'ref' | 'doc' | 'named' | 'mention' | 'url';

export interface Reference {
  kind: ReferenceKind;
  /** The target as written (`WSGI0028`, `../error-reference`, `Mutex`). */
  target: string;
  resolution: Resolution;
  place: Place;
}

/**
 * What a placeholder's value looks like in a logged line: written between
 * single quotes in the message (any text), one token (a number, an id, a
 * class name: `<pid>`, `<type>`), or any text.
 */
export type PlaceholderShape = 'quoted' | 'token' | 'text';

/**
 * A piece of a logged message: literal text as written (a string), or a
 * placeholder (`<group>`) by name and shape. Text pieces are never empty and
 * never two in a row. Plain JSON: the site's errors.json and the log-line
 * matcher's data carry segments as they are.
 */
export type MessageSegment = string | { name: string; shape: PlaceholderShape };

export interface LoggedMessage {
  /** The literal message text, with `<placeholders>` as written. */
  template: string;
  /** The template cut at its placeholders: found once, here, for every later stage. */
  segments: MessageSegment[];
  /** Placeholder names in order of first appearance, without brackets. */
  placeholders: string[];
  /**
   * The forms the notes document for a composite placeholder ("process
   * context is ``embedded mode`` or ``daemon process '<group>'``"), by name,
   * for the placeholders of this message that have any. Pooled over the whole
   * reference: the docs document a form once and elsewhere say "as for WSGI0091".
   */
  forms: Record<string, MessageSegment[][]>;
  /** What the docs say after the literal: placeholder shapes, variants. */
  notes: RstBlock[];
}

export interface ErrorEntry {
  kind: 'error';
  code: string;
  number: number;
  title: string;
  severity: Severity | null;
  source: string | null;
  loggedMessage: LoggedMessage | null;
  cause: RstBlock[] | null;
  outcome: RstBlock[] | null;
  action: RstBlock[] | null;
  retired: boolean;
  retiredNote: RstBlock[] | null;
  references: Reference[];
  referencedBy: EntryRef[];
  place: Place;
}

export interface DirectiveOption {
  /** The anchor: the `.. _label:` before the option, or its name. */
  id: string;
  name: string;
  signature: string;
  labelled: boolean;
  place: Place;
}

export interface DirectiveEntry {
  kind: 'directive';
  name: string;
  /** The docs path without extension: `configuration-directives/WSGIDaemonProcess`. */
  docPath: string;
  description: RstInline[] | null;
  descriptionText: string;
  syntax: RstBlock[] | null;
  contexts: string[];
  default: RstBlock[] | null;
  override: string | null;
  body: RstBlock[];
  options: DirectiveOption[];
  /** Section titles inside the page, for anchors. */
  sections: { id: string; title: string }[];
  references: Reference[];
  referencedBy: EntryRef[];
  place: Place;
}

/** An operator's runbook (content/runbooks/*.md) that links into the reference. */
export interface RunbookEntry {
  kind: 'runbook';
  /** From the file name: `daemon-socket-503`. */
  slug: string;
  title: string;
  summary: string;
  /** The Markdown tree; code and directive names are `mention` nodes with their reference. */
  tree: MdastRoot;
  references: Reference[];
  place: Place;
}

export interface SeverityLevel {
  severity: Severity;
  meaning: RstBlock[];
  meaningText: string;
}

export interface DirectiveGroup {
  title: string;
  directives: string[];
}

/**
 * A section of error-reference.rst that is neither the title's intro, the
 * severity ladder nor an entry: its own prose, kept as a tree.
 */
export interface ReferenceSection {
  title: string;
  /** The anchor a label before the title resolves to (`/errors/#<id>`). */
  id: string;
  /** The title as read, with its position. */
  heading: RstHeading;
  /** The section's prose; labels, comments and entries left out. */
  blocks: RstBlock[];
  /** Before the section that holds the codes, that section itself, or after the codes. */
  where: 'before-codes' | 'codes' | 'after-codes';
}

export interface ReferenceIntro {
  title: string;
  /** Blocks before the first subsection. */
  intro: RstBlock[];
  ladder: SeverityLevel[];
  /** Blocks of the ladder's section before the ladder itself. */
  ladderIntro: RstBlock[];
  /** Blocks after the ladder, before the next section. */
  ladderNotes: RstBlock[];
  /** Every other section's own prose, in the order of the page. */
  sections: ReferenceSection[];
}

export interface ConfigurationPage {
  title: string;
  intro: RstBlock[];
  groups: DirectiveGroup[];
  toctrees: RstToctree[];
}

export interface Diagnostic {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  fatal: boolean;
  message: string;
}

export interface Model {
  errors: ErrorEntry[];
  directives: DirectiveEntry[];
  runbooks: RunbookEntry[];
  reference: ReferenceIntro | null;
  configuration: ConfigurationPage | null;
  diagnostics: Diagnostic[];
}

export function entryId(ref: EntryRef): string {
  switch (ref.kind) {
    case 'error':
      return `error:${ref.code}`;
    case 'directive':
      return `directive:${ref.name}`;
    case 'runbook':
      return `runbook:${ref.slug}`;
  }
}
