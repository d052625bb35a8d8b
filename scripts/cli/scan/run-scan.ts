// `scan [FILE|-]`: stream the log through the scanner, write each hit as it is
// found (unless --quiet), then the near matches (lines mod_wsgi wrote that no
// message fits exactly), then the summary.
import { createNearMatcher, nearTemplatesOf } from '../../search/near.js';
import { CliError } from '../fail.js';
import type { Reference } from '../reference.js';
import type { Style } from '../terminal.js';
import { binaryProblem, type LogInput } from './input.js';
import { Output, type OutputStream } from './output.js';
import { startProgress } from './progress.js';
import { jsonReport, textReport } from './report.js';
import { LogScanner } from './scanner.js';
import { Summary } from './summary.js';

export interface ScanOptions {
  json: boolean;
  quiet: boolean;
  /** Hidden: resource figures on stderr for the benchmark. */
  stats: boolean;
}

export async function runScan(input: LogInput, reference: Reference, options: ScanOptions, style: Style, io: { stdout: OutputStream; stderr: OutputStream & { isTTY?: boolean } } = process): Promise<number> {
  const started = performance.now();
  const matcher = await reference.matcher();
  const templates = [...reference.entries.values()].flatMap((e) => (e.loggedMessage ? [e.loggedMessage.segments] : []));

  const near = createNearMatcher(nearTemplatesOf([...reference.entries.values()].flatMap((e) => (e.loggedMessage ? [{ code: e.code, segments: e.loggedMessage.segments }] : []))));

  const out = new Output(io.stdout);
  const report = options.json ? jsonReport(reference) : textReport(reference, style);
  const summary = new Summary();
  const nearSummary = new Summary();
  const scanner = new LogScanner({
    matcher,
    templates,
    onHit(hit) {
      summary.add(hit);
      if (!options.quiet) out.write(report.hit(hit));
    },
    near: {
      matcher: near,
      onNear(line) {
        nearSummary.add({ line: line.line, text: line.text, time: line.time, tagged: false, codes: (line.closest[0] as (typeof line.closest)[number]).codes });
        if (!options.quiet) out.write(report.near(line));
      }
    }
  });

  const progress = startProgress(io.stderr, input.total, () => scanner.bytes);
  try {
    let first = true;
    for await (const chunk of input.chunks()) {
      if (first) {
        const problem = binaryProblem(input.name, chunk);
        if (problem) throw new CliError(problem);
        first = false;
      }
      scanner.push(chunk);
      await out.flush();
      if (out.closed) return 0;
    }
    scanner.end();
  } finally {
    progress.stop();
  }
  if (!options.quiet) out.write(report.nearSection());
  out.write(report.summary(summary, { input: input.name, bytes: scanner.bytes, lines: scanner.lines }, nearSummary));
  await out.flush(true);
  if (options.stats) {
    const usage = process.resourceUsage();
    const stats = { elapsedMs: Math.round(performance.now() - started), bytes: scanner.bytes, lines: scanner.lines, examined: scanner.examined, matcherRuns: scanner.matcherRuns, matched: summary.matched, nearRuns: scanner.nearRuns, near: nearSummary.matched, anchors: scanner.anchors, maxRssKb: usage.maxRSS };
    io.stderr.write(`stats ${JSON.stringify(stats)}\n`);
  }
  return 0;
}
