// Builds the sites the built-site and browser tests read, once per run, with
// the command `npm run build` runs (in its own process: Eleventy loads the
// TypeScript templates through tsx, which the test runner does not provide).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { corpusBasePath, corpusBaseSite, corpusDocs, corpusMissing, corpusSite, root, sampleSite } from './support/sites.js';

export function build(args: string[]): void {
  execFileSync(process.execPath, [path.join(root, 'scripts/launch.mjs'), 'build', '--quiet', ...args], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit']
  });
}

let built = false;

export default async function setup(): Promise<void> {
  // The site and e2e projects both name this setup; the sites are built once.
  if (built) return;
  built = true;
  // No clean-up first: each build replaces its folder in one rename, so a
  // test run that is reading a site meanwhile never sees half of one.
  build(['--out', sampleSite]);
  if (corpusMissing() === null) {
    build(['--docs', corpusDocs, '--out', corpusSite]);
    build(['--docs', corpusDocs, '--out', corpusBaseSite, '--base-path', corpusBasePath]);
  }
}
