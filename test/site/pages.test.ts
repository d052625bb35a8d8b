// The page contract on the corpus build: what each kind of page must show,
// the no-JavaScript filter views, sitemap, errors.json, page weight, and the
// base path.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { corpusBasePath, corpusBaseSite, corpusMissing, corpusSite, skipping } from '../support/sites.js';
import { type Element, type Page, attr, byId, elements, hasClass, htmlFiles, linksOf, loadPage, redirectOf, text, withClass } from './html.js';

interface Ref {
  resolution: { type: string; entry?: { kind: string; code?: string; name?: string }; directive?: string };
}
interface ErrorJson {
  url: string;
  code: string;
  title: string | null;
  severity: string | null;
  source: string | null;
  retired: boolean;
  retiredNote: string | null;
  loggedMessage: { template: string; placeholders: string[] } | null;
  references: Ref[];
}
interface ModelJson {
  severities: { severity: string; meaning: string; count: number }[];
  errors: ErrorJson[];
  directives: { url: string; name: string; options: { id: string; name: string }[] }[];
  groups: { title: string; directives: string[] }[];
}

const skip = skipping('page contract tests on the corpus build', corpusMissing());

describe.skipIf(skip)('pages of the corpus build', () => {
  const cache = new Map<string, Page>();
  const page = (rel: string): Page => {
    let p = cache.get(rel);
    if (!p) cache.set(rel, (p = loadPage(corpusSite, rel)));
    return p;
  };
  const model = (): ModelJson => JSON.parse(readFileSync(path.join(corpusSite, 'errors.json'), 'utf8')) as ModelJson;
  const section = (p: Page, id: string): Element => {
    const el = byId(p, id);
    if (!el) throw new Error(`${p.rel}: no #${id}`);
    return el;
  };
  const hrefs = (el: Element | Page) => elements(el, 'a').map((a) => attr(a, 'href'));

  test('every active code page has the whole contract', () => {
    const { errors, severities } = model();
    const active = errors.filter((e) => !e.retired);
    expect(active).toHaveLength(202);
    const meaning = new Map(severities.map((s) => [s.severity, s.meaning]));
    for (const [k, e] of errors.entries()) {
      if (e.retired) continue;
      const p = page(`errors/${e.code}/index.html`);
      const where = e.code;
      expect(text(elements(p, 'h1')), where).toBe(`${e.code}: ${e.title}`);
      expect(text(elements(p, 'title')), where).toMatch(new RegExp(`^${e.code}: `));
      const facts = withClass(p, 'facts', 'dl')[0];
      expect(facts, where).toBeDefined();
      const badge = withClass(facts as Element, 'badge')[0];
      expect(badge && hasClass(badge, `sev-${(e.severity ?? '').toLowerCase()}`), where).toBe(true);
      expect(text(withClass(facts as Element, 'meaning')), where).toBe(meaning.get(e.severity ?? ''));
      expect(text(elements(facts as Element, 'code')), where).toBe(e.source);
      // The logged message, each placeholder marked where it occurs.
      const message = withClass(section(p, 'message'), 'message-block', 'pre')[0];
      expect(message, where).toBeDefined();
      expect(text(message as Element), where).toBe(e.loggedMessage?.template.replace(/\s+/g, ' '));
      const marked = withClass(message as Element, 'placeholder', 'var').map((v) => text(v));
      const expected = [...(e.loggedMessage?.template ?? '').matchAll(/<([^<>\s]+)>/g)].map((m) => `<${m[1]}>`);
      expect(marked, where).toEqual(expected);
      for (const id of ['cause', 'outcome', 'action']) expect(text(section(p, id)).length, `${where} #${id}`).toBeGreaterThan(text(elements(section(p, id), 'h2')).length + 10);
      expect(text(elements(section(p, 'referenced-by'), 'h2'))).toBe('Referenced by');
      // Neighbours, in code order.
      const prev = elements(p, 'a').find((a) => attr(a, 'rel') === 'prev');
      const next = elements(p, 'a').find((a) => attr(a, 'rel') === 'next');
      expect(prev && attr(prev, 'href'), where).toBe(k > 0 ? `/errors/${errors[k - 1]?.code}/` : undefined);
      expect(next && attr(next, 'href'), where).toBe(k < errors.length - 1 ? `/errors/${errors[k + 1]?.code}/` : undefined);
      // A link to keep, for a runbook: the URL and the Markdown.
      const share = section(p, 'share');
      const input = (id: string) => elements(share, 'input').find((i) => attr(i, 'id') === id);
      expect(attr(input('permalink') as Element, 'value'), where).toBe(`/errors/${e.code}/`);
      expect(attr(input('mdlink') as Element, 'value'), where).toBe(`[${e.code}: ${e.title}](/errors/${e.code}/)`);
      expect(elements(share, 'button').map((b) => attr(b, 'data-copy')), where).toEqual([`/errors/${e.code}/`, `[${e.code}: ${e.title}](/errors/${e.code}/)`]);
    }
  });

  test('"Referenced by" lists exactly the codes whose text links here', () => {
    const { errors } = model();
    const citing = new Map<string, Set<string>>();
    for (const e of errors) {
      for (const r of e.references) {
        const to = r.resolution.type === 'entry' && r.resolution.entry?.kind === 'error' ? r.resolution.entry.code : undefined;
        if (to && to !== e.code) (citing.get(to) ?? citing.set(to, new Set()).get(to))?.add(e.code);
      }
    }
    expect(citing.size).toBeGreaterThan(20);
    for (const e of errors) {
      const listed = hrefs(section(page(`errors/${e.code}/index.html`), 'referenced-by')).filter((h) => h?.startsWith('/errors/'));
      expect(listed.sort(), e.code).toEqual([...(citing.get(e.code) ?? [])].sort().map((c) => `/errors/${c}/`));
    }
  });

  test('the example log line on the home page has its code highlighted and linked', () => {
    const marks = elements(page('index.html'), 'pre').flatMap((pre) => elements(pre, 'mark'));
    expect(marks.map((m) => text(m))).toContain('WSGI0001');
    const mark = marks.find((m) => text(m) === 'WSGI0001') as Element;
    expect(mark.parent && attr(mark.parent as Element, 'href')).toBe('/errors/WSGI0001/');
  });

  test('a retired code page says it is retired and shows its note', () => {
    const retired = model().errors.filter((e) => e.retired);
    expect(retired.map((e) => e.code)).toEqual(['WSGI0037', 'WSGI0039', 'WSGI0066', 'WSGI0092', 'WSGI0093', 'WSGI0180', 'WSGI0193', 'WSGI0197']);
    for (const e of retired) {
      const p = page(`errors/${e.code}/index.html`);
      expect(text(elements(p, 'h1'))).toBe(`${e.code} (retired)`);
      const notice = withClass(p, 'retired-notice')[0];
      expect(notice, e.code).toBeDefined();
      const said = text(notice as Element);
      expect(said).toContain(`${e.code} is retired.`);
      expect(said).toContain('no longer logs it');
      expect(said).toContain((e.retiredNote ?? '').slice(0, 40));
      expect(byId(p, 'message'), e.code).toBeUndefined();
      for (const list of ['errors/index.html', 'errors/status/retired/index.html']) expect(hrefs(page(list)), `${e.code} in ${list}`).toContain(`/errors/${e.code}/`);
    }
  });

  test('/errors/ has all 210 codes with counts, and filter views that are plain links', () => {
    const all = page('errors/index.html');
    const rows = (p: Page) => elements(elements(p, 'tbody')[0] as Element, 'tr');
    expect(rows(all)).toHaveLength(210);
    expect(text(withClass(all, 'lede'))).toContain('210 codes: 202 active and 8 retired.');
    const chips = elements(withClass(all, 'filters', 'nav')[0] as Element, 'a');
    const views = chips.map((a) => ({ href: attr(a, 'href') ?? '', label: text(a) }));
    expect(views.map((v) => v.href)).toEqual(['/errors/', '/errors/severity/alert/', '/errors/severity/crit/', '/errors/severity/err/', '/errors/severity/warning/', '/errors/status/active/', '/errors/status/retired/']);
    const { errors } = model();
    for (const v of views) {
      const count = Number(/(\d+)$/.exec(v.label)?.[1]);
      const filtered = page(`${v.href.slice(1)}index.html`);
      expect(rows(filtered), v.href).toHaveLength(count);
      const severity = /severity\/(\w+)\//.exec(v.href)?.[1]?.toUpperCase();
      if (severity) expect(count).toBe(errors.filter((e) => e.severity === severity).length);
      for (const row of rows(filtered)) {
        if (severity) expect(withClass(row, `sev-${severity.toLowerCase()}`), v.href).toHaveLength(1);
        if (v.href.endsWith('/retired/')) expect(hasClass(row, 'retired')).toBe(true);
        if (v.href.endsWith('/active/')) expect(hasClass(row, 'retired')).toBe(false);
      }
      const current = elements(withClass(filtered, 'filters', 'nav')[0] as Element, 'a').filter((a) => attr(a, 'aria-current') === 'page');
      expect(current.map((a) => attr(a, 'href')), v.href).toEqual([v.href]);
    }
    // Each row: the code linked, its severity, title and status.
    const first = rows(all)[0] as Element;
    expect(hrefs(first)).toEqual(['/errors/WSGI0001/']);
    expect(elements(first, 'td').map((td) => text(td))).toEqual(['CRIT', errors[0]?.title, 'Active']);
  });

  test('/directives/ is grouped as configuration.rst groups them', () => {
    const { groups } = model();
    expect(groups.length).toBeGreaterThan(3);
    expect(groups.flatMap((g) => g.directives)).toHaveLength(47);
    const p = page('directives/index.html');
    const sections = elements(p, 'section').filter((s) => hasClass(s, 'part'));
    expect(sections.map((s) => text(elements(s, 'h2')))).toEqual(groups.map((g) => g.title));
    sections.forEach((s, k) => expect(hrefs(s)).toEqual(groups[k]?.directives.map((d) => `/directives/${d}/`)));
  });

  test('each directive page has an anchor per option and the codes that mention it', () => {
    const { directives, errors } = model();
    const mentions = (name: string) =>
      errors
        .filter((e) => e.references.some((r) => (r.resolution.type === 'entry' && r.resolution.entry?.name === name) || (r.resolution.type === 'option' && r.resolution.directive === name)))
        .map((e) => `/errors/${e.code}/`);
    let withCodes = 0;
    for (const d of directives) {
      const p = page(`directives/${d.name}/index.html`);
      expect(text(elements(p, 'h1')), d.name).toBe(d.name);
      for (const o of d.options) {
        const target = byId(p, o.id);
        expect(target, `${d.name}#${o.id}`).toBeDefined();
        expect(text(target as Element), `${d.name}#${o.id}`).toContain(o.name);
      }
      const codes = section(p, 'error-codes');
      expect(text(elements(codes, 'h2'))).toBe('Error codes that mention this directive');
      expect(hrefs(codes).sort(), d.name).toEqual(mentions(d.name).sort());
      if (mentions(d.name).length > 0) withCodes++;
    }
    expect(withCodes).toBeGreaterThan(10);
    expect(hrefs(section(page('directives/WSGISocketPrefix/index.html'), 'error-codes'))).toContain('/errors/WSGI0030/');
  });

  test('the 404 page can tell a code that exists, is retired, or was never allocated', () => {
    const p = page('404.html');
    expect(text(elements(p, 'h1'))).toBe('Page not found');
    const box = byId(p, 'code-status') as Element;
    expect(attr(box, 'data-codes')?.split(' ')).toHaveLength(202);
    expect(attr(box, 'data-retired')?.split(' ')).toEqual(['WSGI0037', 'WSGI0039', 'WSGI0066', 'WSGI0092', 'WSGI0093', 'WSGI0180', 'WSGI0193', 'WSGI0197']);
    expect([attr(box, 'data-first'), attr(box, 'data-last')]).toEqual(['WSGI0001', 'WSGI0210']);
    expect(elements(p, 'meta').some((m) => attr(m, 'name') === 'robots' && attr(m, 'content') === 'noindex')).toBe(true);
  });

  test('sitemap.xml lists exactly the canonical, indexable pages', () => {
    const xml = readFileSync(path.join(corpusSite, 'sitemap.xml'), 'utf8');
    const locs = [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
    const canonical: string[] = [];
    for (const rel of htmlFiles(corpusSite)) {
      const p = page(rel);
      if (redirectOf(p) !== undefined) continue;
      if (elements(p, 'meta').some((m) => attr(m, 'name') === 'robots' && (attr(m, 'content') ?? '').includes('noindex'))) continue;
      const link = elements(p, 'link').find((l) => attr(l, 'rel') === 'canonical');
      expect(link, rel).toBeDefined();
      canonical.push(attr(link as Element, 'href') ?? '');
    }
    expect(new Set(locs).size).toBe(locs.length);
    expect([...locs].sort()).toEqual(canonical.sort());
    expect(locs.length).toBeGreaterThanOrEqual(210 + 47 + 3);
  });

  test('/errors.json parses, with 210 errors, each at its canonical URL', () => {
    const { errors, directives } = model();
    expect(errors).toHaveLength(210);
    expect(directives).toHaveLength(47);
    expect(errors.map((e) => e.url)).toEqual(errors.map((e) => `/errors/${e.code}/`));
  });

  test('a code page with its stylesheet weighs under 20 KB gzipped and loads no render-blocking script', () => {
    const css = gzipSync(readFileSync(path.join(corpusSite, 'style.css')), { level: 9 }).length;
    let heaviest = { rel: '', bytes: 0 };
    for (const e of model().errors) {
      const rel = `errors/${e.code}/index.html`;
      const bytes = gzipSync(readFileSync(path.join(corpusSite, rel)), { level: 9 }).length;
      if (bytes > heaviest.bytes) heaviest = { rel, bytes };
      const head = elements(page(rel), 'head')[0] as Element;
      for (const s of elements(head, 'script')) expect(attr(s, 'defer') !== undefined || attr(s, 'async') !== undefined || attr(s, 'type') === 'module', `${rel}: ${attr(s, 'src')}`).toBe(true);
      expect(elements(head, 'link').filter((l) => attr(l, 'rel') === 'stylesheet').map((l) => attr(l, 'href')), rel).toEqual(['/style.css']);
    }
    process.stdout.write(`heaviest code page: ${heaviest.rel}, ${heaviest.bytes} B gzipped + style.css ${css} B = ${heaviest.bytes + css} B\n`);
    expect(heaviest.bytes + css).toBeLessThan(20 * 1024);
  });

  test('the home page says what this is, shows the severity ladder with counts and the ways in', () => {
    const p = page('index.html');
    const { severities } = model();
    const ladder = elements(p, 'tbody')[0] as Element;
    const rows = elements(ladder, 'tr').map((r) => elements(r, 'td').map((td) => text(td)));
    expect(rows).toEqual(severities.map((s) => [s.meaning, `${s.count} code${s.count === 1 ? '' : 's'}`]));
    for (const h of ['/errors/', '/directives/', '/errors/status/retired/']) expect(hrefs(p)).toContain(h);
    expect(elements(p, 'form').some((f) => attr(f, 'role') === 'search')).toBe(true);
  });
});

describe.skipIf(skip)('the corpus built under /mod_wsgi/', () => {
  test('every internal URL on every page starts with /mod_wsgi/', () => {
    const outside: string[] = [];
    let checked = 0;
    const files = htmlFiles(corpusBaseSite);
    for (const rel of files) {
      const p = loadPage(corpusBaseSite, rel, corpusBasePath);
      for (const link of linksOf(p)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(link.value) || link.value.startsWith('#')) continue;
        checked++;
        if (!link.value.startsWith(corpusBasePath)) outside.push(`${rel}: <${link.tag} ${link.attribute}="${link.value}">`);
      }
      const redirect = redirectOf(p);
      if (redirect !== undefined && redirect.startsWith('/')) outside.push(`${rel}: data-redirect="${redirect}" is not below the base`);
    }
    expect(files.length).toBeGreaterThan(500);
    expect(checked).toBeGreaterThan(5000);
    expect(outside).toEqual([]);
    const json = JSON.parse(readFileSync(path.join(corpusBaseSite, 'errors.json'), 'utf8')) as ModelJson;
    expect(json.errors[0]?.url).toBe('/mod_wsgi/errors/WSGI0001/');
  });
});
