// Pagefind 1.5.2 writes filter values in a different order on every run, and
// scripts/search/filter-order.ts sorts them so that two builds are identical.
// Checked on Pagefind's own output for records made here, and read back with
// Pagefind's own runtime.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sortFilters } from '../../scripts/search/filter-order.js';
import { loadRuntime } from './pagefind-runtime.js';

/** 26 values of `letter`, and 2 of `half`, over 52 pages. */
const records = Array.from({ length: 52 }, (_, k) => ({
  url: `/page-${k}/`,
  content: `Page number ${k} about the letter ${String.fromCharCode(97 + (k % 26))} and daemon sockets.`,
  language: 'en',
  filters: { letter: [`v${String(k % 26).padStart(2, '0')}`], half: [k < 26 ? 'first' : 'second'] }
}));

let work: string;

/** Pagefind's output for `records`, untouched, in a new folder. */
async function pagefindOutput(name: string): Promise<string> {
  const out = path.join(work, name);
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(errors.join('; '));
  for (const record of records) await index.addCustomRecord(record);
  await index.writeFiles({ outputPath: out });
  return out;
}

/** The `letter` values of a bundle's filter files, in file order. */
async function letterValues(bundle: string): Promise<string[]> {
  const dir = path.join(bundle, 'filter');
  for (const file of await readdir(dir)) {
    const values = gunzipSync(await readFile(path.join(dir, file))).toString('latin1').match(/v\d\d/g);
    if (values) return values;
  }
  throw new Error(`no letter filter in ${dir}`);
}

async function files(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.set(path.relative(dir, path.join(entry.parentPath, entry.name)), await readFile(path.join(entry.parentPath, entry.name)));
  }
  return out;
}

describe('the order of Pagefind filter values', () => {
  let first: string;
  let second: string;

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'wsgi-filter-order-'));
    first = await pagefindOutput('first');
    second = await pagefindOutput('second');
    await pagefind.close();
  });

  afterAll(async () => {
    await pagefind.close();
    await rm(work, { recursive: true, force: true });
  });

  it('is random in what the installed Pagefind writes (once this fails, Pagefind sorts them itself: delete scripts/search/filter-order.ts, its call in index-site.ts and this file)', async () => {
    const values = await letterValues(first);
    expect(values).toHaveLength(26);
    expect(values).not.toEqual([...values].sort());
  });

  it('is sorted after sortFilters, the same for two runs of Pagefind, and read alike by its runtime', async () => {
    const before = await (await loadRuntime(first)).filters();
    await sortFilters(first);
    await sortFilters(second);
    const values = await letterValues(first);
    expect(values).toEqual([...values].sort());
    expect(await files(first)).toEqual(await files(second));

    const runtime = await loadRuntime(first);
    expect(await runtime.filters()).toEqual(before);
    const found = await runtime.search('daemon', { filters: { letter: 'v03', half: 'second' } });
    const urls = await Promise.all(found.results.map(async (r) => (await r.data()).url));
    expect(urls).toEqual(['/page-29/']);
  });
});
