// parse + extract + link of the real corpus: the reader and model stage alone.
// The files are read once, so only buildModel is timed (no disk, no JSON).
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildModel } from '../model/build-model.js';
import { readDocs } from '../model/read-docs.js';
import { corpusDocs, corpusMissing } from '../../test/support/sites.js';
import { type BenchSection, median, ms, report } from './stats.js';

const targetMs = 30;
const warmup = 15;
const runs = 40;

const section: BenchSection = {
  name: 'model',
  title: 'RST reader + model: parse, extract and link the real corpus',
  async run() {
    const missing = corpusMissing();
    if (missing) {
      process.stdout.write(`  skipped: ${missing}\n`);
      return;
    }
    const folder = await readDocs(corpusDocs);
    const bytes = folder.inputs.reduce((sum, input) => sum + Buffer.byteLength(input.value, 'utf8'), 0);
    const directives = folder.inputs.filter((i) => i.path.startsWith('configuration-directives/')).length;
    const options = { allDocs: folder.allDocs };

    // One checked run first: timing a model that silently lost entries means nothing.
    const { model } = buildModel(folder.inputs, options);
    const fatal = model.diagnostics.filter((d) => d.fatal).length;

    for (let k = 0; k < warmup; k++) buildModel(folder.inputs, options);
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let k = 0; k < runs; k++) {
      const start = performance.now();
      const used = process.cpuUsage();
      buildModel(folder.inputs, options);
      const spent = process.cpuUsage(used);
      wall.push(performance.now() - start);
      cpu.push((spent.user + spent.system) / 1000);
    }
    const mid = median(wall);
    const min = Math.min(...wall);
    const mb = bytes / 1e6;

    report('input', `${(bytes / 1024).toFixed(1)} KB`, `${folder.inputs.length} files (error-reference.rst, configuration.rst, ${directives} directive pages)`);
    report('model', `${model.errors.length} errors`, `${model.directives.length} directives, ${fatal} fatal diagnostics`);
    report(`median of ${runs} runs (after ${warmup} warm-up)`, ms(mid), `target < ${targetMs} ms: ${mid < targetMs ? 'met' : 'MISSED'}`);
    report('min', ms(min));
    report('throughput (median)', `${(mb / (mid / 1000)).toFixed(1)} MB/s`, `best ${(mb / (min / 1000)).toFixed(1)} MB/s`);
    // Wall time on a shared machine includes waiting for a core; process CPU time does not (it does count GC threads).
    report('process CPU time per run (median)', ms(median(cpu)), `load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`);
  }
};

export default section;
