// A synthetic docs folder in the upstream layout, of any size, for benchmarks
// and scale tests: error-reference.rst with N codes, configuration.rst, and
// directive pages in proportion (47 per 210 codes, as upstream). Seeded, so the
// same options always give byte-identical files.
//
//   tsx scripts/synth/generate-corpus.ts --codes 2000 --out /tmp/corpus-2k [--seed 1]
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { configurationPage, directivePage, planDirectives } from './directive-pages.js';
import { errorReference, planCodes } from './error-reference.js';
import { seeded } from './random.js';

export interface CorpusOptions {
  codes: number;
  seed?: number;
  /** Defaults to 47 per 210 codes, at least 3. */
  directives?: number;
}

export interface CorpusFile {
  /** Relative, `/`-separated: `configuration-directives/WSGIQueueLimit.rst`. */
  path: string;
  value: string;
}

export interface Corpus {
  files: CorpusFile[];
  codes: number;
  retired: number;
  directives: number;
}

export function directivesFor(codes: number): number {
  return Math.max(3, Math.round((codes * 47) / 210));
}

export function generateCorpus(options: CorpusOptions): Corpus {
  const rng = seeded(options.seed ?? 1);
  const codes = planCodes(options.codes, rng);
  const { directives, groups } = planDirectives(options.directives ?? directivesFor(options.codes), rng);
  const active = codes.filter((c) => !c.retired).map((c) => c.code);
  const files: CorpusFile[] = [
    { path: 'error-reference.rst', value: errorReference({ codes, active, directives }, rng) },
    { path: 'configuration.rst', value: configurationPage(directives, groups) },
    ...directives.map((d) => ({ path: `configuration-directives/${d.name}.rst`, value: directivePage(d, { codes: active, directives }, rng) }))
  ];
  return { files, codes: codes.length, retired: codes.length - active.length, directives: directives.length };
}

/** Marks a folder as generated, so a later run may replace it. */
const marker = '.synthetic-corpus';

/**
 * Write a corpus into `dir`, replacing what a previous run left there. A
 * folder that holds anything else is refused rather than wiped: a mistyped
 * --out must never delete real docs.
 */
export async function writeCorpus(dir: string, options: CorpusOptions): Promise<Corpus> {
  const corpus = generateCorpus(options);
  const existing = await readdir(dir).catch(() => null);
  if (existing && existing.length > 0 && !existing.includes(marker)) throw new Error(`${dir} exists and was not made by this generator; give an empty or new folder`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'configuration-directives'), { recursive: true });
  await writeFile(path.join(dir, marker), `codes=${options.codes} seed=${options.seed ?? 1}\n`);
  await Promise.all(corpus.files.map((f) => writeFile(path.join(dir, f.path), f.value)));
  return corpus;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      codes: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      directives: { type: 'string' }
    }
  });
  const codes = Number(values.codes);
  if (!values.out || !Number.isInteger(codes) || codes < 1 || codes > 10000) {
    process.stderr.write('usage: tsx scripts/synth/generate-corpus.ts --codes N (1..10000) --out DIR [--seed S] [--directives D]\n');
    return 2;
  }
  let corpus: Corpus;
  try {
    corpus = await writeCorpus(values.out, {
      codes,
      seed: Number(values.seed),
      ...(values.directives !== undefined ? { directives: Number(values.directives) } : {})
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  process.stdout.write(`Wrote ${corpus.codes} codes (${corpus.retired} retired) and ${corpus.directives} directive pages into ${values.out}\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = await main();
