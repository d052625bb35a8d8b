// Source lines that remember where they came from. Nested bodies (field
// bodies, list items, directive content) are parsed from de-indented copies of
// these lines, so every node built from them still points at the original file.
import type { Point, Position } from 'unist';

export interface Line {
  /** The line's text at the current nesting level (indentation removed). */
  text: string;
  /** 1-based line number in the file. */
  line: number;
  /** 1-based column of text[0] in the file. */
  column: number;
  /** 0-based offset of text[0] in the file. */
  offset: number;
}

export function splitLines(doc: string): Line[] {
  // Files with only '\n' breaks (nearly all) are split with indexOf, the rest with the expression.
  const breaks = doc.includes('\r') ? /\r\n|\n|\r/g : null;
  // Sized up front when the breaks are easy to count: no regrowing copies of a long array.
  const lines: Line[] = breaks ? [] : new Array<Line>(countOf(doc, '\n') + 1);
  let at = 0;
  let offset = 0;
  let n = 1;
  // Tabs expand to 8-column stops in RST; the corpus has none, and expanding
  // would break offsets, so a tab simply counts as one column of indentation.
  for (;;) {
    let end: number;
    let width = 1;
    if (breaks) {
      const m = breaks.exec(doc);
      end = m ? m.index : -1;
      if (m) width = m[0].length;
    } else {
      end = doc.indexOf('\n', offset);
    }
    // trimEnd, not /\s+$/: the expression is quadratic on a long run of inner spaces.
    lines[at++] = { text: doc.slice(offset, end < 0 ? doc.length : end).trimEnd(), line: n, column: 1, offset };
    if (end < 0) break;
    offset = end + width;
    n += 1;
  }
  return lines;
}

function countOf(doc: string, c: string): number {
  let n = 0;
  for (let k = doc.indexOf(c); k >= 0; k = doc.indexOf(c, k + 1)) n += 1;
  return n;
}

/** Line texts never end in whitespace (splitLines trims them), so only an empty one is blank. */
export function isBlank(line: Line): boolean {
  return line.text.length === 0;
}

/** Spaces and tabs at the start of the text, or of its rest from `from`. */
export function indentOf(text: string, from = 0): number {
  let n = from;
  while (n < text.length && (text.charCodeAt(n) === 32 || text.charCodeAt(n) === 9)) n += 1;
  return n - from;
}

/** Drop `n` leading characters from a line, keeping its position right. */
export function shift(line: Line, n: number): Line {
  const k = Math.min(n, line.text.length);
  return { text: line.text.slice(k), line: line.line, column: line.column + k, offset: line.offset + k };
}

/** Remove the smallest indentation shared by the non-blank lines. */
export function dedent(lines: Line[]): Line[] {
  let min = Infinity;
  for (const l of lines) if (!isBlank(l)) min = Math.min(min, indentOf(l.text));
  if (!Number.isFinite(min) || min === 0) return lines;
  // Lines are never changed once made, so a blank one is shared rather than copied.
  return lines.map((l) => (isBlank(l) ? l : shift(l, min)));
}

/** `dedent(lines.slice(from, to))` appended to `out` (a new array by default), without the intermediate slice. */
export function dedentRange(lines: readonly Line[], from: number, to: number, out: Line[] = []): Line[] {
  let min = Infinity;
  for (let k = from; k < to; k++) {
    const l = lines[k] as Line;
    if (!isBlank(l)) min = Math.min(min, indentOf(l.text));
  }
  const keep = !Number.isFinite(min) || min === 0;
  for (let k = from; k < to; k++) {
    const l = lines[k] as Line;
    out.push(keep || isBlank(l) ? l : shift(l, min));
  }
  return out;
}

/** The index of the last of `starts` (ascending, starts[0] <= offset) at or before `offset`: the line an offset is on. */
export function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) > offset) hi = mid - 1;
    else lo = mid;
  }
  return lo;
}

export function pointAt(line: Line, index: number): Point {
  return { line: line.line, column: line.column + index, offset: line.offset + index };
}

export function startOf(line: Line): Point {
  return pointAt(line, 0);
}

export function endOf(line: Line): Point {
  return pointAt(line, line.text.length);
}

export function span(first: Line, last: Line): Position {
  return { start: startOf(first), end: endOf(last) };
}

/** Index just past the last non-blank line of lines[from..to). */
export function trimTrailingBlank(lines: Line[], from: number, to: number): number {
  let end = to;
  while (end > from && isBlank(lines[end - 1] as Line)) end -= 1;
  return end;
}

/**
 * Where an indented block that begins at `from` ends: the first non-blank
 * line indented less than `minIndent` (trailing blank lines are left out).
 */
export function indentedBlockEnd(lines: Line[], from: number, minIndent = 1): number {
  let i = from;
  while (i < lines.length) {
    const l = lines[i] as Line;
    if (!isBlank(l) && indentOf(l.text) < minIndent) break;
    i += 1;
  }
  return trimTrailingBlank(lines, from, i);
}
