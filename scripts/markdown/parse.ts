// The Markdown reader for runbooks: remark-parse with GFM (tables, task
// lists) and YAML front matter, as one unified processor. Front matter comes
// back as data with the position of its block, for diagnostics.
import type { Root as MdastRoot, Yaml } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { parseDocument as parseYamlDocument, YAMLError } from 'yaml';
import type { Report } from '../rst/report.js';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

export interface ParsedMarkdown {
  tree: MdastRoot;
  /** The front matter's fields, or null when the file has none (or it is not a mapping). */
  front: Record<string, unknown> | null;
  /** The front matter block, for pointing at it. */
  frontNode: Yaml | null;
}

/**
 * Trees already parsed, by text, the most recent last. `npm run dev` reads
 * every runbook again on each save, and micromark takes about as long over a
 * few KB of Markdown as the RST reader over the whole error reference. The
 * parse is a function of the text alone; callers change the tree they get, so
 * each gets its own copy.
 */
const parsed = new Map<string, MdastRoot>();
const keepParsed = 32;

function parseText(file: VFile): MdastRoot {
  const text = String(file.value);
  let tree = parsed.get(text);
  if (tree) parsed.delete(text);
  else tree = processor.runSync(processor.parse(file), file) as MdastRoot;
  parsed.set(text, tree);
  if (parsed.size > keepParsed) parsed.delete(parsed.keys().next().value as string);
  return structuredClone(tree);
}

export function parseMarkdown(file: VFile, report: Report): ParsedMarkdown {
  const tree = parseText(file);
  const first = tree.children[0];
  const frontNode = first?.type === 'yaml' ? first : null;
  if (!frontNode) return { tree, front: null, frontNode };
  tree.children.shift();
  // yaml's positions are inside the block, which starts one line below the `---`.
  const place = (problem: YAMLError) => (problem.linePos ? { line: problem.linePos[0].line + 1, column: problem.linePos[0].col } : (frontNode.position ?? { line: 1, column: 1 }));
  // yaml ends its first line with its own place in the block (`at line 1, column 8:`); the diagnostic has the file's.
  const firstLine = (problem: Error) => (problem.message.split('\n')[0] ?? problem.message).replace(/ at line \d+, column \d+:?$/, '');
  try {
    // A document, not parse(): its warnings (an unknown tag such as `!What`)
    // become diagnostics here instead of warnings printed by the process.
    const doc = parseYamlDocument(frontNode.value);
    for (const warning of doc.warnings) report.warn('front-matter', `Front matter: ${firstLine(warning)}`, place(warning));
    for (const error of doc.errors) report.error('front-matter', `Front matter is not valid YAML: ${firstLine(error)}`, place(error));
    if (doc.errors.length > 0) return { tree, front: null, frontNode };
    const data: unknown = doc.toJS();
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) return { tree, front: data as Record<string, unknown>, frontNode };
    report.error('front-matter', 'Front matter must be a mapping of fields (title: ..., summary: ...)', frontNode.position ?? { line: 1, column: 1 });
  } catch (error) {
    // toJS() throws on what only resolving shows (an alias bomb, say).
    const reason = error instanceof Error ? firstLine(error) : String(error);
    report.error('front-matter', `Front matter is not valid YAML: ${reason}`, error instanceof YAMLError ? place(error) : (frontNode.position ?? { line: 1, column: 1 }));
  }
  return { tree, front: null, frontNode };
}
