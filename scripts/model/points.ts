// Positions from offsets, for nodes split out of a parsed text.
import type { Point } from 'unist';
import { lineAt } from '../rst/lines.js';

/**
 * Offset -> point, as vfile-location's toPoint answers it (breaks are \r\n, \n
 * or \r), but by binary search over line starts found in one pass: its own
 * scan walks every line from the top per call and looks for a \r from each
 * line to the end of a file that has none.
 */
export function pointFinder(value: string): (offset: number) => Point | undefined {
  let starts: number[] | null = null;
  return (offset) => {
    if (!(offset > -1 && offset <= value.length)) return undefined;
    if (starts === null) {
      starts = [0];
      for (let k = 0; k < value.length; k++) {
        const c = value.charCodeAt(k);
        if (c === 10) starts.push(k + 1);
        else if (c === 13) {
          if (value.charCodeAt(k + 1) === 10) k += 1;
          starts.push(k + 1);
        }
      }
    }
    const lo = lineAt(starts, offset);
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1, offset };
  };
}
