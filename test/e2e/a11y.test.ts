// axe-core in headless Chromium: no serious or critical violation on the
// main kinds of page, in the light and the dark colour scheme.
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserMissing, launchBrowser } from '../support/browser.js';
import { corpusMissing, corpusSite, skipping } from '../support/sites.js';
import { type StaticServer, serveStatic } from '../support/static-server.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
  passes: unknown[];
}

const pages = [
  ['home', ''],
  ['/errors/', 'errors/'],
  ['a filter view', 'errors/severity/crit/'],
  ['a code page', 'errors/WSGI0030/'],
  ['a retired code page', 'errors/WSGI0037/'],
  ['/directives/', 'directives/'],
  ['a directive page', 'directives/WSGIDaemonProcess/'],
  ['the triage page', 'triage/'],
  ['the 404 page', 'errors/WSGI0999/']
] as const;

const skip = skipping('axe-core checks', corpusMissing() ?? browserMissing());

describe.skipIf(skip)('axe-core', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await serveStatic(corpusSite, '/');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function audit(page: Page): Promise<AxeResult> {
    // The site's CSP forbids injected scripts, so the test context bypasses it.
    await page.addScriptTag({ path: axePath });
    return page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResult> } }).axe;
      return axe.run(document, { resultTypes: ['violations'] });
    });
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`no serious or critical violation, ${colorScheme} scheme`, async () => {
      const context = await browser.newContext({ bypassCSP: true, colorScheme, viewport: { width: 1280, height: 900 } });
      const found: string[] = [];
      const minor: string[] = [];
      try {
        const page = await context.newPage();
        for (const [name, rel] of pages) {
          await page.goto(server.url + rel);
          const result = await audit(page);
          for (const v of result.violations) {
            const line = `${name}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes
              .slice(0, 3)
              .map((n) => JSON.stringify(n.target))
              .join(', ')}`;
            (v.impact === 'serious' || v.impact === 'critical' ? found : minor).push(line);
          }
        }
      } finally {
        await context.close();
      }
      if (minor.length) process.stdout.write(`axe, ${colorScheme}: minor or moderate findings:\n  ${minor.join('\n  ')}\n`);
      expect(found).toEqual([]);
    });
  }

  test('the audit finds a real problem when there is one (it can fail)', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      // Grey on grey, and an image without a text alternative.
      await page.evaluate(() => {
        const p = document.createElement('p');
        p.textContent = 'faint words';
        p.setAttribute('style', 'color:#777;background:#888');
        const img = document.createElement('img');
        img.src = 'favicon.svg';
        document.querySelector('main')?.append(p, img);
      });
      const ids = (await audit(page)).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      expect(ids).toContain('color-contrast');
      expect(ids).toContain('image-alt');
    } finally {
      await context.close();
    }
  });
});
