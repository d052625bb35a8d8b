// Every internal link and fragment of the built corpus resolves, at base `/`
// and under `/mod_wsgi/`, old Sphinx URLs and lowercase aliases included.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { corpusBasePath, corpusBaseSite, corpusMissing, corpusSite, skipping } from '../support/sites.js';
import { type Page, attr, elements, htmlElement, htmlFiles, ids, linksOf, loadPage, redirectOf, resolveLink } from './html.js';

interface ModelJson {
  errors: { code: string; retired: boolean }[];
  directives: { name: string; options: { id: string }[] }[];
}

const sites = [
  { name: 'corpus', dir: corpusSite, base: '/' },
  { name: 'corpus under /mod_wsgi/', dir: corpusBaseSite, base: corpusBasePath }
];

describe.skipIf(skipping('link checks on the corpus build', corpusMissing()))('links of the corpus build', () => {
  for (const site of sites) {
    describe(site.name, () => {
      const pages = new Map<string, Page>();
      const pageAt = (rel: string): Page => {
        let p = pages.get(rel);
        if (!p) {
          p = loadPage(site.dir, rel, site.base);
          pages.set(rel, p);
        }
        return p;
      };
      const model = (): ModelJson => JSON.parse(readFileSync(path.join(site.dir, 'errors.json'), 'utf8')) as ModelJson;
      const isRedirect = (rel: string) => redirectOf(pageAt(rel)) !== undefined;

      test('has 210 code pages and 47 directive pages', () => {
        const files = htmlFiles(site.dir);
        const codes = files.filter((f) => /^errors\/WSGI\d{4}\/index\.html$/.test(f) && !isRedirect(f));
        const directives = files.filter((f) => /^directives\/[^/]+\/index\.html$/.test(f) && !isRedirect(f));
        expect(codes).toHaveLength(210);
        expect(directives).toHaveLength(47);
        expect(codes[0]).toBe('errors/WSGI0001/index.html');
        expect(codes[209]).toBe('errors/WSGI0210/index.html');
      });

      test('every internal href/src resolves to a written file and every fragment to an id', () => {
        const broken: string[] = [];
        let checked = 0;
        let fragments = 0;
        let external = 0;
        const files = htmlFiles(site.dir);
        for (const rel of files) {
          const page = pageAt(rel);
          const links = linksOf(page);
          const redirect = redirectOf(page);
          if (redirect !== undefined) links.push({ from: rel, tag: 'html', attribute: 'data-redirect', value: site.base + redirect });
          for (const link of links) {
            const r = resolveLink(site.dir, site.base, page, link.value);
            if (r.kind === 'external') {
              external++;
              continue;
            }
            if (r.kind !== 'internal') continue;
            checked++;
            const where = `${rel}: <${link.tag} ${link.attribute}="${link.value}">`;
            if (r.file === null) {
              broken.push(`${where} ${r.problem ?? 'broken'}`);
              continue;
            }
            if (link.value.includes('#') && r.fragment === '') broken.push(`${where} empty fragment`);
            if (r.fragment === '') continue;
            fragments++;
            if (!r.file.endsWith('.html')) broken.push(`${where} fragment on a file that is not a page`);
            else if (!ids(pageAt(r.file)).has(r.fragment)) broken.push(`${where} no id "${r.fragment}" in ${r.file}`);
          }
        }
        process.stdout.write(`${site.name}: ${files.length} pages, ${checked} internal links checked (${fragments} with fragments), ${external} external links not followed\n`);
        expect(broken).toEqual([]);
        expect(checked).toBeGreaterThan(5000);
        expect(fragments).toBeGreaterThan(0);
      });

      test('no page repeats an id, so every fragment names one place', () => {
        const repeated: string[] = [];
        for (const rel of htmlFiles(site.dir)) {
          const seen = new Set<string>();
          for (const el of elements(pageAt(rel))) {
            const id = el.attribs['id'];
            if (id === undefined) continue;
            if (seen.has(id)) repeated.push(`${rel}: #${id}`);
            seen.add(id);
          }
        }
        expect(repeated).toEqual([]);
      });

      test('/error-reference.html keeps every #wsgiNNNN: an id without JavaScript, the code page with it', () => {
        const old = pageAt('error-reference.html');
        expect(redirectOf(old)).toBe('errors/');
        expect(attr(htmlElement(old), 'data-redirect-codes')).toBe('');
        const oldIds = ids(old);
        const { errors } = model();
        expect(errors).toHaveLength(210);
        for (const e of errors) {
          expect(oldIds.has(e.code.toLowerCase()), `#${e.code.toLowerCase()}`).toBe(true);
          expect(existsSync(path.join(site.dir, 'errors', e.code, 'index.html')), e.code).toBe(true);
          const row = elements(old).find((el) => el.attribs['id'] === e.code.toLowerCase());
          const target = row ? elements(row, 'a').map((a) => attr(a, 'href')) : [];
          expect(target).toEqual([`${site.base}errors/${e.code}/`]);
        }
      });

      test('/configuration-directives/X.html and its #option fragments reach the directive page', () => {
        const { directives } = model();
        expect(directives).toHaveLength(47);
        let options = 0;
        for (const d of directives) {
          const old = pageAt(`configuration-directives/${d.name}.html`);
          expect(redirectOf(old), d.name).toBe(`directives/${d.name}/`);
          const target = ids(pageAt(`directives/${d.name}/index.html`));
          for (const o of d.options) {
            options++;
            expect(target.has(o.id), `${d.name}#${o.id}`).toBe(true);
          }
        }
        expect(options).toBeGreaterThan(20);
      });

      test('lowercase aliases redirect to the canonical pages', () => {
        const { errors, directives } = model();
        for (const e of errors) {
          const alias = pageAt(`errors/${e.code.toLowerCase()}/index.html`);
          expect(redirectOf(alias)).toBe(`errors/${e.code}/`);
          const canonical = elements(alias, 'link').find((l) => attr(l, 'rel') === 'canonical');
          expect(canonical && attr(canonical, 'href')).toMatch(new RegExp(`${site.base}errors/${e.code}/$`));
        }
        for (const d of directives) {
          const alias = pageAt(`directives/${d.name.toLowerCase()}/index.html`);
          expect(redirectOf(alias)).toBe(`directives/${d.name}/`);
        }
      });
    });
  }
});
