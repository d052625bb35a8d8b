// error-reference.rst -> the intro, the severity ladder and one ErrorEntry per
// labelled code. Every `.. _WSGI####:` label becomes an entry or a fatal
// diagnostic that names it; nothing is dropped without a word.
import type { Point } from 'unist';
import type { Report } from '../rst/report.js';
import type { RstBlock, RstField, RstHeading, RstInlineCode, RstParagraph, RstRoot, RstTarget } from '../rst/types.js';
import { codeNumber, codePattern, codeSource } from './code-syntax.js';
import { attachForms } from './placeholder-forms.js';
import { placeholderNames, segmentsOf } from './segments.js';
import { slug, toText } from './text.js';
import { type ErrorEntry, type LoggedMessage, type Place, type ReferenceIntro, type ReferenceSection, type SeverityLevel, isSeverity } from './types.js';
import { walkBlocks } from './walk.js';

/** Kept here for the modules that import it from the error reference's reader; code-syntax.ts owns it. */
export { codePattern };
const codeTitle = new RegExp(`^(${codeSource})\\s*(?:[—–:-]+\\s*)?(.*)$`, 's');
const retiredTitle = /^\(?retired\)?\.?$/i;
const labelAsTitle = new RegExp(`^\\.\\.\\s+_(${codeSource}):$`);

const fieldKeys = {
  severity: 'severity',
  source: 'source',
  'logged message': 'loggedMessage',
  cause: 'cause',
  outcome: 'outcome',
  'operator action': 'action'
} as const;
type FieldKey = (typeof fieldKeys)[keyof typeof fieldKeys];
const requiredFields = Object.keys(fieldKeys);

export function placeOf(file: string, point: Point): Place {
  return { file, line: point.line, column: point.column, offset: point.offset ?? 0 };
}

export interface ErrorReference {
  intro: ReferenceIntro | null;
  entries: ErrorEntry[];
  /** The last code label or code title in the file, made into an entry or not: where a cut-short file ends. */
  last: { code: string; number: number; place: Place } | null;
  /** The highest code number labelled or titled in the file (0 when none). */
  highest: number;
}

export function extractErrors(tree: RstRoot, file: string, report: Report): ErrorReference {
  const blocks = tree.children;
  const entries: ErrorEntry[] = [];
  const seen = new Map<string, Place>();

  // Titles are read once; the loop below asks about each of them several times.
  const titles = new Map<RstBlock, string>();
  for (const b of blocks) if (b.type === 'heading') titles.set(b, toText(b.children));
  const titleOf = (b: RstBlock): string | null => titles.get(b) ?? null;

  // Labels that are not directly before a title cannot start an entry.
  for (const b of blocks) {
    if (b.type === 'heading') {
      // docutils reads `.. _WSGI0001:` between an overline and an underline as a title.
      const swallowed = labelAsTitle.exec(titleOf(b) ?? '');
      if (swallowed) report.error('label-as-title', `Label \`${swallowed[1]}\` is read as a section title (it sits between adornment lines), so it starts no entry`, b.position);
    } else if (b.type === 'target') {
      // Indented text right under `.. _WSGI0001:` continues the target as a URL.
      if (b.url !== null && codePattern.test(b.label)) report.error('label-with-url', `Label \`${b.label}\` is read as a link to \`${b.url}\`, so it starts no entry`, b.position);
    } else {
      walkBlocks([b], (node) => {
        if (node.type === 'target' && codePattern.test(node.label)) {
          report.error('misplaced-label', `Label \`${node.label}\` is nested inside another block, so it starts no entry`, node.position);
        }
      });
    }
  }

  // Blocks that belong to an entry (its label, title and body); the rest is the page's own prose.
  const owned = new Set<RstBlock>();
  let last: ErrorReference['last'] = null;
  let highest = 0;
  let k = 0;
  while (k < blocks.length) {
    const block = blocks[k] as RstBlock;
    const isCodeLabel = block.type === 'target' && block.url === null && codePattern.test(block.label);
    const isCodeHeading = block.type === 'heading' && codeTitle.test(titleOf(block) ?? '');
    if (!isCodeLabel && !isCodeHeading) {
      k += 1;
      continue;
    }
    const entryStart = k;

    let label: RstTarget | null = null;
    let heading: RstHeading | null = null;
    if (block.type === 'target') {
      label = block;
      const next = blocks[k + 1];
      if (next?.type === 'heading') heading = next;
      k += heading ? 2 : 1;
    } else if (block.type === 'heading') {
      heading = block;
      k += 1;
    }

    const bodyStart = k;
    while (k < blocks.length && !startsEntry(blocks[k] as RstBlock, titleOf) && !(blocks[k]?.type === 'heading' && (blocks[k] as RstHeading).depth <= (heading?.depth ?? 99))) k += 1;
    const body = blocks.slice(bodyStart, k);
    for (let n = entryStart; n < k; n++) owned.add(blocks[n] as RstBlock);
    const lastCode = label ? label.label : (codeTitle.exec(titleOf(heading as RstHeading) ?? '')?.[1] as string);
    last = { code: lastCode, number: codeNumber(lastCode), place: placeOf(file, block.position.start) };
    highest = Math.max(highest, last.number);

    if (!heading) {
      report.error('orphan-label', `Label \`${label?.label}\` is not followed by a section title, so it starts no entry`, (label as RstTarget).position);
      continue;
    }
    const titleText = titleOf(heading) ?? toText(heading.children);
    const m = codeTitle.exec(titleText);
    const titleCode = m ? (m[1] as string) : null;
    const code = label ? label.label : (titleCode as string);
    if (!label) {
      report.error('missing-label', `Section \`${titleText}\` has no \`.. _${titleCode}:\` label before it`, heading.position);
    } else if (titleCode !== code) {
      report.error(
        'label-title-mismatch',
        titleCode ? `Label \`${code}\` is followed by the title of \`${titleCode}\`` : `Label \`${code}\` is followed by a title without that code: \`${titleText}\``,
        heading.position
      );
    }

    const place = placeOf(file, (label ?? heading).position.start);
    const earlier = seen.get(code);
    if (earlier) {
      report.error('duplicate-code', `Code \`${code}\` is defined again (first at line ${earlier.line})`, (label ?? heading).position);
      continue;
    }
    seen.set(code, place);

    const title = m ? (m[2] as string).trim() : titleText;
    entries.push(buildEntry(code, title, body, place, heading, report));
  }

  attachForms(entries);
  // No code label or title at all (`last` is null): the model reports `no-entries`.
  return { intro: extractIntro(blocks, owned, report), entries, last, highest };
}

function startsEntry(b: RstBlock, titleOf: (b: RstBlock) => string | null): boolean {
  if (b.type === 'target') return b.url === null && codePattern.test(b.label);
  if (b.type === 'heading') return codeTitle.test(titleOf(b) ?? '');
  return false;
}

function buildEntry(code: string, title: string, body: RstBlock[], place: Place, heading: RstHeading, report: Report): ErrorEntry {
  const retired = retiredTitle.test(title);
  const entry: ErrorEntry = {
    kind: 'error',
    code,
    number: codeNumber(code),
    title,
    severity: null,
    source: null,
    loggedMessage: null,
    cause: null,
    outcome: null,
    action: null,
    retired,
    retiredNote: null,
    references: [],
    referencedBy: [],
    place
  };

  const fields: RstField[] = [];
  const other: RstBlock[] = [];
  for (const b of body) {
    if (b.type === 'fieldList') fields.push(...b.children);
    // External targets (`.. _Name: url`) only feed `Name_` references; they
    // may sit anywhere in the page, so one at the end of an entry is no text.
    else if (b.type !== 'comment' && !(b.type === 'target' && b.url !== null)) other.push(b);
  }

  if (retired) {
    for (const f of fields) report.error('fields-on-retired', `Retired code \`${code}\` has a \`${f.name}\` field; a retired code keeps only its note`, f.position);
    entry.retiredNote = other;
    if (other.length === 0) report.warn('missing-retired-note', `Retired code \`${code}\` says nothing about why it was retired`, heading.position);
    return entry;
  }

  for (const b of other) {
    report.error('unplaced-text', `Text in \`${code}\` outside its fields cannot be placed in the entry`, b.position);
  }

  const found = new Map<FieldKey, RstField>();
  for (const f of fields) {
    const key = fieldKeys[f.name.toLowerCase() as keyof typeof fieldKeys];
    if (!key) {
      report.error('unknown-field', `Unknown field \`${f.name}\` in \`${code}\``, f.position);
      continue;
    }
    if (found.has(key)) {
      report.error('duplicate-field', `Field \`${f.name}\` appears twice in \`${code}\``, f.position);
      continue;
    }
    found.set(key, f);
  }
  for (const name of requiredFields) {
    const key = fieldKeys[name as keyof typeof fieldKeys];
    const field = found.get(key);
    if (!field || field.children.length === 0) {
      report.error('missing-field', `Code \`${code}\` has no \`${name[0]?.toUpperCase()}${name.slice(1)}\` field`, field?.position ?? heading.position);
    }
  }

  const severity = found.get('severity');
  if (severity && severity.children.length > 0) {
    const value = toText(severity.children);
    if (isSeverity(value)) entry.severity = value;
    else report.error('unknown-severity', `Unknown severity \`${value}\` in \`${code}\` (expected EMERG, ALERT, CRIT, ERR or WARNING)`, severity.position);
  }
  const source = found.get('source');
  if (source && source.children.length > 0) entry.source = toText(source.children);
  const logged = found.get('loggedMessage');
  if (logged && logged.children.length > 0) entry.loggedMessage = loggedMessage(logged, code, report);
  entry.cause = nonEmpty(found.get('cause'));
  entry.outcome = nonEmpty(found.get('outcome'));
  entry.action = nonEmpty(found.get('action'));
  return entry;
}

function nonEmpty(field: RstField | undefined): RstBlock[] | null {
  return field && field.children.length > 0 ? field.children : null;
}

/** The first literal is the message; whatever follows it is notes about it. */
function loggedMessage(field: RstField, code: string, report: Report): LoggedMessage {
  const [first, ...rest] = field.children;
  if (first?.type === 'paragraph' && first.children[0]?.type === 'inlineCode') {
    const literal = first.children[0] as RstInlineCode;
    const tail = first.children.slice(1);
    const leading = tail[0];
    if (leading?.type === 'text') {
      const value = leading.value.replace(/^\s+/, '');
      if (value === '') tail.shift();
      else tail[0] = { ...leading, value };
    }
    const notes: RstBlock[] = tail.length > 0 ? [{ type: 'paragraph', children: tail, position: { start: (tail[0] as { position: RstParagraph['position'] }).position.start, end: first.position.end } }, ...rest] : rest;
    return messageOf(literal.value, notes);
  }
  report.error('missing-logged-literal', `The logged message of \`${code}\` does not start with the literal message text (\`\`...\`\`)`, field.position);
  return messageOf(toText(field.children), []);
}

/** Forms are filled in once every entry is read (attachForms). */
function messageOf(template: string, notes: RstBlock[]): LoggedMessage {
  const segments = segmentsOf(template);
  return { template, segments, placeholders: placeholderNames(segments), forms: {}, notes };
}

/**
 * The page around the entries: the title and the intro under it, the
 * severity ladder with the prose before and after it, and every other
 * section's own prose (the one that holds the codes, and any before or after
 * them). Nothing outside an entry is dropped but labels and comments.
 */
function extractIntro(blocks: readonly RstBlock[], owned: ReadonlySet<RstBlock>, report: Report): ReferenceIntro | null {
  const titleAt = blocks.findIndex((b) => b.type === 'heading');
  const titleNode = blocks[titleAt];
  if (!titleNode || titleNode.type !== 'heading') return null;
  const prose = (b: RstBlock) => !owned.has(b) && b.type !== 'target' && b.type !== 'comment';
  /** The blocks from `from` up to the next title, entries' titles included. */
  const sectionBody = (from: number) => {
    let end = from;
    while (end < blocks.length && blocks[end]?.type !== 'heading') end += 1;
    return blocks.slice(from, end);
  };
  const intro = sectionBody(titleAt + 1).filter(prose);

  const ladder: SeverityLevel[] = [];
  const ladderIntro: RstBlock[] = [];
  const ladderNotes: RstBlock[] = [];
  const sections: ReferenceSection[] = [];
  const firstEntry = blocks.findIndex((b) => owned.has(b));
  let ladderSeen = false;
  blocks.forEach((b, at) => {
    if (at <= titleAt || b.type !== 'heading' || owned.has(b)) return;
    const title = toText(b.children);
    const body = sectionBody(at + 1);
    if (!ladderSeen && /severit/i.test(title)) {
      ladderSeen = true;
      let seenList = false;
      for (const c of body) {
        if (c.type === 'definitionList' && !seenList) {
          seenList = true;
          for (const item of c.children) {
            const name = toText(item.term);
            if (isSeverity(name)) ladder.push({ severity: name, meaning: item.children, meaningText: toText(item.children) });
            else report.error('unknown-severity', `Unknown severity \`${name}\` in the severity ladder`, item.position);
          }
        } else if (prose(c)) {
          (seenList ? ladderNotes : ladderIntro).push(c);
        }
      }
      return;
    }
    // The section whose body the first entry starts in holds the codes.
    const holds = firstEntry >= 0 && at < firstEntry && !blocks.slice(at + 1, firstEntry).some((x) => x.type === 'heading');
    const where = firstEntry < 0 || at < firstEntry ? (holds ? 'codes' : 'before-codes') : 'after-codes';
    sections.push({ title, id: slug(title), heading: b, blocks: body.filter(prose), where });
  });
  return { title: toText(titleNode.children), intro, ladder, ladderIntro, ladderNotes, sections };
}
