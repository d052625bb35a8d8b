// The search box on the built real corpus, in headless Chromium on a loopback
// server: codes in several spellings, message fragments, pasted log lines
// (with and without their code, shared messages), hostile pastes, history and
// the base path, and no request leaving the machine.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type MatcherData, templateText } from '../../scripts/search/matcher.js';
import { cleanQuery } from '../../scripts/search/query.js';
import { apachePrefix, fillTemplate } from '../search/fill.js';
import { browserMissing, launchBrowser } from '../support/browser.js';
import { corpusBasePath, corpusBaseSite, corpusMissing, corpusSite, skipping } from '../support/sites.js';
import { type StaticServer, serveStatic } from '../support/static-server.js';

const skip = skipping('browser tests of search', corpusMissing() ?? browserMissing());

/** Type (or paste) a query and wait until the results for exactly that query are final. */
async function search(page: Page, query: string, how: 'fill' | 'type' = 'fill'): Promise<string[]> {
  const box = page.locator('#search-input');
  if (how === 'type') {
    await box.fill('');
    await box.pressSequentially(query);
  } else {
    await box.fill(query);
  }
  const expected = cleanQuery(query).text;
  await page.waitForFunction(
    (q) => {
      const s = document.querySelector<HTMLElement>('[data-search-results]');
      return !!s && s.dataset['state'] === 'done' && s.dataset['query'] === q;
    },
    expected,
    { timeout: 15_000 }
  );
  return keys(page);
}

function keys(page: Page): Promise<string[]> {
  return page.$$eval('[data-search-results] .search-hit', (items) => items.map((i) => (i as HTMLElement).dataset['key'] ?? ''));
}

function statusText(page: Page): Promise<string> {
  return page.locator('[data-search-results] .search-status').innerText();
}

describe.skipIf(skip)('search in Chromium', () => {
  let browser: Browser;
  let root: StaticServer;
  let based: StaticServer;
  let data: MatcherData;
  const requested: string[] = [];
  const contexts: BrowserContext[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    root = await serveStatic(corpusSite, '/');
    based = await serveStatic(corpusBaseSite, corpusBasePath);
    data = JSON.parse(readFileSync(path.join(corpusSite, 'search/matcher.json'), 'utf8')) as MatcherData;
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

  async function open(url: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('request', (r) => requested.push(r.url()));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(url);
    return page;
  }

  test('the box is in the header of every kind of page, results start hidden', async () => {
    const page = await open(`${root.url}errors/WSGI0030/`);
    for (const where of ['', 'errors/', 'errors/WSGI0030/', 'directives/', 'directives/WSGIDaemonProcess/']) {
      await page.goto(`${root.url}${where}`);
      await expect(page.locator('header input[type=search]').count()).resolves.toBe(1);
      await expect(page.locator('[data-search-results]').isHidden()).resolves.toBe(true);
    }
  });

  const codes = ['WSGI0117', 'WSGI0008', 'WSGI0037', 'WSGI0150', 'WSGI0210'];
  const spellings = (code: string) => [code, code.toLowerCase(), code.slice(4), `${code}:`, `(${code.toLowerCase()}).`];

  test('every spelling of a code, retired ones too, puts that code first', async () => {
    const page = await open(`${root.url}directives/`);
    let checked = 0;
    for (const code of codes) {
      for (const query of spellings(code)) {
        const found = await search(page, query, checked % 5 === 0 ? 'type' : 'fill');
        expect(found[0], query).toBe(code);
        const first = page.locator('[data-search-results] .search-hit').first();
        await expect(first.locator('a').getAttribute('href')).resolves.toBe(`/errors/${code}/`);
        checked++;
      }
    }
    expect(checked).toBe(25);
    // The retired one says so.
    await search(page, 'WSGI0037');
    await expect(page.locator('[data-search-results] .search-hit').first().innerText()).resolves.toMatch(/Retired/);
  });

  test('a code-shaped query for a code that is not allocated says so', async () => {
    const page = await open(root.url);
    for (const query of ['WSGI0999', '9999', 'wsgi0000:']) {
      const found = await search(page, query);
      expect(found, query).toEqual([]);
      await expect(statusText(page)).resolves.toMatch(/is not an allocated code/);
    }
  });

  const fragments: [string, string][] = [
    ['Unable to change root directory', 'WSGI0003'],
    ['listener backlog limit was exceeded', 'WSGI0116'],
    ['missing magic token', 'WSGI0033'],
    ["does not provide 'Digest' auth provider", 'WSGI0046'],
    ['Queue timeout expired', 'WSGI0084'],
    ['Response header line too long', 'WSGI0144'],
    ['Rebuild Python with --disable-gil', 'WSGI0200'],
    ['signal dispatcher exiting', 'WSGI0208'],
    ['telemetry reporter could not open target', 'WSGI0132'],
    ['is not located within chroot directory', 'WSGI0081']
  ];

  test('a fragment of a logged message puts the entry logging it in the top 3', async () => {
    const page = await open(root.url);
    for (const [fragment, code] of fragments) {
      const found = await search(page, fragment);
      expect(found.slice(0, 3), fragment).toContain(code);
    }
  });

  test('entries whose message contains the words rank above prose mentions', async () => {
    const page = await open(root.url);
    const found = await search(page, 'Queue timeout expired');
    const logging = data.templates.filter((t) => templateText(t).toLowerCase().includes('queue timeout expired')).flatMap((t) => t.codes);
    expect(logging.length).toBeGreaterThan(0);
    expect(found.slice(0, logging.length).sort()).toEqual(logging);
    // Prose mentions exist (other pages talk about queue timeouts) and come after.
    expect(found.length).toBeGreaterThan(logging.length);
  });

  /** 40 lines from the real templates: 20 with their code, 20 without (at least 3 shared messages among them). */
  function logLines(): { line: string; expect: string[]; code: boolean }[] {
    const single = data.templates.filter((t) => t.codes.length === 1);
    const shared = data.templates.filter((t) => t.codes.length > 1);
    const pick = <T>(list: T[], n: number, offset: number): T[] => Array.from({ length: n }, (_, k) => list[(offset + Math.floor((k * list.length) / n)) % list.length] as T);
    const out: { line: string; expect: string[]; code: boolean }[] = [];
    pick(single, 14, 0).forEach((t, k) => {
      const code = t.codes[0] as string;
      out.push({ line: `${apachePrefix(k % 2 ? 'error' : 'crit')}${code}: ${fillTemplate(t.segments, data.forms, k)}`, expect: [code], code: true });
    });
    pick(shared, 6, 0).forEach((t, k) => {
      const code = t.codes[k % t.codes.length] as string;
      out.push({ line: `${apachePrefix()}${code}: ${fillTemplate(t.segments, data.forms, k)}`, expect: [code], code: true });
    });
    pick(single, 14, 3).forEach((t, k) => {
      out.push({ line: `${apachePrefix()}${fillTemplate(t.segments, data.forms, k + 1)}`, expect: t.codes, code: false });
    });
    pick(shared, 6, 2).forEach((t, k) => {
      out.push({ line: `${k % 2 ? apachePrefix() : ''}${fillTemplate(t.segments, data.forms, k)}`, expect: t.codes, code: false });
    });
    return out;
  }

  test('40 pasted log lines put their entry first, or all twins of a shared message first with a note', async () => {
    const page = await open(root.url);
    const lines = logLines();
    expect(lines).toHaveLength(40);
    expect(lines.filter((l) => l.code)).toHaveLength(20);
    expect(lines.filter((l) => !l.code && l.expect.length > 1).length).toBeGreaterThanOrEqual(3);
    expect(new Set(lines.map((l) => l.line)).size).toBe(40);
    for (const l of lines) {
      const found = await search(page, l.line);
      expect(found.slice(0, l.expect.length).sort(), l.line).toEqual([...l.expect].sort());
      if (!l.code && l.expect.length > 1) await expect(statusText(page)).resolves.toContain(`This line matches ${l.expect.length} codes`);
    }
  });

  test('the line from the issue, with and without its code', async () => {
    const page = await open(root.url);
    const line = "[Sat Nov 21 19:54:23.643276 2026] [wsgi:error] [pid 4242:tid 1402] [client 203.0.113.9:51234] WSGI0117: Unable to connect to WSGI daemon process 'shop' on '/etc/httpd/run/wsgi.2231.0.1.sock' as user with uid=33.";
    expect((await search(page, line))[0]).toBe('WSGI0117');
    expect((await search(page, line.replace('WSGI0117: ', '')))[0]).toBe('WSGI0117');
  });

  test('a line from mod_wsgi 4.9 (no code, older wording) lists the closest messages under their own label, WSGI0030 first, shared words marked', async () => {
    const page = await open(root.url);
    const older = "[Tue Mar 05 10:15:02.118313 2024] [wsgi:crit] [pid 4242:tid 140234] (28)No space left on device: mod_wsgi (pid=4242): Couldn't create accept lock '/var/run/apache2/wsgi.4242.0.1.lock' (5).";
    const found = await search(page, older);
    expect(found[0]).toBe('WSGI0030');
    const section = page.locator('[data-search-results] .search-near');
    await expect(section.locator('h2').innerText()).resolves.toBe('No exact match; closest messages');
    await expect(section.locator('ol').getAttribute('aria-labelledby')).resolves.toBe('search-near-title');
    const first = section.locator('.search-hit').first();
    await expect(first.getAttribute('data-key')).resolves.toBe('WSGI0030');
    await expect(first.locator('.hit-why').innerText()).resolves.toBe('closest message');
    // The message as 6.0 logs it, the words the line shares with it marked (as elements, not markup).
    await expect(first.locator('.hit-excerpt').innerText()).resolves.toBe("Unable to create accept lock '<path>'. Daemon group will not start.");
    await expect(first.locator('.hit-excerpt mark').allInnerTexts()).resolves.toEqual(['Unable', 'create', 'accept', 'lock']);

    // The same message as 6.0 logs it is an exact match: no near section, WSGI0030 first.
    const exact = "[Tue Mar 05 10:15:02.118313 2024] [wsgi:crit] [pid 4242:tid 140234] (28)No space left on device: WSGI0030: Unable to create accept lock '/var/run/apache2/wsgi.4242.0.1.lock'. Daemon group will not start.";
    expect((await search(page, exact))[0]).toBe('WSGI0030');
    expect((await search(page, exact.replace('WSGI0030: ', '')))[0]).toBe('WSGI0030');
    await expect(page.locator('[data-search-results] .search-near').count()).resolves.toBe(0);

    // Cut short, and pasted with Apache's prefix only: found by the start of the message, and by a part of it.
    expect(await search(page, "Unable to create accept lock '/var/run/wsgi.1.lock'")).toEqual(['WSGI0030']);
    await expect(statusText(page)).resolves.toMatch(/No message matches the whole line/);
    expect((await search(page, '[wsgi:crit] Unable to create accept lock'))[0]).toBe('WSGI0030');
    expect((await search(page, '[pid 4242] Unable to create accept lock'))[0]).toBe('WSGI0030');
    for (const q of ['117', 'wsgi117', 'WSGI117']) expect((await search(page, q))[0], q).toBe('WSGI0117');
  });

  test('markup in a query is shown as text and never runs', async () => {
    const page = await open(root.url);
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    await search(page, hostile);
    await expect(statusText(page)).resolves.toContain('<img src=x onerror=alert(1)>');
    await expect(page.locator('[data-search-results] img, [data-search-results] script').count()).resolves.toBe(0);
    expect((await search(page, `${apachePrefix()}WSGI0117: ${hostile}`))[0]).toBe('WSGI0117');
    await expect(page.locator('[data-search-results] img, [data-search-results] script').count()).resolves.toBe(0);
    expect(dialogs).toEqual([]);
  });

  test('empty, 100 KB and binary pastes do not freeze the page', async () => {
    const page = await open(root.url);
    await search(page, 'daemon');
    await page.locator('#search-input').fill('');
    await expect(page.locator('[data-search-results]').isHidden()).resolves.toBe(true);

    const big = `${apachePrefix()}${'Unable to connect to WSGI daemon process '.repeat(2600)}`.slice(0, 100_000);
    let seed = 7;
    const binary = Array.from({ length: 100_000 }, () => String.fromCharCode((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256)).join('');
    for (const paste of [big, binary]) {
      await search(page, paste);
      // The page still answers: a script runs and the box takes new input.
      await expect(page.evaluate(() => document.title)).resolves.toBeTruthy();
      expect((await search(page, 'WSGI0117'))[0]).toBe('WSGI0117');
    }
  });

  test('/ focuses the box, Esc clears it; the query lives in the URL of the page it was typed on and the back button works', async () => {
    const page = await open(`${root.url}errors/WSGI0001/`);
    await page.locator('main').click();
    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('search-input');
    await page.keyboard.type('wsgi0117');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-search-results]')?.dataset['query'] === 'wsgi0117');
    await page.waitForURL(/\?q=wsgi0117$/);
    expect(new URL(page.url()).pathname).toBe('/errors/WSGI0001/');
    // A reload stays on that page, with the search.
    await page.reload();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-search-results]')?.dataset['state'] === 'done');
    expect(new URL(page.url()).pathname).toBe('/errors/WSGI0001/');
    await expect(page.locator('#search-input').inputValue()).resolves.toBe('wsgi0117');
    expect((await keys(page))[0]).toBe('WSGI0117');
    await expect(page.locator('h1').first().innerText()).resolves.toContain('WSGI0001');
    await page.locator('main').click();
    await page.keyboard.press('/');
    await page.keyboard.press('Escape');
    await expect(page.locator('#search-input').inputValue()).resolves.toBe('');
    await expect(page.locator('[data-search-results]').isHidden()).resolves.toBe(true);

    // A shared URL restores the search; a result followed and Back return to it.
    await page.goto(`${root.url}?q=${encodeURIComponent('missing magic token')}`);
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-search-results]')?.dataset['state'] === 'done');
    await expect(page.locator('#search-input').inputValue()).resolves.toBe('missing magic token');
    const first = page.locator('[data-search-results] a.hit-link').first();
    await Promise.all([page.waitForURL(/\/errors\/WSGI0033\/$/), first.click()]);
    await page.goBack();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-search-results]')?.dataset['state'] === 'done');
    expect(await keys(page)).toContain('WSGI0033');
  });

  test('facets narrow the results', async () => {
    const page = await open(root.url);
    await search(page, 'daemon');
    // Facet counts arrive just after the first results.
    const directive = page.locator('[data-search-results] input[name=facet-kind][value=directive]');
    await directive.waitFor();
    await directive.check();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-search-results]')?.dataset['state'] === 'done' && document.querySelectorAll('[data-search-results] .search-hit').length > 0);
    const found = await keys(page);
    expect(found.every((k) => k.startsWith('WSGI') && !/^WSGI\d{4}$/.test(k))).toBe(true);
    expect(new URL(page.url()).searchParams.getAll('f')).toEqual(['kind:directive']);
  });

  test(`under ${corpusBasePath}: codes, fragments and lines lead to pages below the base path`, async () => {
    const page = await open(`${based.url}errors/`);
    expect((await search(page, '0117'))[0]).toBe('WSGI0117');
    await expect(page.locator('[data-search-results] a.hit-link').first().getAttribute('href')).resolves.toBe(`${corpusBasePath}errors/WSGI0117/`);
    await page.waitForURL(/\?q=0117$/);
    expect(new URL(page.url()).pathname).toBe(`${corpusBasePath}errors/`);
    expect((await search(page, 'signal dispatcher exiting')).slice(0, 3)).toContain('WSGI0208');
    const hrefs = await page.$$eval('[data-search-results] a.hit-link', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThan(1);
    for (const href of hrefs) expect(href.startsWith(corpusBasePath), href).toBe(true);
    const found = await search(page, `${apachePrefix()}Daemon process configuration failed; process left in unspecified state. Daemon process will exit and be restarted after a delay.`);
    expect(found.slice(0, 2)).toEqual(['WSGI0008', 'WSGI0025']);
    await Promise.all([page.waitForURL(/\/mod_wsgi\/errors\/WSGI0008\/$/), page.locator('[data-search-results] a.hit-link').first().click()]);
  });

  test('a first query asks for each of Pagefind\'s files once, and for one small index chunk per word', async () => {
    const page = await open(root.url);
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await search(page, 'daemon socket');
    await page.waitForLoadState('networkidle');
    const pagefind = asked.filter((p) => p.startsWith('/pagefind/'));
    // The page preloads Pagefind's entry, meta and WebAssembly files (public/search/engine.ts); Pagefind's own requests must use them.
    for (const file of [/pagefind\.js$/, /pagefind-entry\.json$/, /\.pf_meta$/, /wasm\.en\.pagefind$/]) expect(pagefind.filter((p) => file.test(p)), String(file)).toHaveLength(1);
    expect(new Set(pagefind).size, pagefind.join(' ')).toBe(pagefind.length);
    const chunks = pagefind.filter((p) => p.endsWith('.pf_index'));
    expect(chunks).toHaveLength(2);
    for (const chunk of chunks) expect(readFileSync(path.join(corpusSite, chunk)).length).toBeLessThan(10_000);
  });
});
