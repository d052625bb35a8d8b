// Counts by code for the table after a scan. An ambiguous line (its message
// fits several entries) is counted once, under all its candidates together.
import type { Hit } from './scanner.js';

export interface Seen {
  line: number;
  time: string | null;
}

export interface CodeCount {
  /** One code, or the candidates of an ambiguous message in order. */
  codes: string[];
  count: number;
  first: Seen;
  last: Seen;
}

export class Summary {
  matched = 0;
  tagged = 0;
  untagged = 0;
  ambiguous = 0;
  private readonly byKey = new Map<string, CodeCount>();

  add(hit: Hit): void {
    this.matched++;
    if (hit.tagged) this.tagged++;
    else this.untagged++;
    if (hit.codes.length > 1) this.ambiguous++;
    const key = hit.codes.join(' ');
    const seen = { line: hit.line, time: hit.time };
    const row = this.byKey.get(key);
    if (row) {
      row.count++;
      row.last = seen;
    } else {
      this.byKey.set(key, { codes: hit.codes, count: 1, first: seen, last: seen });
    }
  }

  /** Rows by first code, single codes before ambiguous groups that start the same. */
  rows(): CodeCount[] {
    return [...this.byKey.values()].sort((a, b) => {
      const x = a.codes.join(' ');
      const y = b.codes.join(' ');
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }
}
