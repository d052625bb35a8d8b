// The triage page (/triage/) on the built sample in headless Chromium on a
// loopback server: a pasted excerpt of an Apache error log made from the
// sample's messages becomes a table by code with counts, first and last
// times, and the lines nothing matched (markup in a line shown as text); a
// chosen file, a gzip-compressed one and a dropped one give the same; many
// lines pasted into the search box are carried to the page; axe-core finds
// nothing serious in the summary; and no request leaves the machine.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { MatcherData } from '../../scripts/search/matcher.js';
import { apachePrefix, fillTemplate } from '../search/fill.js';
import { browserMissing, launchBrowser } from '../support/browser.js';
import { sampleSite, skipping } from '../support/sites.js';
import { type StaticServer, serveStatic } from '../support/static-server.js';

const skip = skipping('browser tests of the triage page', browserMissing());
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const at = (time: string, level = 'error') => `[${time}] [wsgi:${level}] [pid 4242:tid 140213] [client 203.0.113.9:51234] `;
const payload = `[Sat Nov 21 19:56:00.000000 2026] [proxy:error] [pid 4244] [client 203.0.113.9:1] AH01114: <img src=x onerror="alert(1)"><script>alert('x')</script> & more`;

describe.skipIf(skip)('triage page in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let data: MatcherData;
  const requested: string[] = [];
  const dialogs: string[] = [];
  const contexts: BrowserContext[] = [];

  const message = (code: string) => {
    const t = data.templates.find((x) => x.codes.includes(code));
    if (!t) throw new Error(`no template for ${code}`);
    return fillTemplate(t.segments, data.forms);
  };

  const older = "[Sat Nov 21 20:00:02 2026] [error] mod_wsgi (pid=4242): Couldn't create accept lock '/var/run/wsgi.4242.0.1.lock' (5).";

  /** The excerpt: 13 lines, two of them blank, the last in an older release's wording. */
  const excerpt = () =>
    [
      `${at('Sat Nov 21 19:54:23.643276 2026', 'crit')}WSGI0030: ${message('WSGI0030')}`,
      `[Sat Nov 21 19:54:24.000001 2026] [core:error] [pid 4243] [client 203.0.113.9:51234] AH00128: File does not exist: /var/www/html/favicon.ico`,
      '',
      `${at('Sat Nov 21 19:55:00.100000 2026')}${message('WSGI0117')}`,
      `${apachePrefix('alert')}${message('WSGI0008')}`,
      payload,
      `${at('Sat Nov 21 19:57:10.250000 2026', 'crit')}WSGI0030: ${message('WSGI0030')}`,
      '',
      `${at('Sat Nov 21 19:58:00 2026')}WSGI0999: a code from a newer release`,
      `${at('Sat Nov 21 19:59:59.999999 2026')}${message('WSGI0117')}`,
      `[Sat Nov 21 20:00:00.000000 2026] [mpm_event:notice] [pid 1] AH00489: Apache/2.4.62 (Debian) mod_wsgi/6.0 configured -- resuming normal operations`,
      `${at('Sat Nov 21 20:00:01.000000 2026')}WSGI0030: ${message('WSGI0030')}`,
      older
    ].join('\n');

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await serveStatic(sampleSite, '/');
    data = JSON.parse(readFileSync(path.join(sampleSite, 'search/matcher.json'), 'utf8')) as MatcherData;
  });

  // Each test's own requests (the worker's included), checked as it ends: nothing is asked of any other host.
  afterEach(() => {
    const away = requested.splice(0).filter((u) => !u.startsWith(server.origin));
    expect(away, 'requests to another host').toEqual([]);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  async function open(url: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    contexts.push(context);
    // Worker requests included.
    context.on('request', (r) => requested.push(r.url()));
    const page = await context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(url);
    return page;
  }

  /** Wait for a summary painted after `before` (a previous one's paint time, or 0). */
  async function summary(page: Page, before = 0): Promise<void> {
    await page.waitForFunction((b) => Number(document.querySelector<HTMLElement>('#triage-results')?.dataset['painted'] ?? 0) > b, before, { timeout: 15_000 });
  }

  const painted = (page: Page) => page.$eval('#triage-results', (s) => Number((s as HTMLElement).dataset['painted'] ?? 0));

  /** The table by code: codes, severity, count, first and last seen, runbook links. */
  function rows(page: Page, table = '#triage-by-code') {
    return page.$$eval(`${table} tbody tr`, (trs) =>
      trs.map((tr) => {
        const cells = Array.from(tr.children, (c) => (c as HTMLElement).innerText.replace(/\s+/g, ' ').trim());
        return {
          codes: (tr as HTMLElement).dataset['codes'],
          links: Array.from(tr.querySelectorAll('th a'), (a) => a.getAttribute('href')),
          severity: cells[1],
          count: cells[3],
          first: cells[4],
          last: cells[5],
          runbooks: Array.from(tr.querySelectorAll('.triage-runbooks a'), (a) => a.getAttribute('href'))
        };
      })
    );
  }

  async function checkExcerpt(page: Page): Promise<void> {
    const found = await rows(page);
    expect(found.map((r) => [r.codes, r.count])).toEqual([
      ['WSGI0008 WSGI0025', '1'],
      ['WSGI0030', '3'],
      ['WSGI0117', '2'],
      ['WSGI0999', '1']
    ]);
    const crit = found.find((r) => r.codes === 'WSGI0030');
    expect(crit).toMatchObject({
      links: ['/errors/WSGI0030/'],
      severity: 'CRIT',
      first: 'Sat Nov 21 19:54:23.643276 2026 line 1',
      last: 'Sat Nov 21 20:00:01.000000 2026 line 12',
      runbooks: ['/runbooks/accept-lock-semaphores/', '/runbooks/daemon-socket-503/']
    });
    expect(found.find((r) => r.codes === 'WSGI0117')).toMatchObject({ first: 'Sat Nov 21 19:55:00.100000 2026 line 4', last: 'Sat Nov 21 19:59:59.999999 2026 line 10' });
    expect(found.find((r) => r.codes === 'WSGI0008 WSGI0025')?.links).toEqual(['/errors/WSGI0008/', '/errors/WSGI0025/']);
    expect(found.find((r) => r.codes === 'WSGI0999')).toMatchObject({ links: [], severity: 'Unknown', runbooks: [] });

    // The lines nothing matched, markup and all, as text.
    const unmatched = await page.$$eval('#triage-unmatched .triage-line', (items) => items.map((i) => [(i as HTMLElement).dataset['line'], i.querySelector('code')?.textContent]));
    expect(unmatched.map(([line]) => line)).toEqual(['2', '6', '11']);
    expect(unmatched[1]?.[1]).toBe(payload);
    await expect(page.locator('#triage-results img, #triage-results script').count()).resolves.toBe(0);
    // The older release's line: a near match, with its first line shown.
    expect((await rows(page, '#triage-near')).map((r) => [r.codes, r.count, r.first, r.runbooks])).toEqual([['WSGI0030', '1', 'Sat Nov 21 20:00:02 2026 line 13', ['/runbooks/accept-lock-semaphores/', '/runbooks/daemon-socket-503/']]]);
    await expect(page.locator('#triage-near .triage-example code').innerText()).resolves.toBe(older);
    await expect(page.locator('#triage-status').innerText()).resolves.toBe('Summarised 11 lines: 7 matched 5 codes, 1 near match, 3 lines matched nothing.');
    expect(dialogs).toEqual([]);
  }

  test('a pasted excerpt becomes a table by code, with the lines nothing matched; the worker reads only the search data', async () => {
    const asked = server.requests.length;
    const page = await open(`${server.url}triage/`, { permissions: ['clipboard-read', 'clipboard-write'] });
    await expect(page.locator('#triage-status').getAttribute('role')).resolves.toBe('status');
    // A real paste, from the clipboard: it is summarised at once.
    await page.evaluate((text) => navigator.clipboard.writeText(text), excerpt());
    await page.locator('#triage-input').focus();
    await page.keyboard.press('ControlOrMeta+V');
    await summary(page);
    await checkExcerpt(page);
    // Text typed in the box waits for the button.
    const before = await painted(page);
    await page.locator('#triage-input').fill(`${excerpt()}\n${at('Sat Nov 21 21:00:00 2026')}WSGI0117: ${message('WSGI0117')}`);
    await page.locator('form[data-triage-form] button[type=submit]').click();
    await summary(page, before);
    expect((await rows(page)).find((r) => r.codes === 'WSGI0117')).toMatchObject({ count: '3', last: 'Sat Nov 21 21:00:00 2026 line 14' });
    const served = server.requests.slice(asked);
    expect(served).toContain('/triage-worker.js');
    expect(served).toContain('/search/data.json.gz');
  });

  test('a large paste is summarised first, then put in the box', async () => {
    const page = await open(`${server.url}triage/`, { permissions: ['clipboard-read', 'clipboard-write'] });
    const big = Array.from({ length: 80 }, excerpt).join('\n');
    expect(big.length).toBeGreaterThan(100_000);
    await page.evaluate((text) => navigator.clipboard.writeText(text), big);
    await page.locator('#triage-input').focus();
    await page.keyboard.press('ControlOrMeta+V');
    await summary(page);
    expect((await rows(page)).map((r) => [r.codes, r.count])).toEqual([
      ['WSGI0008 WSGI0025', '80'],
      ['WSGI0030', '240'],
      ['WSGI0117', '160'],
      ['WSGI0999', '80']
    ]);
    await expect(page.locator('#triage-status').innerText()).resolves.toBe('Summarised 880 lines: 560 matched 5 codes, 80 near matches, 240 lines matched nothing.');
    await page.waitForFunction((n) => document.querySelector<HTMLTextAreaElement>('#triage-input')?.value.length === n, big.length);
  });

  test('a chosen file, a gzip-compressed one and a dropped one give the same summary', async () => {
    const page = await open(`${server.url}triage/`);
    await page.locator('#triage-file').setInputFiles({ name: 'error_log', mimeType: 'text/plain', buffer: Buffer.from(excerpt().replace(/\n/g, '\r\n')) });
    await summary(page);
    await checkExcerpt(page);

    let before = await painted(page);
    await page.locator('#triage-file').setInputFiles({ name: 'error_log.1.gz', mimeType: 'application/gzip', buffer: gzipSync(excerpt()) });
    await summary(page, before);
    await checkExcerpt(page);

    before = await painted(page);
    await page.locator('[data-triage-clear]').click();
    await expect(page.locator('#triage-results').isHidden()).resolves.toBe(true);
    const transfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'error_log', { type: 'text/plain' }));
      return dt;
    }, excerpt());
    await page.locator('[data-triage-drop]').dispatchEvent('dragover', { dataTransfer: transfer });
    await expect(page.locator('[data-triage-drop].dragging').count()).resolves.toBe(1);
    await page.locator('[data-triage-drop]').dispatchEvent('drop', { dataTransfer: transfer });
    await summary(page, before);
    await checkExcerpt(page);
    // The page is still the triage page: the browser did not open the dropped file.
    expect(page.url()).toBe(`${server.url}triage/`);

    // Binary data is refused with a reason.
    before = await painted(page);
    await page.locator('#triage-file').setInputFiles({ name: 'core', mimeType: 'application/octet-stream', buffer: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]) });
    await page.waitForFunction(() => document.querySelector<HTMLElement>('#triage-results')?.dataset['state'] === 'error');
    await expect(page.locator('#triage-status').innerText()).resolves.toMatch(/binary data/);
  });

  test('many lines pasted into the search box are offered to the triage page, and arrive there', async () => {
    const page = await open(`${server.url}errors/`, { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.evaluate((text) => navigator.clipboard.writeText(text), excerpt());
    await page.locator('#search-input').focus();
    await page.keyboard.press('ControlOrMeta+V');
    const offer = page.locator('.triage-offer a');
    await expect(offer.innerText()).resolves.toBe('Summarise 11 lines on the triage page');
    // Carried in this tab's storage, not in the address.
    await expect(offer.getAttribute('href')).resolves.toBe('/triage/');
    await offer.click();
    await page.waitForURL(`${server.url}triage/`);
    await summary(page);
    await checkExcerpt(page);
    await expect(page.locator('#triage-input').inputValue()).resolves.toBe(excerpt());
    // Taken once: a reload does not bring it back.
    await page.reload();
    await expect(page.locator('#triage-input').inputValue()).resolves.toBe('');
    // Three lines are a search, not a triage.
    await page.goto(`${server.url}errors/`);
    await page.evaluate((text) => navigator.clipboard.writeText(text), excerpt().split('\n').slice(0, 3).join('\n'));
    await page.locator('#search-input').focus();
    await page.keyboard.press('ControlOrMeta+V');
    await page.waitForTimeout(200);
    await expect(page.locator('.triage-offer').count()).resolves.toBe(0);
  });

  test('the home page and every page header link to it', async () => {
    const page = await open(server.url);
    await expect(page.locator('main a[href="/triage/"]').count()).resolves.toBe(1);
    await expect(page.locator('header nav a[href="/triage/"]').count()).resolves.toBe(1);
  });

  test('on a phone, in the dark: nothing wider than the screen, and no serious axe-core finding in the summary', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await open(`${server.url}triage/`, { viewport: { width: 360, height: 740 }, colorScheme, bypassCSP: true });
      await page.locator('#triage-input').fill(excerpt());
      await page.locator('form[data-triage-form] button[type=submit]').click();
      await summary(page);
      const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
      expect(widths.doc, colorScheme).toBeLessThanOrEqual(widths.view);
      await page.addScriptTag({ path: axePath });
      const serious = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
      expect(serious, colorScheme).toEqual([]);
    }
  });
});
