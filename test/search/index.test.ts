// The index stage's output in the built corpus site: the matcher JSON and its
// gzipped bundle, and a Pagefind index holding exactly the code, directive
// and runbook pages (no listings, aliases or redirects), as Pagefind wrote it
// but for a minified runtime and sorted filters, searched with its own runtime.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { SearchEntries } from '../../scripts/search/entries.js';
import { unpackEntries } from '../../scripts/search/entries.js';
import type { SearchBundle } from '../../scripts/search/index-site.js';
import type { MatcherData } from '../../scripts/search/matcher.js';
import { corpusMissing, corpusSite, skipping } from '../support/sites.js';
import { loadRuntime } from './pagefind-runtime.js';

const skip = skipping('search index tests', corpusMissing() ?? (existsSync(path.join(corpusSite, 'index.html')) ? null : `no built site at ${corpusSite}`));
const read = (file: string) => readFileSync(path.join(corpusSite, file));

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html') && !f.startsWith('pagefind'));
}

describe.skipIf(skip)('search files in the built corpus site', () => {
  it('ships the matcher and the entry cards, plain and as one gzipped bundle', () => {
    const matcher = JSON.parse(read('search/matcher.json').toString('utf8')) as MatcherData;
    const entries = JSON.parse(read('search/entries.json').toString('utf8')) as SearchEntries;
    const bundle = JSON.parse(gunzipSync(read('search/data.json.gz')).toString('utf8')) as SearchBundle;
    expect(bundle).toEqual({ matcher, entries, pagefind: bundle.pagefind });
    expect(matcher.codes).toHaveLength(210);
    const cards = unpackEntries(entries);
    expect(cards.map((c) => c.code)).toEqual(matcher.codes);
    expect(cards.find((c) => c.code === 'WSGI0117')).toMatchObject({ severity: 'ERR', retired: false, path: 'errors/WSGI0117/' });
    expect(cards.find((c) => c.code === 'WSGI0037')).toMatchObject({ retired: true });
    expect(read('search/data.json.gz').length).toBeLessThan(16_000);
  });

  it("names Pagefind's first files for this build: its entry under the meta cache tag, its meta and WebAssembly files", () => {
    const { pagefind } = JSON.parse(gunzipSync(read('search/data.json.gz')).toString('utf8')) as SearchBundle;
    const entry = JSON.parse(read('pagefind/pagefind-entry.json').toString('utf8')) as { languages: Record<string, { hash: string; wasm: string }> };
    const en = entry.languages['en'] as { hash: string; wasm: string };
    expect(pagefind).toEqual({ metaCacheTag: en.hash, preload: [`pagefind-entry.json?ts=${en.hash}`, `pagefind.${en.hash}.pf_meta`, `wasm.${en.wasm}.pagefind`] });
    for (const file of pagefind.preload) expect(existsSync(path.join(corpusSite, 'pagefind', file.replace(/\?.*$/, ''))), file).toBe(true);
  });

  it('indexes every code, directive and runbook page and nothing else', () => {
    const entry = JSON.parse(read('pagefind/pagefind-entry.json').toString('utf8')) as { languages: Record<string, { page_count: number }> };
    const indexed = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
    const files = htmlFiles(corpusSite);
    const opted = files.filter((f) => /data-pagefind-body/.test(read(f).toString('utf8')));
    expect(indexed).toBe(opted.length);
    const kinds = { error: 0, directive: 0, runbook: 0 };
    for (const f of opted) {
      const html = read(f).toString('utf8');
      const kind = /data-pagefind-filter="kind:(error|directive|runbook)"/.exec(html)?.[1] as keyof typeof kinds | undefined;
      expect(kind, f).toBeDefined();
      kinds[kind as keyof typeof kinds]++;
      expect(html, f).not.toContain('http-equiv="refresh"');
    }
    expect(kinds.error).toBe(210);
    expect(kinds.directive).toBe(47);
    expect(kinds.runbook).toBe(readdirSync(path.join(corpusSite, 'runbooks'), { withFileTypes: true }).filter((d) => d.isDirectory()).length);
    // Listings, lowercase aliases and old Sphinx URLs stay out.
    for (const f of ['index.html', 'errors/index.html', 'directives/index.html', 'errors/wsgi0117/index.html', 'error-reference.html', 'configuration-directives/WSGIDaemonProcess.html']) {
      expect(read(f).toString('utf8'), f).not.toContain('data-pagefind-body');
    }
  });

  it('Pagefind filter files list their values in sorted order (so builds are byte-identical)', () => {
    const dir = path.join(corpusSite, 'pagefind/filter');
    const files = readdirSync(dir);
    expect(files.length).toBe(4);
    for (const f of files) {
      const raw = gunzipSync(readFileSync(path.join(dir, f))).toString('latin1');
      expect(raw.startsWith('pagefind_dcd')).toBe(true);
      // Values are CBOR text items: pull the readable ones out in file order.
      const values = [...raw.matchAll(/\x82[\x60-\x77]([A-Za-z_/.]+?)(?=[\x80-\x9f])/g)].map((m) => m[1] as string).slice(1);
      expect(values.length, f).toBeGreaterThan(1);
      expect(values, f).toEqual([...values].sort());
    }
  });

  it('every indexed code page carries its filters and metadata', () => {
    for (const code of ['WSGI0117', 'WSGI0037']) {
      const html = read(`errors/${code}/index.html`).toString('utf8');
      expect(html).toContain(`data-pagefind-meta="code:${code}"`);
      expect(html).toContain('data-pagefind-meta="title"');
      expect(html).toContain(`data-pagefind-filter="status:${code === 'WSGI0037' ? 'retired' : 'active'}"`);
    }
    expect(read('errors/WSGI0117/index.html').toString('utf8')).toContain('data-pagefind-filter="severity:ERR"');
    expect(read('errors/WSGI0117/index.html').toString('utf8')).toContain('data-pagefind-filter="source:src/server/');
  });

  it("ships Pagefind's runtime as it wrote it, only minified: its version, no code of ours", () => {
    const runtime = read('pagefind/pagefind.js').toString('utf8');
    const entry = JSON.parse(read('pagefind/pagefind-entry.json').toString('utf8')) as { version: string };
    expect(runtime).toContain(`"${entry.version}"`);
    expect(runtime).not.toMatch(/PAGEFIND_EARLY|DecompressionStream/);
    expect(runtime.length).toBeLessThan(36_000);
  });

  it('cuts the word index into chunks of a few kilobytes (PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE), so a word costs a few kilobytes to look up', () => {
    const dir = path.join(corpusSite, 'pagefind', 'index');
    const sizes = readdirSync(dir).map((f) => readFileSync(path.join(dir, f)).length);
    expect(sizes.length).toBeGreaterThan(20);
    expect(Math.max(...sizes)).toBeLessThan(10_000);
  });

  it("is searched by Pagefind's own runtime: words, prefixes and filters", async () => {
    const runtime = await loadRuntime(path.join(corpusSite, 'pagefind'));
    const urls = async (term: string, filters?: Record<string, unknown>) => Promise.all((await runtime.search(term, { filters })).results.map(async (r) => (await r.data()).url));
    expect(await urls('missing magic token')).toContain('/errors/WSGI0033/');
    expect(await urls('WSGIDaemonProc')).toContain('/directives/WSGIDaemonProcess/');
    const directives = await urls('daemon', { kind: 'directive' });
    expect(directives.length).toBeGreaterThan(0);
    for (const url of directives) expect(url).toMatch(/^\/directives\//);
    expect((await runtime.filters())['status']).toEqual({ active: 202, retired: 8 });
  });
});
