// Runbooks: Markdown in, mentions linked, backlinks out, bad codes reported
// with file:line:column. Fixtures are small runbooks written here.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../scripts/model/build-model.js';
import { readDocs } from '../../scripts/model/read-docs.js';
import { corpusDocs, corpusMissing, root, skipping } from '../support/sites.js';
import { withRule } from '../support.js';
import { html, modelWith, runbook } from './support.js';

const lamp = `---
title: The lamp flickers
summary: What to check when the lamp goes dark.
---

# Steps

First look for WSGI0001 in the log, then read \`WSGI0004\`.
The directive \`WSGIProcessGroup\` and plain WSGIDaemonProcess matter too.
Already linked: [the code](/errors/WSGI0002/).

\`\`\`text
[Mon Jan 05 10:00:00 2026] [wsgi:error] [pid 7] WSGI0001: lamp out
\`\`\`
`;

describe('runbooks', () => {
  it('reads title and summary from the front matter and slugs the file name', () => {
    const model = modelWith(runbook('Lamp_Flicker', lamp));
    expect(model.runbooks.map((r) => [r.slug, r.title, r.summary])).toEqual([['lamp-flicker', 'The lamp flickers', 'What to check when the lamp goes dark.']]);
    expect(model.diagnostics).toEqual([]);
  });

  it('links every code and directive name: prose, inline code, code blocks and site URLs', () => {
    const model = modelWith(runbook('lamp', lamp));
    const { html: out } = html(model, 'lamp');
    expect(out).toContain('<a href="/errors/WSGI0001/"');
    expect(out).toMatch(/<a href="\/errors\/WSGI0004\/"[^>]*><code>WSGI0004<\/code><\/a>/);
    expect(out).toMatch(/<a href="\/directives\/WSGIProcessGroup\/"[^>]*><code>WSGIProcessGroup<\/code><\/a>/);
    expect(out).toContain('<a href="/directives/WSGIDaemonProcess/"');
    expect(out).toMatch(/<pre><code class="language-text">\[Mon Jan 05[^<]*<a href="\/errors\/WSGI0001\/"[^>]*>WSGI0001<\/a>: lamp out/);
    expect(out).toMatch(/<a href="\/errors\/WSGI0002\/"[^>]*>the code<\/a>/);
    // The page has its own h1 (the title): a runbook's `#` heading sits below it.
    expect(out).toContain('<h2 id="steps">Steps</h2>');
    const targets = model.runbooks[0]?.references.map((r) => r.target);
    expect(targets).toEqual(['WSGI0001', 'WSGI0004', 'WSGIProcessGroup', 'WSGIDaemonProcess', '/errors/WSGI0002/', 'WSGI0001']);
  });

  it('gives every mentioned entry a backlink, listed apart as runbooks on code pages', () => {
    const model = modelWith(runbook('lamp', lamp));
    const byCode = new Map(model.errors.map((e) => [e.code, e]));
    for (const code of ['WSGI0001', 'WSGI0002', 'WSGI0004']) expect(byCode.get(code)?.referencedBy).toContainEqual({ kind: 'runbook', slug: 'lamp' });
    expect(byCode.get('WSGI0005')?.referencedBy ?? []).not.toContainEqual({ kind: 'runbook', slug: 'lamp' });
    const { views } = html(model, 'lamp');
    const page = views.errors.find((e) => e.entry.code === 'WSGI0001');
    expect(page?.runbooks.map((r) => [r.href, r.label])).toEqual([['/runbooks/lamp/', 'The lamp flickers']]);
    expect(page?.referencedBy.some((r) => r.kind === 'runbook')).toBe(false);
    const directive = views.directives.find((d) => d.entry.name === 'WSGIProcessGroup');
    expect(directive?.runbooks.map((r) => r.href)).toEqual(['/runbooks/lamp/']);
  });

  it('a code that does not exist is a fatal unknown-code at its line and column, wherever it is', () => {
    const doc = `---\ntitle: Ghosts\nsummary: Codes nobody allocated.\n---\n\nSee WSGI0999 here.\n\nAnd \`WSGI0998\` there.\n\n\`\`\`\nlog: WSGI0997: nope\n\`\`\`\n`;
    const model = modelWith(runbook('ghosts', doc));
    const found = withRule(model.diagnostics, 'unknown-code').map((d) => [d.file, d.line, d.column, d.fatal]);
    expect(found).toEqual([
      ['runbooks/ghosts.md', 6, 5, true],
      ['runbooks/ghosts.md', 8, 5, true],
      ['runbooks/ghosts.md', 11, 6, true]
    ]);
    expect(model.runbooks).toHaveLength(1);
    expect(html(model, 'ghosts').html).not.toContain('/errors/WSGI0999/');
  });

  it('a link within the site to a code or directive page that does not exist is an error at the link; other sites are theirs', () => {
    const doc = `---\ntitle: Dead links\nsummary: Pages nobody made.\n---\n\nSee [the ghost](/errors/WSGI0999/) and [that](../directives/WSGINoSuchThing/).\n\nElsewhere: [theirs](https://example.org/errors/WSGI0999/), [fine](/errors/WSGI0001/).\n`;
    const model = modelWith(runbook('dead', doc));
    expect(model.diagnostics.map((d) => [d.ruleId, d.line, d.column, d.fatal])).toEqual([
      ['unknown-code', 6, 5, true],
      ['unknown-directive', 6, 40, true]
    ]);
    expect(model.diagnostics[0]?.message).toMatch(/\/errors\/WSGI0999\/ leads nowhere: `WSGI0999` is not a code/);
  });

  it('a retired code is a warning and still links to its retired page', () => {
    const doc = `---\ntitle: Old notes\nsummary: Mentions a retired code.\n---\n\nOnce WSGI0003 was logged.\n`;
    const model = modelWith(runbook('old', doc));
    expect(model.diagnostics.map((d) => [d.ruleId, d.line, d.column, d.fatal])).toEqual([['retired-code', 6, 6, false]]);
    expect(html(model, 'old').html).toContain('<a href="/errors/WSGI0003/"');
  });

  it('missing or broken front matter is an error, and the runbook is still kept', () => {
    const none = modelWith(runbook('bare', '# Just a heading\n\nWSGI0001.\n'));
    expect(withRule(none.diagnostics, 'missing-front-matter').map((d) => [d.line, d.fatal])).toEqual([
      [1, true],
      [1, true]
    ]);
    expect(none.runbooks.map((r) => r.title)).toEqual(['bare']);
    const broken = modelWith(runbook('broken', '---\ntitle: [unclosed\n---\n\ntext\n'));
    const problems = withRule(broken.diagnostics, 'front-matter');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.fatal).toBe(true);
    expect(problems[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it('an unknown YAML tag in front matter is a warning at its place, not a warning printed by the process', () => {
    const printed: string[] = [];
    const listener = (warning: Error) => printed.push(warning.message);
    process.on('warning', listener);
    try {
      const tagged = modelWith(runbook('tagged', '---\ntitle: !What Lamp care\nsummary: x\n---\n\nWSGI0001.\n'));
      const problems = withRule(tagged.diagnostics, 'front-matter');
      expect(problems.map((d) => [d.line, d.column, d.fatal])).toEqual([[2, 8, false]]);
      expect(problems[0]?.message).toMatch(/!What/);
      expect(tagged.runbooks.map((r) => r.title)).toEqual(['Lamp care']);
    } finally {
      process.off('warning', listener);
    }
    expect(printed).toEqual([]);
  });

  it('markup in a runbook is text, never HTML', () => {
    const doc = `---\ntitle: Tags\nsummary: x\n---\n\nA value like \`<script>alert(1)</script>\` in WSGI0001 lines.\n`;
    const out = html(modelWith(runbook('tags', doc)), 'tags').html;
    expect(out).toContain('&#x3C;script>alert(1)&#x3C;/script>');
    expect(out).not.toContain('<script>');
  });

  it("the project's runbooks build against the real reference without a warning", async (ctx) => {
    if (skipping('runbooks against the corpus', corpusMissing())) return ctx.skip();
    const folder = await readDocs(corpusDocs);
    const dir = path.join(root, 'content/runbooks');
    const runbooks = readdirSync(dir)
      .filter((n) => n.endsWith('.md'))
      .map((n) => ({ path: `content/runbooks/${n}`, value: readFileSync(path.join(dir, n), 'utf8') }));
    const { model } = buildModel(folder.inputs, { allDocs: folder.allDocs, runbooks });
    expect(model.diagnostics.filter((d) => d.file.startsWith('content/runbooks/'))).toEqual([]);
    expect(model.runbooks.map((r) => r.slug)).toEqual(['accept-lock-semaphores', 'daemon-privilege-drop', 'daemon-socket-503']);
    const mentioned = (slug: string) => new Set(model.runbooks.find((r) => r.slug === slug)?.references.flatMap((r) => (r.resolution.type === 'entry' && r.resolution.entry.kind === 'error' ? [r.resolution.entry.code] : [])));
    for (const code of ['WSGI0030', 'WSGI0031', 'WSGI0017', 'WSGI0026']) expect(mentioned('accept-lock-semaphores').has(code)).toBe(true);
    for (const code of ['WSGI0116', 'WSGI0117']) expect(mentioned('daemon-socket-503').has(code)).toBe(true);
    for (let n = 3; n <= 11; n++) expect(mentioned('daemon-privilege-drop').has(`WSGI${String(n).padStart(4, '0')}`)).toBe(true);
    expect(mentioned('daemon-privilege-drop').has('WSGI0025')).toBe(true);
    const prefix = model.directives.find((d) => d.name === 'WSGISocketPrefix');
    expect(prefix?.referencedBy).toContainEqual({ kind: 'runbook', slug: 'daemon-socket-503' });
  });
});
