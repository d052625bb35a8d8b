// read -> model: parse every input, extract entries, link them, gather the
// diagnostics. Pure over its inputs (file contents in memory).
import { unified } from 'unified';
import { VFile } from 'vfile';
import { rstParse } from '../rst/parse.js';
import { reportTo } from '../rst/report.js';
import type { RstRoot } from '../rst/types.js';
import { extractConfiguration, extractDirective } from './directives.js';
import { extractErrors } from './errors.js';
import { extractRunbook, runbookBacklinks } from './runbooks.js';
import { type DocFile, linkDocs } from './link.js';
import type { ConfigurationPage, Diagnostic, DirectiveEntry, ErrorEntry, Model, ReferenceIntro, RunbookEntry } from './types.js';

export const defaultUpstream = 'https://modwsgi.readthedocs.io/en/develop/';

export interface DocInput {
  /** Path relative to the docs folder, `/`-separated: `error-reference.rst`. */
  path: string;
  value: string;
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
  for (const input of inputs) {
    const vfile = new VFile({ path: options.root ? `${options.root.replace(/\/$/, '')}/${input.path}` : input.path, value: input.value });
    const tree = parser.parse(vfile) as RstRoot;
    files.push(vfile);
    docs.push({ docPath: input.path.replace(/\.rst$/, ''), file: input.path, tree, vfile, report: reportTo(vfile, 'wsgi-model') });
  }

  let reference: ReferenceIntro | null = null;
  let errors: ErrorEntry[] = [];
  let configuration: ConfigurationPage | null = null;
  const directives: DirectiveEntry[] = [];
  for (const doc of docs) {
    if (doc.docPath === 'error-reference') {
      const extracted = extractErrors(doc.tree, doc.file, doc.report);
      reference = extracted.intro;
      errors = extracted.entries;
    } else if (doc.docPath === 'configuration') {
      configuration = extractConfiguration(doc.tree);
    } else if (/^configuration-directives\/[^/]+$/.test(doc.docPath)) {
      directives.push(extractDirective(doc.tree, doc.file, doc.docPath, doc.report));
    }
  }
  errors.sort((a, b) => a.number - b.number);
  directives.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const allDocs = new Set((options.allDocs ?? inputs.map((i) => i.path)).map((p) => p.replace(/\.rst$/, '')));
  linkDocs(docs, errors, directives, {
    knownDocs: allDocs,
    fullCheckout: allDocs.has('index'),
    upstream: options.upstream ?? defaultUpstream
  });

  const configDoc = docs.find((d) => d.docPath === 'configuration');
  if (configuration && configDoc) checkGroups(configuration, directives, configDoc);

  // Runbooks come last: they link into the finished reference and add backlinks to it.
  const lookups = { errors: new Map(errors.map((e) => [e.code, e])), directives: new Map(directives.map((d) => [d.name, d])) };
  const runbooks: RunbookEntry[] = [];
  for (const input of options.runbooks ?? []) {
    const vfile = new VFile({ path: input.path, value: input.value });
    files.push(vfile);
    runbooks.push(extractRunbook(input.path, vfile, reportTo(vfile, 'wsgi-runbook'), lookups));
  }
  runbooks.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  runbookBacklinks(runbooks, lookups);

  return { model: { errors, directives, runbooks, reference, configuration, diagnostics: diagnosticsOf(files, options.root) }, files };
}

function checkGroups(configuration: ConfigurationPage, directives: readonly DirectiveEntry[], doc: DocFile): void {
  const names = new Set(directives.map((d) => d.name));
  const listed = new Set<string>();
  for (const toc of configuration.toctrees) {
    for (const e of toc.children) {
      const name = e.target.split('/').pop() as string;
      listed.add(name);
      if (names.size > 0 && !names.has(name)) doc.report.error('dangling-doc', `toctree entry \`${e.target}\` is not a directive page`, e.position);
    }
  }
  for (const d of directives) {
    if (configuration.toctrees.length > 0 && !listed.has(d.name)) doc.report.warn('unlisted-directive', `Directive \`${d.name}\` is in no toctree of configuration.rst`, configuration.toctrees[0]?.position ?? { line: 1, column: 1 });
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
