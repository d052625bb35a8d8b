// read -> model: parse every input, extract entries, link them, gather the
// diagnostics. Pure over its inputs (file contents in memory).
import { unified } from 'unified';
import type { Point } from 'unist';
import { VFile } from 'vfile';
import { rstParse } from '../rst/parse.js';
import { type Report, reportTo } from '../rst/report.js';
import type { RstRoot } from '../rst/types.js';
import { decode } from './decode.js';
import { checkCodeLabels, extractConfiguration, extractDirective } from './directives.js';
import { assignIds } from './ids.js';
import { codePattern, firstCode } from './code-syntax.js';
import { type ErrorReference, extractErrors } from './errors.js';
import { extractRunbook, runbookBacklinks } from './runbooks.js';
import { type DocFile, type HeldReference, linkDocs } from './link.js';
import { pointFinder } from './points.js';
import type { ConfigurationPage, Diagnostic, DirectiveEntry, ErrorEntry, Model, ReferenceIntro, RunbookEntry } from './types.js';

export const defaultUpstream = 'https://modwsgi.readthedocs.io/en/develop/';

export interface DocInput {
  /** Path relative to the docs folder, `/`-separated: `error-reference.rst`. */
  path: string;
  /** The file's bytes as read (decoded and checked here), or text already decoded. */
  value: string | Uint8Array;
}

export interface ModelOptions {
  /** Every .rst in the docs folder (relative paths); defaults to the inputs. */
  allDocs?: readonly string[];
  upstream?: string;
  /** Shown in diagnostics instead of the relative path (e.g. the real folder). */
  root?: string;
  /** Markdown runbooks; their paths are shown as given (`content/runbooks/x.md`). */
  runbooks?: readonly DocInput[];
}

export interface BuiltModel {
  model: Model;
  files: VFile[];
}

const parser = unified().use(rstParse);

export function buildModel(inputs: readonly DocInput[], options: ModelOptions = {}): BuiltModel {
  const files: VFile[] = [];
  const docs: DocFile[] = [];
  /** Docs that are not text, by doc path, with why: read no further. */
  const notText = new Map<string, { doc: DocFile; why: string }>();
  for (const input of inputs) {
    const { vfile, report, why } = readInput(input.path, input.value, options.root);
    const tree: RstRoot = why === null ? (parser.parse(vfile) as RstRoot) : { type: 'root', children: [], position: { start: start(), end: start() } };
    assignIds(tree);
    files.push(vfile);
    const doc: DocFile = { docPath: input.path.replace(/\.rst$/, ''), file: input.path, tree, vfile, report };
    docs.push(doc);
    if (why !== null) notText.set(doc.docPath, { doc, why });
  }

  let reference: ReferenceIntro | null = null;
  let errors: ErrorEntry[] = [];
  let errorReference: { doc: DocFile; extracted: ErrorReference } | null = null;
  let configuration: ConfigurationPage | null = null;
  const directives: DirectiveEntry[] = [];
  for (const doc of docs) {
    if (notText.has(doc.docPath)) continue;
    if (doc.docPath === 'error-reference') {
      const extracted = extractErrors(doc.tree, doc.file, doc.report);
      reference = extracted.intro;
      errors = extracted.entries;
      errorReference = { doc, extracted };
    } else if (doc.docPath === 'configuration') {
      configuration = extractConfiguration(doc.tree);
      checkCodeLabels(doc.tree, doc.report);
    } else if (/^configuration-directives\/[^/]+$/.test(doc.docPath)) {
      directives.push(extractDirective(doc.tree, doc.file, doc.docPath, doc.report));
      checkCodeLabels(doc.tree, doc.report);
    }
  }
  errors.sort((a, b) => a.number - b.number);
  directives.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  checkDirectiveNames(directives, docs);

  // No entry at all: every code named anywhere would dangle, so none is reported one by one.
  const noEntries = errorReference !== null && errorReference.extracted.last === null;
  const cut = errorReference ? cutShort(errorReference.doc, errorReference.extracted) : null;
  const allDocs = new Set((options.allDocs ?? inputs.map((i) => i.path)).map((p) => p.replace(/\.rst$/, '')));
  const holdCode = noEntries || notText.has('error-reference') ? () => true : cut ? (code: string) => code === cut.last.code || Number(code.slice(4)) > cut.highest : null;
  const held = linkDocs(docs, errors, directives, {
    knownDocs: allDocs,
    fullCheckout: allDocs.has('index'),
    upstream: options.upstream ?? defaultUpstream,
    unread: new Set(notText.keys()),
    ...(holdCode ? { holdCode } : {})
  });

  const configDoc = docs.find((d) => d.docPath === 'configuration');
  if (configuration && configDoc) checkGroups(configuration, directives, configDoc, notText);

  // Runbooks come last: they link into the finished reference and add backlinks to it.
  const lookups = { errors: new Map(errors.map((e) => [e.code, e])), directives: new Map(directives.map((d) => [d.name, d])) };
  const runbooks: RunbookEntry[] = [];
  const runbookFiles = new Map<RunbookEntry, VFile>();
  for (const input of options.runbooks ?? []) {
    const { vfile, report, why } = readInput(input.path, input.value);
    files.push(vfile);
    if (why !== null) {
      report.error('not-text', `${input.path} is not read: ${why}`, start());
      continue;
    }
    const runbook = extractRunbook(input.path, vfile, reportTo(vfile, 'wsgi-runbook'), lookups);
    // Codes the reference cannot answer for (none read, or past a cut) are held back as the docs' references are.
    if (holdCode) holdRunbookCodes(vfile, runbook, held, holdCode);
    runbooks.push(runbook);
    runbookFiles.set(runbook, vfile);
  }
  runbooks.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  checkRunbookSlugs(runbooks, runbookFiles);
  runbookBacklinks(runbooks, lookups);

  // The lead messages come last, so they can count what they held back.
  if (cut) reportCutShort(cut, held);
  if (errorReference && noEntries) {
    errorReference.doc.report.error('no-entries', `The error reference has no entries: no \`.. _WSGI####:\` label followed by a \`WSGI#### — title\` section${uncheckedNote(held.filter((h) => codePattern.test(h.target.toUpperCase())), 'to codes')}`, start());
  }
  for (const { doc, why } of notText.values()) doc.report.error('not-text', `${doc.file} is not read: ${why}${uncheckedNote(held, 'that may point into it')}`, start());

  return { model: { errors, directives, runbooks, reference, configuration, diagnostics: diagnosticsOf(files, options.root) }, files };
}

function checkGroups(configuration: ConfigurationPage, directives: readonly DirectiveEntry[], doc: DocFile, notText: ReadonlyMap<string, unknown>): void {
  const names = new Set(directives.map((d) => d.name));
  const listed = new Set<string>();
  for (const toc of configuration.toctrees) {
    for (const e of toc.children) {
      const name = e.target.split('/').pop() as string;
      listed.add(name);
      // A page that is there but could not be read is reported as such, not as missing.
      if (names.size > 0 && !names.has(name) && !notText.has(`configuration-directives/${name}`)) doc.report.error('dangling-doc', `toctree entry \`${e.target}\` is not a directive page`, e.position);
    }
  }
  for (const d of directives) {
    if (configuration.toctrees.length > 0 && !listed.has(d.name)) doc.report.warn('unlisted-directive', `Directive \`${d.name}\` is in no toctree of configuration.rst`, configuration.toctrees[0]?.position ?? { line: 1, column: 1 });
  }
}

const start = (): Point => ({ line: 1, column: 1, offset: 0 });

/** A file's bytes as text in a vfile, `invalid-utf8` reported; `why` is set when it is not text at all. */
function readInput(relative: string, value: string | Uint8Array, root?: string): { vfile: VFile; report: Report; why: string | null } {
  const decoded = decode(value);
  const vfile = new VFile({ path: root ? `${root.replace(/\/$/, '')}/${relative}` : relative, value: decoded.text });
  const report = reportTo(vfile, 'wsgi-model');
  const [first] = decoded.invalid;
  if (first !== undefined) {
    const toPoint = pointFinder(decoded.text);
    const lines = [...new Set(decoded.invalid.map((o) => (toPoint(o) as Point).line))];
    const shown = lines.length > 8 ? `${lines.slice(0, 8).join(', ')} and ${lines.length - 8} more` : lines.join(', ');
    report.warn(
      'invalid-utf8',
      `Bytes that are not UTF-8 are shown as U+FFFD (�): ${decoded.invalid.length} place${decoded.invalid.length === 1 ? '' : 's'}, on line${lines.length === 1 ? '' : 's'} ${shown}; save the file as UTF-8`,
      toPoint(first) as Point
    );
  }
  return { vfile, report, why: decoded.notText };
}

/** `; N references <which> (...) could not be checked`, or nothing. */
function uncheckedNote(held: readonly HeldReference[], which: string): string {
  return held.length === 0 ? '' : `; ${held.length} reference${held.length === 1 ? '' : 's'} ${which} (${summary(held)}) could not be checked`;
}

/** A runbook's `unknown-code` messages, taken back into `held` (the reference they would be checked against is missing). */
function holdRunbookCodes(vfile: VFile, runbook: RunbookEntry, held: HeldReference[], hold: (code: string) => boolean): void {
  const kept = vfile.messages.filter((m) => {
    const code = firstCode(m.reason);
    if (m.ruleId !== 'unknown-code' || code === null || !hold(code)) return true;
    held.push({ file: runbook.place.file, target: code, place: { line: m.line ?? 1, column: m.column ?? 1 } });
    return false;
  });
  vfile.messages.length = 0;
  vfile.messages.push(...kept);
}

function summary(held: readonly HeldReference[]): string {
  const targets = [...new Set(held.map((h) => h.target))].sort();
  const files = [...new Set(held.map((h) => h.file))];
  const names = targets.length > 6 ? `${targets.slice(0, 3).join(', ')} ... ${targets.slice(-2).join(', ')}` : targets.join(', ');
  return `${names}; in ${files.length === 1 ? files[0] : `${files.length} files`}`;
}

interface CutShort {
  doc: DocFile;
  /** Codes above this number, and the last one, may be past the cut. */
  highest: number;
  last: NonNullable<ErrorReference['last']>;
  /** The last entry has a fatal problem (fields missing, a title cut off...). */
  lastBroken: boolean;
  /** The file stops mid-line. */
  midLine: boolean;
}

/**
 * Signs that error-reference.rst was cut short: its last entry is broken, or
 * the file stops mid-line. Then references to codes from the last one up are
 * more likely lost with the cut than wrong, and are summarised (not listed)
 * after the real cause.
 */
function cutShort(doc: DocFile, extracted: ErrorReference): CutShort | null {
  const last = extracted.last;
  if (!last) return null;
  const text = String(doc.vfile.value);
  const midLine = text !== '' && !/[\n\r]$/.test(text);
  const lastBroken = doc.vfile.messages.some((m) => m.fatal === true && cutSigns.has(m.ruleId ?? '') && (m.line ?? 0) >= last.place.line);
  if (!midLine && !lastBroken) return null;
  return { doc, highest: extracted.highest, last, lastBroken, midLine };
}

/** What a cut in the middle of an entry leaves behind. */
const cutSigns = new Set(['missing-field', 'orphan-label', 'missing-logged-literal', 'malformed-adornment', 'label-title-mismatch']);

function reportCutShort(cut: CutShort, allHeld: readonly HeldReference[]): void {
  const held = allHeld.filter((h) => codePattern.test(h.target.toUpperCase()));
  // One sign alone, and nothing pointing past the end: the entry's own problems say it all.
  if (held.length === 0 && !(cut.lastBroken && cut.midLine)) return;
  const signs = [cut.lastBroken ? `its last entry, \`${cut.last.code}\`, is incomplete (see the problems below it)` : `it ends after \`${cut.last.code}\``, cut.midLine ? 'the file stops in the middle of a line' : ''].filter((x) => x !== '');
  const past = held.length === 0 ? '' : `; ${held.length} reference${held.length === 1 ? '' : 's'} to \`${cut.last.code}\` and later codes have no entry (${summary(held)}) and are not listed one by one`;
  cut.doc.report.error('truncated', `${cut.doc.file} looks cut short: ${signs.join(' and ')}${past}`, { line: cut.last.place.line, column: cut.last.place.column, offset: cut.last.place.offset });
}

/** Directive names become URL path segments (`/directives/<name>/`): refuse those that cannot be one, and case-only twins. */
function checkDirectiveNames(directives: readonly DirectiveEntry[], docs: readonly DocFile[]): void {
  const docOf = new Map(docs.map((d) => [d.docPath, d]));
  const seen = new Map<string, DirectiveEntry>();
  for (const d of directives) {
    const doc = docOf.get(d.docPath);
    if (!doc) continue;
    if (!usableName.test(d.name) || d.name.toLowerCase() === 'index.html') {
      doc.report.error('unusable-name', `Directive page ${doc.file} names the directive \`${d.name}\`, which cannot be a URL path segment (/directives/${d.name}/): use letters, digits, \`-\`, \`_\` and inner dots`, start());
      continue;
    }
    const key = d.name.toLowerCase();
    const twin = seen.get(key);
    if (twin) doc.report.error('url-collision', `Directive \`${d.name}\` and \`${twin.name}\` (${twin.place.file}) differ only in case: their pages and the lowercase alias /directives/${key}/ would be one URL`, start());
    else seen.set(key, d);
  }
}

/** Letters, digits, `-`, `_`, dots only between them: never `.`, `..`, a space, a slash or anything escaped in a URL. */
const usableName = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;

function checkRunbookSlugs(runbooks: readonly RunbookEntry[], files: ReadonlyMap<RunbookEntry, VFile>): void {
  const seen = new Map<string, RunbookEntry>();
  for (const r of runbooks) {
    const vfile = files.get(r) as VFile;
    const report = reportTo(vfile, 'wsgi-model');
    if (!usableName.test(r.slug)) {
      report.error('unusable-name', `Runbook ${r.place.file} gets the address \`/runbooks/${r.slug}/\`, which is not usable: name the file with letters or digits`, start());
      continue;
    }
    const twin = seen.get(r.slug);
    if (twin) report.error('url-collision', `Runbooks ${r.place.file} and ${twin.place.file} would both be /runbooks/${r.slug}/`, start());
    else seen.set(r.slug, r);
  }
}

export function diagnosticsOf(files: readonly VFile[], root?: string): Diagnostic[] {
  const prefix = root ? `${root.replace(/\/$/, '')}/` : '';
  const out: Diagnostic[] = [];
  for (const f of files) {
    for (const m of f.messages) {
      out.push({
        ruleId: m.ruleId ?? 'unknown',
        file: prefix && (f.path ?? '').startsWith(prefix) ? (f.path ?? '').slice(prefix.length) : (f.path ?? ''),
        line: m.line ?? 1,
        column: m.column ?? 1,
        fatal: m.fatal === true,
        message: m.reason
      });
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}
