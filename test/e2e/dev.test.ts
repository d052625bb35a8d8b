// `npm run dev` on a temporary copy of the sample docs and runbooks, served
// under a base path, with pages open in headless Chromium: an edited cause
// shows on the open page; a dangling :ref: shows in the overlay with its
// place, and the overlay goes when it is fixed; a runbook that names one more
// code shows on that code's page. Then the served pages are compared with
// what `npm run build` makes of the same inputs, nothing has been written
// into the docs, and Ctrl-C removes the temporary folder and frees the port.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserMissing, launchBrowser } from '../support/browser.js';
import { type DevProcess, startDev } from '../support/dev-process.js';
import { corpusDocs, corpusMissing, root, skipping } from '../support/sites.js';

const skip = skipping('npm run dev in Chromium', browserMissing());
const base = '/ref/';

/** The site's files that are not the search index (Pagefind's output differs from run to run). */
const siteFiles = async (dir: string) => (await readdir(dir, { recursive: true })).map(String).filter((f) => /\.(html|json|xml)$/.test(f) && !/^(pagefind|search)\//.test(f)).sort();

/** Files of `built` that `served` lacks or holds with other bytes, and files only `served` has. */
async function differences(built: string, served: string): Promise<string[]> {
  const files = await siteFiles(built);
  const out: string[] = [];
  for (const f of files) if ((await readFile(path.join(built, f), 'utf8')) !== (await readFile(path.join(served, f), 'utf8').catch(() => 'missing'))) out.push(f);
  for (const f of await siteFiles(served)) if (!files.includes(f)) out.push(`only served: ${f}`);
  return out;
}

function build(args: string[]): void {
  execFileSync(process.execPath, [path.join(root, 'scripts/launch.mjs'), 'build', '--quiet', ...args], { cwd: root });
}

describe.skipIf(skip)('npm run dev', () => {
  let tmp: string;
  let docs: string;
  let runbooks: string;
  let dev: DevProcess;
  let browser: Browser;
  let docsBefore: string[];

  const listing = async (dir: string) => (await readdir(dir, { recursive: true })).map(String).sort();
  const reference = () => path.join(docs, 'error-reference.rst');
  async function edit(file: string, from: string, to: string): Promise<void> {
    const text = await readFile(file, 'utf8');
    expect(text, `${path.basename(file)} holds "${from}"`).toContain(from);
    await writeFile(file, text.replace(from, to));
  }
  async function open(pagePath: string): Promise<Page> {
    const page = await browser.newPage();
    const response = await page.goto(`${dev.url}${pagePath}`);
    expect(response?.status()).toBe(200);
    return page;
  }

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'dev-test-'));
    docs = path.join(tmp, 'docs');
    runbooks = path.join(tmp, 'runbooks');
    await cp(path.join(root, 'content'), docs, { recursive: true, filter: (src) => !src.includes(`${path.sep}runbooks`) && !src.endsWith('site.json') });
    await cp(path.join(root, 'content/runbooks'), runbooks, { recursive: true });
    docsBefore = await listing(docs);
    dev = await startDev(['--docs', docs, '--runbooks', runbooks, '--base-path', base, '--port', '0']);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await dev?.stop();
    await rm(tmp, { recursive: true, force: true });
  });

  test('serves the site under the base path on 127.0.0.1', async () => {
    expect(dev.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ref\/$/);
    const page = await open('errors/WSGI0030/');
    expect(await page.locator('h1').innerText()).toMatch(/^WSGI0030/);
    // The dev client is added as the page is served, not written into it.
    expect(await page.locator('script[src="/ref/__dev/client.js"]').count()).toBe(1);
    expect(await readFile(path.join(dev.site, 'errors/WSGI0030/index.html'), 'utf8')).not.toContain('__dev');
    await page.close();
  });

  test('an edited cause shows on the open page', async () => {
    const page = await open('errors/WSGI0030/');
    await edit(reference(), 'could not make one. Typical reasons:', 'could not make one. Reasons seen in the field:');
    await expect.poll(() => page.locator('#cause').innerText(), { timeout: 10_000 }).toContain('Reasons seen in the field:');
    await page.close();
  });

  test('a dangling :ref: shows in the overlay with its place; fixing it removes the overlay', async () => {
    const page = await open('errors/WSGI0030/');
    const text = await readFile(reference(), 'utf8');
    const at = text.split('\n').findIndex((l) => l.includes('Reasons seen in the field:'));
    await edit(reference(), 'Reasons seen in the field:', 'Reasons (:ref:`no-such-label`) seen in the field:');
    const overlay = page.locator('#wsgi-dev-overlay');
    await overlay.waitFor({ timeout: 10_000 });
    const shown = await overlay.innerText();
    const column = (text.split('\n')[at] as string).indexOf('Reasons') + 'Reasons ('.length + 1;
    expect(shown).toContain(`${reference()}:${at + 1}:${column}`);
    expect(shown).toContain('dangling-ref');
    expect(shown).toContain('Reasons (:ref:`no-such-label`) seen in the field:');
    // The last good page stays.
    expect(await page.locator('#cause').innerText()).toContain('Reasons seen in the field:');
    await edit(reference(), 'Reasons (:ref:`no-such-label`) seen in the field:', 'Reasons seen in the field:');
    await overlay.waitFor({ state: 'detached', timeout: 10_000 });
    await page.close();
  });

  test("a runbook that names one more code shows in that code page's Runbooks list", async () => {
    const page = await open('errors/WSGI0007/');
    const link = page.locator(`#runbooks a[href="${base}runbooks/accept-lock-semaphores/"]`);
    expect(await link.count()).toBe(0);
    await edit(path.join(runbooks, 'accept-lock-semaphores.md'), '- WSGI0017: a running daemon', '- WSGI0007: the daemon could not switch user.\n- WSGI0017: a running daemon');
    await link.waitFor({ timeout: 10_000 });
    await page.close();
  });

  test('serves the pages npm run build makes of the same inputs', async () => {
    // Once saves pause the listings and errors.json are checked whole and the search index made.
    const from = dev.lines.length;
    await writeFile(path.join(runbooks, 'extra.md'), '---\ntitle: Extra\nsummary: One more runbook.\n---\n\nSee WSGI0030.\n');
    await dev.waitFor(/search index: /, from, 30_000);
    const out = path.join(tmp, 'built');
    build(['--docs', docs, '--runbooks', runbooks, '--base-path', base, '--out', out]);
    expect((await siteFiles(out)).filter((f) => f.startsWith('errors/WSGI')).length).toBeGreaterThan(10);
    expect(await differences(out, dev.site)).toEqual([]);
    // And the search works: the runbook added is in Pagefind's index.
    expect(existsSync(path.join(dev.site, 'pagefind/pagefind-entry.json'))).toBe(true);
  });

  test('writes nothing into the docs folder', async () => {
    expect(await listing(docs)).toEqual(docsBefore);
  });

  test('Ctrl-C stops it: the temporary folder is removed and the port freed', async () => {
    const port = Number(new URL(dev.url).port);
    const work = path.dirname(dev.site);
    expect(existsSync(work)).toBe(true);
    const code = await dev.stop('SIGINT');
    expect([0, 130]).toContain(code);
    expect(existsSync(work)).toBe(false);
    await new Promise<void>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', reject);
      probe.listen({ port, host: '127.0.0.1' }, () => probe.close(() => resolve()));
    });
  });
});

describe.skipIf(skipping('npm run dev on the real corpus', corpusMissing()))('npm run dev on the real corpus', () => {
  test('after edits of a cause, a title and a runbook, serves the pages npm run build makes', async () => {
    const tmp = await mkdtemp(path.join(tmpdir(), 'dev-corpus-'));
    const docs = path.join(tmp, 'docs');
    const runbooks = path.join(tmp, 'runbooks');
    await cp(corpusDocs, docs, { recursive: true });
    await cp(path.join(root, 'content/runbooks'), runbooks, { recursive: true });
    const dev = await startDev(['--docs', docs, '--runbooks', runbooks, '--port', '0']);
    try {
      const reference = path.join(docs, 'error-reference.rst');
      const edits: [string, string, string][] = [
        [reference, 'accept mutex used by daemon groups with more than one process.', 'accept mutex that daemon groups of several processes use.'],
        [reference, 'WSGI0008 — Daemon process left in unspecified state after setuid failure\n', 'WSGI0008 — Daemon process in an unknown state after setuid failed\n'],
        [path.join(runbooks, 'daemon-socket-503.md'), 'WSGI0117', 'WSGI0117 (and WSGI0008)']
      ];
      for (const [file, from, to] of edits) {
        const text = await readFile(file, 'utf8');
        expect(text).toContain(from);
        const at = dev.lines.length;
        await writeFile(file, text.replace(from, to));
        await dev.waitFor(/ changed: \d+ files? written/, at, 30_000);
      }
      await dev.waitFor(/search index: /, dev.lines.length, 30_000);
      const out = path.join(tmp, 'built');
      build(['--docs', docs, '--runbooks', runbooks, '--out', out]);
      expect(await differences(out, dev.site)).toEqual([]);
    } finally {
      await dev.stop();
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
