// The dev build's plan (scripts/dev/affected.ts): after an edit of the sample
// in content/, every item page whose HTML changed is among the pages the plan
// renders again (what it shows is unchanged, so is the page), and the plan stays small: an edit
// of one cause renders that code's page alone.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel, type DocInput } from '../../scripts/model/build-model.js';
import { plan, type Site } from '../../scripts/dev/affected.js';
import { buildViews, type Views } from '../../scripts/site/views.js';
import { itemPages } from '../../templates/entry-pages.js';
import { root } from '../support/sites.js';

const content = path.join(root, 'content');
const read = (dir: string, names: string[]): DocInput[] => names.map((n) => ({ path: n, value: readFileSync(path.join(dir, n), 'utf8') }));
const docs = read(content, ['error-reference.rst', 'configuration.rst', ...readdirSync(path.join(content, 'configuration-directives')).map((n) => `configuration-directives/${n}`)]);
const runbooks = read(content, readdirSync(path.join(content, 'runbooks')).map((n) => `runbooks/${n}`));
const config = { title: 'Test', description: 'd', base: '/ref/', siteUrl: '', upstream: 'https://example.org/docs/', icon: 'data:,' };

type Edit = (file: string, text: string) => string;

function site(edit: Edit = (_f, t) => t) {
  const value = (i: DocInput) => edit(i.path, i.value as string);
  const { model } = buildModel(
    docs.map((i) => ({ ...i, value: value(i) })),
    { runbooks: runbooks.map((i) => ({ ...i, value: value(i) })) }
  );
  expect(model.diagnostics.filter((d) => d.fatal)).toEqual([]);
  const views = buildViews(model, config);
  const made: Site = { model, redirects: views.redirects };
  return { made, html: rendered(views) };
}

function rendered(views: Views): Map<string, string> {
  return new Map([...itemPages(views)].map(([id, render]) => [id, render().html]));
}

const before = site();

/** Ids of the pages whose HTML differs (or that came or went). */
function changedPages(after: Map<string, string>): string[] {
  const ids = new Set([...before.html.keys(), ...after.keys()]);
  return [...ids].filter((id) => before.html.get(id) !== after.get(id)).sort();
}

const onlyIn = (file: string, from: string | RegExp, to: string): Edit => (f, t) => {
  if (f !== file) return t;
  const next = t.replace(from, to);
  expect(next).not.toBe(t);
  return next;
};

describe('the dev plan', () => {
  it('renders nothing when nothing changed, and everything from scratch', () => {
    expect(plan(before.made, site().made)).toEqual({ render: [], remove: [], listings: false });
    expect(plan(null, before.made).render).toHaveLength(before.html.size);
  });

  const cases: { name: string; edit: Edit; exactly?: string[]; listings: boolean }[] = [
    {
      name: 'a word of one cause: that code page alone',
      edit: onlyIn('error-reference.rst', 'could not make one. Typical reasons:', 'could not make one. The usual reasons:'),
      exactly: ['error:WSGI0030'],
      listings: false
    },
    {
      name: 'lines added above other entries (their positions move): that code page alone',
      edit: onlyIn('error-reference.rst', 'could not make one. Typical reasons:', 'could not make one.\n   Typical reasons,\n   in order:'),
      exactly: ['error:WSGI0030'],
      listings: false
    },
    {
      name: 'a title: the page, its neighbours, the pages linking either way, redirects listing it, the listings',
      edit: onlyIn('error-reference.rst', /WSGI0030 — Accept lock could not be created\n-+/, 'WSGI0030 — The accept lock could not be created\n-----------------------------------------------'),
      listings: true
    },
    {
      name: 'a severity',
      edit: onlyIn('error-reference.rst', /(WSGI0007 — Daemon process could not switch user\n-+\n\n:Severity: )ALERT/, '$1CRIT'),
      listings: true
    },
    {
      name: 'a new :ref: from one code to another: both pages',
      edit: onlyIn('error-reference.rst', 'could not make one. Typical reasons:', 'could not make one (see :ref:`WSGI0007`). Typical reasons:'),
      listings: false
    },
    {
      name: 'a runbook that names one more code: the runbook and that code page',
      edit: onlyIn('runbooks/accept-lock-semaphores.md', '- WSGI0017: a running daemon', '- WSGI0007: the daemon could not switch user.\n- WSGI0017: a running daemon'),
      listings: true
    },
    {
      name: 'a runbook title',
      edit: onlyIn('runbooks/accept-lock-semaphores.md', 'title: Daemon group will not start, accept lock cannot be created', 'title: The accept lock cannot be created'),
      listings: true
    },
    {
      name: 'a directive description',
      edit: (f, t) => (f.startsWith('configuration-directives/WSGIAcceptMutex') ? t.replace(/^(:Description: ).*$/m, '$1Picks the accept mutex.') : t),
      listings: true
    }
  ];

  for (const c of cases) {
    it(`after ${c.name}, every page that changed is rendered again`, () => {
      const after = site(c.edit);
      const p = plan(before.made, after.made);
      const changed = changedPages(after.html);
      expect(changed.length).toBeGreaterThan(0);
      for (const id of changed) expect(p.render, `${id} changed but is not in the plan`).toContain(id);
      if (c.exactly) expect(p.render.sort()).toEqual(c.exactly);
      // Far fewer than every page.
      expect(p.render.length).toBeLessThan(before.html.size / 2);
      expect(p.listings).toBe(c.listings);
    });
  }

  it('removes the pages of a code that is gone, alias included', () => {
    // The code's section goes, and what named it names WSGI0030 instead.
    const cut: Edit = (f, t) => (f === 'error-reference.rst' ? t.replace(/\.\. _WSGI0031:[\s\S]*?(?=\.\. _WSGI0116:)/, '') : t).replaceAll('WSGI0031', 'WSGI0030');
    const after = site(cut);
    const p = plan(before.made, after.made);
    expect(p.remove.sort()).toEqual(['errors/WSGI0031/index.html', 'errors/wsgi0031/index.html']);
    for (const id of changedPages(after.html)) if (after.html.has(id)) expect(p.render).toContain(id);
    expect(p.listings).toBe(true);
  });
});
