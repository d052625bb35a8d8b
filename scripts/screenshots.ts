// npm run screenshots [-- --site DIR]: pictures of the main pages at 375 px and
// 1280 px, light and dark, into test-output/screenshots/ for a person to
// review. Not a test: nothing here can pass or fail but the run itself.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { browserMissing, launchBrowser } from '../test/support/browser.js';
import { corpusSite, sampleSite, testOutput } from '../test/support/sites.js';
import { serveStatic } from '../test/support/static-server.js';

const shots = [
  ['home', ''],
  ['errors', 'errors/'],
  ['code', 'errors/WSGI0030/'],
  ['retired', 'errors/WSGI0037/'],
  ['directive', 'directives/WSGIDaemonProcess/']
] as const;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { site: { type: 'string' }, out: { type: 'string', default: path.join(testOutput, 'screenshots') } } });
  const site = values.site ?? [corpusSite, sampleSite].find((d) => existsSync(path.join(d, 'index.html')));
  if (!site || !existsSync(path.join(site, 'index.html'))) {
    process.stderr.write('screenshots: no built site; give --site DIR (a folder written by npm run build)\n');
    return 2;
  }
  const missing = browserMissing();
  if (missing) {
    process.stderr.write(`screenshots: ${missing}\n`);
    return 2;
  }
  mkdirSync(values.out, { recursive: true });
  const browser = await launchBrowser();
  const server = await serveStatic(site, '/');
  try {
    for (const width of [375, 1280]) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({ viewport: { width, height: width < 600 ? 812 : 900 }, colorScheme });
        const page = await context.newPage();
        for (const [name, rel] of shots) {
          await page.goto(server.url + rel);
          // The top of a long page is what needs reviewing; a tall viewport
          // rather than fullPage, which stalls on very long pages.
          const height = Math.min(await page.evaluate(() => document.documentElement.scrollHeight), 4000);
          await page.setViewportSize({ width, height });
          const file = path.join(values.out, `${name}-${width}-${colorScheme}.png`);
          await page.screenshot({ path: file });
          process.stdout.write(`${file}\n`);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return 0;
}

process.exitCode = await main();
