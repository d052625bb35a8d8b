// Where the shared built sites live. test/global-setup.ts builds them once per
// test run; tests read them and must not write into them.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const corpusDocs = path.resolve(root, '../shared/corpus/mod_wsgi/docs');
export const testOutput = path.join(root, 'test-output');

/** The sample in content/, base path `/`. */
export const sampleSite = path.join(testOutput, 'sites/sample');
/** The real corpus, base path `/`. */
export const corpusSite = path.join(testOutput, 'sites/corpus');
/** The real corpus served under `/mod_wsgi/`. */
export const corpusBaseSite = path.join(testOutput, 'sites/corpus-base');
export const corpusBasePath = '/mod_wsgi/';

export function corpusMissing(): string | null {
  return existsSync(path.join(corpusDocs, 'error-reference.rst')) ? null : `no corpus at ${corpusDocs}`;
}

/** Skip reasons are printed, not hidden. */
export function skipping(what: string, reason: string | null): boolean {
  if (reason) process.stdout.write(`skipping ${what}: ${reason}\n`);
  return reason !== null;
}
