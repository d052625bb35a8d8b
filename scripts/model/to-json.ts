// The model as plain JSON for tools (`extract`, /errors.json): trees become
// text, references and places stay.
import { toText } from './text.js';
import { placeOf } from './errors.js';
import type { DirectiveEntry, ErrorEntry, EntryRef, LoggedMessage, Model, Place, Reference, ReferenceIntro, Severity } from './types.js';

export interface ErrorJson {
  code: string;
  title: string;
  severity: Severity | null;
  source: string | null;
  retired: boolean;
  retiredNote: string | null;
  loggedMessage: (Omit<LoggedMessage, 'notes'> & { notes: string }) | null;
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
    loggedMessage: e.loggedMessage && { ...e.loggedMessage, notes: toText(e.loggedMessage.notes) },
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

/** The prose of error-reference.rst around the entries, as text with the place of each section. */
export interface ReferenceJson {
  title: string;
  intro: string;
  ladder: { severity: Severity; meaning: string }[];
  ladderIntro: string;
  ladderNotes: string;
  sections: { title: string; id: string; where: 'before-codes' | 'codes' | 'after-codes'; text: string; place: Place }[];
}

export function referenceToJson(r: ReferenceIntro | null, file = 'error-reference.rst'): ReferenceJson | null {
  if (r === null) return null;
  return {
    title: r.title,
    intro: toText(r.intro),
    ladder: r.ladder.map((l) => ({ severity: l.severity, meaning: l.meaningText })),
    ladderIntro: toText(r.ladderIntro),
    ladderNotes: toText(r.ladderNotes),
    sections: r.sections.map((s) => ({ title: s.title, id: s.id, where: s.where, text: toText(s.blocks), place: placeOf(file, s.heading.position.start) }))
  };
}

export function modelToJson(model: Model) {
  return {
    errors: model.errors.map(errorToJson),
    directives: model.directives.map(directiveToJson),
    reference: referenceToJson(model.reference),
    diagnostics: model.diagnostics
  };
}
