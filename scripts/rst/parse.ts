// The reader as a unified parser plugin: `unified().use(rstParse).parse(file)`.
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { parseDocument } from './block.js';
import { splitLines } from './lines.js';
import { reportTo } from './report.js';
import type { RstRoot } from './types.js';

export function parseRst(doc: string, file: VFile): RstRoot {
  const lines = splitLines(doc);
  const children = parseDocument(lines, reportTo(file, 'rst'));
  const last = lines[lines.length - 1];
  // Measured on the raw text: the root spans the file, trailing whitespace included.
  return {
    type: 'root',
    children,
    position: {
      start: { line: 1, column: 1, offset: 0 },
      end: last ? { line: last.line, column: doc.length - last.offset + 1, offset: doc.length } : { line: 1, column: 1, offset: 0 }
    }
  };
}

export const rstParse: Plugin<[], string, RstRoot> = function () {
  this.parser = (doc: string, file: VFile) => parseRst(doc, file);
};
