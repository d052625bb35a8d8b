// html-validate (recommended preset) on every kind of page the site writes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HtmlValidate, type Message } from 'html-validate';
import { describe, expect, test } from 'vitest';
import { corpusBaseSite, corpusMissing, corpusSite, sampleSite, skipping } from '../support/sites.js';
import { htmlFiles } from './html.js';

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // rehype-stringify writes `<!doctype html>`; both spellings are valid HTML,
    // so only consistency is checked.
    'doctype-style': ['error', { style: 'lowercase' }],
    // Titles are the code plus the docs' own title, code first: a tab or a
    // search result that cuts the end still shows the code. Cutting the
    // docs' wording to fit 70 characters would lose meaning.
    'long-title': 'off'
  }
});

async function problems(site: string, rel: string): Promise<string[]> {
  const report = await validator.validateString(readFileSync(path.join(site, rel), 'utf8'), rel);
  return report.results.flatMap((r) => r.messages.filter((m: Message) => m.severity === 2).map((m) => `${rel}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
}

/** One of each kind of page: the named pages must exist, or the test is checking nothing. */
const corpusPages = [
  'index.html',
  'errors/index.html',
  'errors/severity/crit/index.html',
  'errors/status/retired/index.html',
  'errors/WSGI0030/index.html',
  'errors/WSGI0037/index.html',
  'directives/index.html',
  'directives/WSGIDaemonProcess/index.html',
  '404.html',
  'triage/index.html',
  'error-reference.html',
  'configuration-directives/WSGISocketPrefix.html',
  'errors/wsgi0030/index.html'
];

describe('html-validate', () => {
  test('the kinds of pages on a deliberately broken snippet are caught (the validator is live)', async () => {
    const report = await validator.validateString('<!doctype html><html lang="en"><head><title>x</title></head><body><p id="a"></p><p id="a"></p><input></body></html>', 'probe.html');
    const rules = report.results.flatMap((r) => r.messages.map((m) => m.ruleId));
    expect(rules).toContain('no-dup-id');
    expect(rules).toContain('no-implicit-input-type');
  });

  test('every page of the sample build has no errors', async () => {
    const files = htmlFiles(sampleSite);
    expect(files.length).toBeGreaterThan(40);
    const found = (await Promise.all(files.map((f) => problems(sampleSite, f)))).flat();
    expect(found).toEqual([]);
  });

  describe.skipIf(skipping('html-validate on the corpus build', corpusMissing()))('corpus build', () => {
    for (const rel of corpusPages) {
      test(rel, async () => {
        expect(await problems(corpusSite, rel)).toEqual([]);
      });
    }

    test('the same pages under /mod_wsgi/', async () => {
      const found = (await Promise.all(corpusPages.map((f) => problems(corpusBaseSite, f)))).flat();
      expect(found).toEqual([]);
    });
  });
});
