// Where a build's time goes, phase by phase, for `--timings` and the bench.
// The first phase runs from the process's start (Node, imports) to the first mark.

export interface Phase {
  name: string;
  ms: number;
  /** Resident memory at the end of the phase, in MB. */
  rssMB: number;
}

const rss = (): number => Math.round(process.memoryUsage.rss() / 1048576);

export class Phases {
  readonly list: Phase[] = [];
  #last: number;

  constructor(first = 'start-up and imports') {
    // performance.now() counts from the process's start.
    this.#last = performance.now();
    this.list.push({ name: first, ms: this.#last, rssMB: rss() });
  }

  /** Close the phase that ends now. */
  mark(name: string): void {
    const now = performance.now();
    this.list.push({ name, ms: now - this.#last, rssMB: rss() });
    this.#last = now;
  }
}
