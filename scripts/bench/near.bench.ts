// npm run bench -- --only near
// Issue 12's figures for lines from releases before 6.0 (no code, older
// wording): the test set in test/search/older-releases.ts through the search
// box's plan on the real corpus, right entry first and right entry in the top
// three (targets 70% and 90%), and what the near matcher costs: its set-up
// from the templates (at page load) and a query.
import os from 'node:os';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { buildModel } from '../model/build-model.js';
import { compileMatcher, createMatcher } from '../search/matcher.js';
import { createNearMatcher } from '../search/near.js';
import { planQuery } from '../search/query.js';
import { olderReleaseLines, percent, scoreOlderLines } from '../../test/search/older-releases.js';
import { corpusDocs, corpusMissing } from '../../test/support/sites.js';
import { type BenchSection, median, ms, report, timeRuns } from './stats.js';

const targets = { first: 0.7, top3: 0.9 };

const section: BenchSection = {
  name: 'near',
  title: 'Near matches: lines from releases before 6.0 against the real corpus',
  async run() {
    const missing = corpusMissing();
    if (missing) {
      process.stdout.write(`  skipped: ${missing}\n`);
      return;
    }
    const value = await readFile(path.join(corpusDocs, 'error-reference.rst'), 'utf8');
    const data = compileMatcher(buildModel([{ path: 'error-reference.rst', value }]).model.errors);
    const matcher = createMatcher(data);
    const near = createNearMatcher(data.templates);

    const f = scoreOlderLines(matcher, near);
    report('test set', `${f.lines} lines`, `4.x/5.0 wording; ${f.exact} answered exactly, by the start or by a part of a message, ${f.lines - f.exact} by near match`);
    report('right entry first', percent(f.first, f.lines), `${f.first}/${f.lines}; target >= ${targets.first * 100}%: ${f.first / f.lines >= targets.first ? 'met' : 'MISSED'}`);
    report('right entry in the top 3', percent(f.top3, f.lines), `${f.top3}/${f.lines}; target >= ${targets.top3 * 100}%: ${f.top3 / f.lines >= targets.top3 ? 'met' : 'MISSED'}`);
    for (const m of f.misses) report('  not first', m.line.codes.join('/'), `got ${m.got.map((g) => g.join('+')).join(', ')}`);

    const setup = await timeRuns(() => createNearMatcher(data.templates), 40, 10);
    report('near matcher set-up (median of 40)', ms(median(setup)), `${data.templates.length} templates, nothing downloaded for it`);
    const lines = olderReleaseLines.map((l) => l.line);
    const rank = await timeRuns(() => lines.forEach((l) => near.rank(l)), 20, 5);
    report('near.rank per line (median)', ms(median(rank) / lines.length));
    const plan = await timeRuns(() => lines.forEach((l) => planQuery(l, matcher, near)), 20, 5);
    report('planQuery per line, all steps (median)', ms(median(plan) / lines.length), `load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`);
  }
};

export default section;
