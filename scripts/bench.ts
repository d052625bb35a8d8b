// npm run bench [-- --only model,build,...]
// Runs every section in scripts/bench/*.bench.ts (or the ones named) one after
// another, so sections never compete for the machine's two cores.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { BenchSection } from './bench/stats.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bench');

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { only: { type: 'string' } } });
  const only = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : null;
  const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts')).sort();
  const sections: BenchSection[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { default: BenchSection };
    sections.push(mod.default);
  }
  const chosen = sections.filter((s) => !only || only.has(s.name));
  if (chosen.length === 0) {
    process.stderr.write(`no benchmark section matches; sections: ${sections.map((s) => s.name).join(', ')}\n`);
    return 1;
  }
  process.stdout.write(`node ${process.version}, ${process.platform}/${process.arch}\n`);
  for (const s of chosen) {
    process.stdout.write(`\n## ${s.title} (${s.name})\n`);
    await s.run();
  }
  return 0;
}

process.exitCode = await main();
