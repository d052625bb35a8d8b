// Shared helpers for the reader and model tests: read fixtures, parse them,
// walk every node, and look diagnostics up by rule id.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Point } from 'unist';
import { VFile } from 'vfile';
import { type BuiltModel, type DocInput, type ModelOptions, buildModel } from '../scripts/model/build-model.js';
import type { Diagnostic } from '../scripts/model/types.js';
import { walk } from '../scripts/model/walk.js';
import { parseRst } from '../scripts/rst/parse.js';
import type { RstBlock, RstNode, RstRoot } from '../scripts/rst/types.js';

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export function fixturePath(rel: string): string {
  return path.join(fixturesDir, rel);
}

export function readFixture(rel: string): string {
  return readFileSync(fixturePath(rel), 'utf8');
}

export interface Parsed {
  tree: RstRoot;
  file: VFile;
}

export function parse(doc: string, filePath = 'doc.rst'): Parsed {
  const file = new VFile({ path: filePath, value: doc });
  return { tree: parseRst(doc, file), file };
}

export function parseFixture(rel: string): Parsed {
  return parse(readFixture(rel), rel);
}

/** Every node of a tree, depth first (definition terms included). */
export function allNodes(root: RstNode): RstNode[] {
  const out: RstNode[] = [];
  walk(root, (n) => out.push(n));
  return out;
}

/** The nodes of one type, typed. */
export function nodesOf<T extends RstNode['type']>(root: RstNode, type: T): Extract<RstNode, { type: T }>[] {
  return allNodes(root).filter((n): n is Extract<RstNode, { type: T }> => n.type === type);
}

/** The top-level blocks of a tree, by type. */
export function blocksOf<T extends RstBlock['type']>(root: RstRoot, type: T): Extract<RstBlock, { type: T }>[] {
  return root.children.filter((n): n is Extract<RstBlock, { type: T }> => n.type === type);
}

/** A model input read as text (fixtures are UTF-8), so tests can edit its value. */
export type TextInput = DocInput & { value: string };

/** Read a fixture docs folder (every .rst below it) as model inputs. */
export function readDocsFixture(rel: string): TextInput[] {
  const dir = fixturePath(rel);
  return readdirSync(dir, { recursive: true })
    .map(String)
    .map((p) => p.split(path.sep).join('/'))
    .filter((p) => p.endsWith('.rst'))
    .sort()
    .map((p) => ({ path: p, value: readFileSync(path.join(dir, p), 'utf8') }));
}

export function modelOfFixtureFolder(rel: string, options: ModelOptions = {}): BuiltModel {
  return buildModel(readDocsFixture(rel), options);
}

/** A single fixture file built as the error reference. */
export function modelOfErrorReference(rel: string, extra: DocInput[] = [], options: ModelOptions = {}): BuiltModel {
  return buildModel([{ path: 'error-reference.rst', value: readFixture(rel) }, ...extra], options);
}

export function withRule(diagnostics: readonly Diagnostic[], ruleId: string): Diagnostic[] {
  return diagnostics.filter((d) => d.ruleId === ruleId);
}

export function fatals(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.fatal);
}

/** `line:column` of each diagnostic, for compact assertions. */
export function places(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.line}:${d.column}`);
}

// Property tests check every node of one document in turn: keep the last answer.
let lastStarts: { doc: string; starts: number[] } | null = null;

function lineStarts(doc: string): number[] {
  if (lastStarts?.doc === doc) return lastStarts.starts;
  const starts = [0];
  for (const m of doc.matchAll(/\r\n|\n|\r/g)) starts.push((m.index ?? 0) + m[0].length);
  lastStarts = { doc, starts };
  return starts;
}

/** Problems with one node's position, as readable strings (empty when fine). */
export function positionProblems(node: RstNode, doc: string): string[] {
  const problems: string[] = [];
  const starts = lineStarts(doc);
  const check = (what: string, p: Point | undefined) => {
    if (!p || !Number.isInteger(p.line) || !Number.isInteger(p.column) || !Number.isInteger(p.offset)) {
      problems.push(`${node.type}: ${what} point incomplete ${JSON.stringify(p)}`);
      return;
    }
    const start = starts[p.line - 1];
    if (start === undefined || p.column < 1 || start + p.column - 1 !== p.offset) {
      problems.push(`${node.type}: ${what} ${p.line}:${p.column} does not agree with offset ${p.offset}`);
    }
  };
  if (!node.position) return [`${node.type}: no position`];
  check('start', node.position.start);
  check('end', node.position.end);
  const { start, end } = node.position;
  if ((start.offset ?? 0) > (end.offset ?? 0)) problems.push(`${node.type}: ends before it starts`);
  return problems;
}
