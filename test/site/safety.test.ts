// Text from the docs that looks like HTML is shown as text; every page has
// the strict CSP, no inline script or style, and asks no other origin for
// anything (links out to the web in content are the only cross-origin URLs).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { contentSecurityPolicy } from '../../templates/lib/layout.js';
import { build } from '../global-setup.js';
import { corpusBaseSite, corpusBasePath, corpusMissing, corpusSite, sampleSite, skipping } from '../support/sites.js';
import { type Page, attr, elements, hasClass, htmlFiles, linksOf, loadPage, resolveLink, text } from './html.js';
import { ownOutput, runBuild } from './build-command.js';

const fixture = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures/docs-hostile');
/** Links with javascript:, data:, vbscript: and ftp: URLs: docs the build must refuse rather than escape. */
const unsafeLinks = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures/docs-hostile-urls');
const hostile = ownOutput('hostile');

/** Elements the docs' text would create if it were interpreted instead of shown. */
const injected = new Set(['img', 'iframe', 'b', 'style', 'textarea', 'location', 'directory', 'virtualhost', 'object', 'embed']);

/** Problems with one page's safety, as readable strings. */
function pageProblems(site: string, base: string, page: Page): string[] {
  const out: string[] = [];
  const at = (what: string) => out.push(`${page.rel}: ${what}`);
  const csp = elements(page, 'meta').filter((m) => (attr(m, 'http-equiv') ?? '').toLowerCase() === 'content-security-policy');
  if (csp.length !== 1 || csp.some((m) => attr(m, 'content') !== contentSecurityPolicy)) at('no strict Content-Security-Policy meta');
  for (const el of elements(page)) {
    // The triage page's own input box is the one textarea a template makes.
    const ours = page.rel === 'triage/index.html' && el.name === 'textarea' && attr(el, 'id') === 'triage-input';
    if (injected.has(el.name) && !ours) at(`<${el.name}> element`);
    for (const name of Object.keys(el.attribs)) {
      if (/^on/i.test(name)) at(`${name} attribute on <${el.name}>`);
      if (name === 'style') at(`style attribute on <${el.name}>`);
    }
    if (el.name === 'script') {
      if (attr(el, 'src') === undefined) at('inline <script>');
      else if (text(el) !== '') at('<script src> with a body');
    }
  }
  for (const link of linksOf(page)) {
    if (/^\s*javascript:/i.test(link.value)) at(`javascript: URL in <${link.tag}>`);
    const r = resolveLink(site, base, page, link.value);
    if (r.kind !== 'external') continue;
    // A link out in the content is fine (and marked); anything the browser
    // would fetch by itself from another origin is not.
    const el = elements(page, link.tag).find((e) => e.attribs[link.attribute] === link.value);
    if (link.tag !== 'a' || !el || !hasClass(el, 'external')) at(`<${link.tag} ${link.attribute}="${link.value}"> reaches another origin`);
  }
  return out;
}

function allProblems(site: string, base: string): { pages: number; problems: string[] } {
  const files = htmlFiles(site);
  return { pages: files.length, problems: files.flatMap((f) => pageProblems(site, base, loadPage(site, f, base))) };
}

describe('text from the docs that looks like HTML', () => {
  beforeAll(async () => {
    await rm(hostile, { recursive: true, force: true });
    const noRunbooks = ownOutput('no-runbooks');
    mkdirSync(noRunbooks, { recursive: true });
    build(['--docs', fixture, '--out', hostile, '--runbooks', noRunbooks]);
  });

  const page = (rel: string) => loadPage(hostile, rel);
  const body = (rel: string) => text(elements(page(rel), 'main'));

  test('is shown as text on the code page, in the title, message, prose and lists', () => {
    const p = page('errors/WSGI0001/index.html');
    expect(text(elements(p, 'title'))).toContain('Handler refused by <script>alert(1)</script> rule');
    expect(text(elements(p, 'h1'))).toContain('<script>alert(1)</script>');
    const main = body('errors/WSGI0001/index.html');
    for (const s of ['<Location /app>', '<img src=x onerror=alert(2)>', '<img src=x onerror=alert(3)>', 'src/server/<script>.c', '"quotes" & ampersands']) expect(main).toContain(s);
    // The message's own placeholder is marked; the markup-looking text is not a placeholder element.
    const vars = elements(p, 'var').map((v) => text(v));
    expect(vars).toContain('<group>');
    expect(body('errors/WSGI0002/index.html')).toContain("'</textarea><script>alert(6)</script>'");
    expect(body('errors/WSGI0003/index.html')).toContain('<style>body{display:none}</style>');
  });

  test('is shown as text on the directive page and in every list that quotes it', () => {
    const main = body('directives/WSGIHostileThing/index.html');
    expect(main).toContain('<Directory /srv> and <script>alert(8)</script> as text.');
    expect(main).toContain('onload=<script>alert(9)</script>');
    expect(main).toContain('<VirtualHost *:80>');
    expect(body('directives/index.html')).toContain('<script>alert(8)</script>');
    expect(body('errors/index.html')).toContain('Handler refused by <script>alert(1)</script> rule');
    expect(body('index.html')).toContain('<b>bold</b>');
  });

  test('stays inside attribute values it lands in', () => {
    const p = page('errors/WSGI0001/index.html');
    const link = elements(p, 'a').find((a) => attr(a, 'href') === '/errors/WSGI0002/' && attr(a, 'title') !== undefined);
    expect(link && attr(link, 'title')).toBe('WSGI0002: Attribute " onmouseover="alert(5) in a title');
    const md = elements(p, 'input').find((i) => attr(i, 'id') === 'mdlink');
    expect(md && attr(md, 'value')).toBe('[WSGI0001: Handler refused by <script>alert(1)</script> rule](/errors/WSGI0001/)');
  });

  test('injects no element, event handler, inline script or style anywhere in the built site', () => {
    const { pages, problems } = allProblems(hostile, '/');
    expect(pages).toBeGreaterThan(10);
    expect(problems).toEqual([]);
  });

  test('reaches errors.json as data, unchanged', () => {
    const json = JSON.parse(readFileSync(path.join(hostile, 'errors.json'), 'utf8')) as { errors: { code: string; title: string | null }[] };
    expect(json.errors.find((e) => e.code === 'WSGI0001')?.title).toBe('Handler refused by <script>alert(1)</script> rule');
  });

  test('the page check itself catches an injected element and an inline script (it can fail)', () => {
    const probe = ownOutput('probe');
    mkdirSync(probe, { recursive: true });
    const bad = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy.replaceAll("'", '&#x27;')}"><script>x()</script></head><body><p>a<img src=x onerror=alert(1)></p><a href="https://example.org/">out</a><script src="https://cdn.example/x.js"></script></body></html>`;
    const file = path.join(probe, 'bad.html');
    writeProbe(file, bad);
    const problems = pageProblems(probe, '/', loadPage(probe, 'bad.html'));
    expect(problems).toEqual([
      'bad.html: inline <script>',
      'bad.html: <img> element',
      'bad.html: onerror attribute on <img>',
      'bad.html: <a href="https://example.org/"> reaches another origin',
      'bad.html: <script src="https://cdn.example/x.js"> reaches another origin'
    ]);
  });
});

describe('links whose URL would run code or leave http(s)', () => {
  test('are refused by the build: exit 1, each unsafe-url at its file:line:column, no output written', async () => {
    const out = ownOutput('hostile-urls');
    await rm(out, { recursive: true, force: true });
    const noRunbooks = ownOutput('no-runbooks');
    mkdirSync(noRunbooks, { recursive: true });
    const run = runBuild(['--docs', unsafeLinks, '--out', out, '--runbooks', noRunbooks]);
    expect(run.status).toBe(1);
    const places = (file: string) => {
      const section = run.stderr.split(/\n\s*\n/).find((b) => b.startsWith(path.join(unsafeLinks, file))) ?? '';
      return [...section.matchAll(/^\s*(\d+:\d+)(?:-\d+:\d+)?\s+error\s.*\sunsafe-url\s+wsgi-model$/gm)].map((m) => m[1]);
    };
    // The embedded javascript: and data: URIs, the ftp:// link, the javascript: target (where its URL is written).
    expect(places('error-reference.rst')).toEqual(['6:1', '6:48', '31:4', '35:21']);
    expect(places('configuration-directives/WSGIHostileLink.rst')).toEqual(['5:27']);
    expect(existsSync(out)).toBe(false);
  });

  test('would be caught by the page check if they ever reached a page (it can fail)', () => {
    const probe = ownOutput('probe-urls');
    mkdirSync(probe, { recursive: true });
    writeProbe(path.join(probe, 'bad.html'), `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy.replaceAll("'", '&#x27;')}"></head><body><a href="javascript:alert(1)">x</a></body></html>`);
    expect(pageProblems(probe, '/', loadPage(probe, 'bad.html'))).toContain('bad.html: javascript: URL in <a>');
  });
});

function writeProbe(file: string, html: string): void {
  // Written here rather than kept as a fixture so the markup under test sits beside its assertions.
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, html);
}

describe('every page of the shared builds', () => {
  test('the sample: strict CSP, no inline script or style, nothing fetched from another origin', () => {
    const { pages, problems } = allProblems(sampleSite, '/');
    expect(pages).toBeGreaterThan(40);
    expect(problems).toEqual([]);
  });

  test.skipIf(skipping('safety checks on the corpus build', corpusMissing()))('the corpus, at / and under /mod_wsgi/', () => {
    for (const [site, base] of [
      [corpusSite, '/'],
      [corpusBaseSite, corpusBasePath]
    ] as const) {
      const { pages, problems } = allProblems(site, base);
      expect(pages).toBeGreaterThan(500);
      expect(problems).toEqual([]);
    }
  });
});
