// Small timing helpers shared by the benchmark sections.
import { performance } from 'node:perf_hooks';

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Run `fn` `warmup` times untimed, then `runs` times; milliseconds per run. */
export async function timeRuns(fn: () => unknown, runs: number, warmup = 0): Promise<number[]> {
  for (let k = 0; k < warmup; k++) await fn();
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
}

export function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

/** One result line: `label  value  (detail)`. */
export function report(label: string, value: string, detail = ''): void {
  process.stdout.write(`  ${label.padEnd(44)} ${value.padStart(14)}${detail ? `  ${detail}` : ''}\n`);
}

/** A section of `npm run bench`: the default export of scripts/bench/<name>.bench.ts. */
export interface BenchSection {
  /** Short name used with --only. */
  name: string;
  title: string;
  run(): Promise<void>;
}
