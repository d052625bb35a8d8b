// The model as plain JSON for tools (`extract`, /errors.json): trees become
// text, references and places stay.
import { toText } from './text.js';
import type { DirectiveEntry, ErrorEntry, EntryRef, Model, Place, Reference, Severity } from './types.js';

export interface ErrorJson {
  code: string;
  title: string;
  severity: Severity | null;
  source: string | null;
  retired: boolean;
  retiredNote: string | null;
  loggedMessage: { template: string; placeholders: string[]; notes: string } | null;
  cause: string | null;
  outcome: string | null;
  action: string | null;
  references: Reference[];
  referencedBy: EntryRef[];
  place: Place;
}

export interface DirectiveJson {
  name: string;
  description: string;
  syntax: string | null;
  contexts: string[];
  default: string | null;
  override: string | null;
  options: { id: string; name: string; signature: string }[];
  references: Reference[];
  referencedBy: EntryRef[];
  place: Place;
}

const text = (blocks: Parameters<typeof toText>[0] | null): string | null => (blocks === null ? null : toText(blocks));

export function errorToJson(e: ErrorEntry): ErrorJson {
  return {
    code: e.code,
    title: e.title,
    severity: e.severity,
    source: e.source,
    retired: e.retired,
    retiredNote: text(e.retiredNote),
    loggedMessage: e.loggedMessage && { template: e.loggedMessage.template, placeholders: e.loggedMessage.placeholders, notes: toText(e.loggedMessage.notes) },
    cause: text(e.cause),
    outcome: text(e.outcome),
    action: text(e.action),
    references: e.references,
    referencedBy: e.referencedBy,
    place: e.place
  };
}

export function directiveToJson(d: DirectiveEntry): DirectiveJson {
  return {
    name: d.name,
    description: d.descriptionText,
    syntax: text(d.syntax),
    contexts: d.contexts,
    default: text(d.default),
    override: d.override,
    options: d.options.map(({ id, name, signature }) => ({ id, name, signature })),
    references: d.references,
    referencedBy: d.referencedBy,
    place: d.place
  };
}

export function modelToJson(model: Model) {
  return {
    errors: model.errors.map(errorToJson),
    directives: model.directives.map(directiveToJson),
    diagnostics: model.diagnostics
  };
}
