// The built corpus in headless Chromium on a loopback server: reading a code,
// following a cross-reference, old Sphinx URLs, the base path, the 404 page,
// the copy buttons, no request leaving the machine. (Screenshots for review:
// npm run screenshots.)
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { browserMissing, launchBrowser } from '../support/browser.js';
import { corpusBasePath, corpusBaseSite, corpusMissing, corpusSite, skipping } from '../support/sites.js';
import { type StaticServer, serveStatic } from '../support/static-server.js';

const skip = skipping('browser tests of the site', corpusMissing() ?? browserMissing());

describe.skipIf(skip)('the site in Chromium', () => {
  let browser: Browser;
  let root: StaticServer;
  let based: StaticServer;
  /** Every URL any page asked for, to prove nothing leaves the loopback server. */
  const requested: string[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    root = await serveStatic(corpusSite, '/');
    based = await serveStatic(corpusBaseSite, corpusBasePath);
  });

  // Each test's own requests, checked as it ends: none may leave the loopback servers.
  afterEach(() => {
    const away = requested.splice(0).filter((u) => !u.startsWith(root.origin) && !u.startsWith(based.origin));
    expect(away, 'requests that left the loopback server').toEqual([]);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await root?.close();
    await based?.close();
  });

  async function open(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    contexts.push(context);
    const page = await context.newPage();
    page.on('request', (r) => requested.push(r.url()));
    return page;
  }

  const heading = (page: Page) => page.locator('h1').first().innerText();

  for (const where of [
    { name: 'at /', server: () => root, base: '/' },
    { name: `under ${corpusBasePath}`, server: () => based, base: corpusBasePath }
  ]) {
    describe(where.name, () => {
      test('a code page reads fully and a cross-reference leads to the other code', async () => {
        const page = await open();
        const response = await page.goto(`${where.server().url}errors/WSGI0007/`);
        expect(response?.status()).toBe(200);
        expect(await heading(page)).toMatch(/^WSGI0007: /);
        for (const id of ['message', 'cause', 'outcome', 'action', 'referenced-by']) await expect(page.locator(`#${id}`).count()).resolves.toBe(1);
        const link = page.locator(`article a[href="${where.base}errors/WSGI0008/"]`).first();
        await Promise.all([page.waitForURL(`${where.server().url}errors/WSGI0008/`), link.click()]);
        expect(await heading(page)).toMatch(/^WSGI0008: /);
        const back = page.locator(`#referenced-by a[href="${where.base}errors/WSGI0007/"]`);
        expect(await back.count()).toBe(1);
      });

      test('the pager walks to the neighbouring code', async () => {
        const page = await open();
        await page.goto(`${where.server().url}errors/WSGI0030/`);
        await Promise.all([page.waitForURL(`${where.server().url}errors/WSGI0031/`), page.locator('a[rel="next"]').click()]);
        expect(await heading(page)).toMatch(/^WSGI0031: /);
      });

      test('old Sphinx URLs land on the canonical pages, fragments kept', async () => {
        const page = await open();
        const cases: [string, string][] = [
          ['error-reference.html#wsgi0030', 'errors/WSGI0030/'],
          ['error-reference.html#wsgi0030-unable-to-create-accept-lock-for-daemon-group', 'errors/WSGI0030/'],
          ['error-reference.html#WSGI0037', 'errors/WSGI0037/'],
          ['error-reference.html', 'errors/'],
          ['configuration-directives/WSGISocketPrefix.html', 'directives/WSGISocketPrefix/'],
          ['configuration-directives/WSGIDaemonProcess.html#processes', 'directives/WSGIDaemonProcess/#processes'],
          ['configuration.html', 'directives/'],
          ['errors/wsgi0030/', 'errors/WSGI0030/'],
          ['directives/wsgisocketprefix/', 'directives/WSGISocketPrefix/']
        ];
        for (const [from, to] of cases) {
          await page.goto(where.server().url + from);
          await page.waitForURL(where.server().url + to);
          expect(page.url(), from).toBe(where.server().url + to);
        }
        // The fragment is the option's own anchor, so the option is what the reader sees.
        await page.goto(`${where.server().url}configuration-directives/WSGIDaemonProcess.html#processes`);
        await page.waitForURL(`${where.server().url}directives/WSGIDaemonProcess/#processes`);
        expect(await page.locator('#processes').count()).toBe(1);
        expect(await page.locator('#processes').isVisible()).toBe(true);
        expect(await page.locator('#processes').evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(400);
      });

      test('every link on the home page stays under the base path', async () => {
        const page = await open();
        await page.goto(where.server().url);
        const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
        const internal = hrefs.filter((h) => h.startsWith(where.server().origin));
        expect(internal.length).toBeGreaterThan(5);
        for (const h of internal) expect(new URL(h).pathname.startsWith(where.base), h).toBe(true);
      });
    });
  }

  test('the 404 page tells an unallocated code from a retired one', async () => {
    const page = await open();
    const missing = await page.goto(`${root.url}errors/WSGI0999/`);
    expect(missing?.status()).toBe(404);
    await expect(page.locator('#code-status').innerText()).resolves.toMatch(/WSGI0999 is not allocated/);
    await page.goto(`${root.url}errors/WSGI-37`);
    await expect(page.locator('#code-status').innerText()).resolves.toMatch(/WSGI0037 is retired/);
    await page.locator('#code-status a').click();
    await page.waitForURL(`${root.url}errors/WSGI0037/`);
    await page.goto(`${based.url}errors/wsgi_0030.html`);
    await expect(page.locator('#code-status').innerText()).resolves.toMatch(/WSGI0030 exists/);
    expect(await page.locator('#code-status a').getAttribute('href')).toBe(`${corpusBasePath}errors/WSGI0030/`);
  });

  test('the 404 page survives an address that is not valid percent-encoding', async () => {
    const page = await open();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const response = await page.goto(`${root.url}errors/%ZZ/WSGI0030%E0%A4%A/`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('#code-status').innerText()).resolves.toMatch(/WSGI0030 exists/);
    expect(errors).toEqual([]);
  });

  test('the search box shows its whole placeholder at 320, 375 and 1280 px', async () => {
    for (const width of [320, 375, 1280]) {
      const page = await open({ viewport: { width, height: 800 } });
      await page.goto(`${root.url}errors/WSGI0030/`);
      const fit = await page.evaluate(() => {
        const input = document.querySelector('#search-input') as HTMLInputElement;
        const style = getComputedStyle(input);
        const context = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
        context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return { text: context.measureText(input.placeholder).width, room };
      });
      expect(fit.text, `at ${width} px`).toBeLessThanOrEqual(fit.room);
    }
  });

  test('a code page shows its severity once at the top', async () => {
    const page = await open();
    await page.goto(`${root.url}errors/WSGI0030/`);
    const badges = await page.locator('article .badge').evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.textContent));
    expect(badges).toEqual(['CRIT']);
    await page.goto(`${root.url}errors/WSGI0037/`);
    expect(await page.locator('article .badge').allTextContents()).toEqual(['Retired']);
  });

  test('a retired code says so plainly', async () => {
    const page = await open();
    await page.goto(`${root.url}errors/WSGI0037/`);
    expect(await heading(page)).toMatch(/WSGI0037.*retired/i);
    await expect(page.locator('.retired-notice').innerText()).resolves.toMatch(/no longer logs it/);
  });

  test('copy buttons appear with JavaScript and stay hidden without it', async () => {
    const page = await open();
    await page.goto(`${root.url}errors/WSGI0030/`);
    const button = page.locator('button[data-copy]').first();
    await expect(button.isVisible()).resolves.toBe(true);
    expect(await button.innerText()).toBe('Copy link');
    // The copied link is absolute even when the build did not know its origin.
    expect(await page.locator('#permalink').inputValue()).toBe(`${root.origin}/errors/WSGI0030/`);
    expect(await page.locator('#mdlink').inputValue()).toContain(`](${root.origin}/errors/WSGI0030/)`);

    const bare = await open({ javaScriptEnabled: false });
    await bare.goto(`${root.url}errors/WSGI0030/`);
    expect(await bare.locator('button[data-copy]').first().isVisible()).toBe(false);
    expect(await bare.locator('#permalink').isVisible()).toBe(true);
  });

  test('no page is wider than a 320 px or 375 px screen', async () => {
    for (const width of [320, 375]) {
      const page = await open({ viewport: { width, height: 700 } });
      for (const rel of ['', 'errors/', 'errors/WSGI0030/', 'errors/WSGI0037/', 'directives/', 'directives/WSGIDaemonProcess/', 'errors/WSGI0999/']) {
        await page.goto(root.url + rel);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${rel || 'home'} at ${width} px`).toBeLessThanOrEqual(0);
      }
    }
  });

  test('printing keeps the entry and leaves out the header, search and navigation', async () => {
    const page = await open({ colorScheme: 'dark' });
    await page.emulateMedia({ media: 'print' });
    await page.goto(`${root.url}errors/WSGI0030/`);
    for (const chrome of ['.site-header', 'form[role="search"]', '.site-nav', '.crumbs', '.pager', '.share', '.site-footer']) expect(await page.locator(chrome).first().isVisible(), chrome).toBe(false);
    for (const kept of ['h1', '#message', '#cause', '#outcome', '#action']) expect(await page.locator(kept).first().isVisible(), kept).toBe(true);
    // Paper is white and the text black even when the screen was dark.
    const colours = await page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]);
    expect(colours).toEqual(['rgb(255, 255, 255)', 'rgb(0, 0, 0)']);
  });
});
