// Bad input in a runbook's Markdown: ordinary markup in odd places renders
// (never a stack trace), raw HTML is sanitized the way GitHub does it, and an
// unsafe URL anywhere (link, autolink, image, definition, raw HTML) is a fatal
// `unsafe-url` at its line and column that never reaches an href or src.
import { describe, expect, it } from 'vitest';
import { html, modelWith, runbook } from '../runbooks/support.js';

const front = '---\ntitle: Hostile\nsummary: Markdown that tries things.\n---\n\n';
/** The body starts on line 6, below the front matter. */
const line = (n: number) => 5 + n;

/** An unsafe scheme inside any attribute value of the output. */
const unsafeAttribute = /="\s*(?:javascript|data|vbscript|file):/i;

interface Case {
  name: string;
  body: string;
  /** Every diagnostic, as `ruleId line:column`. */
  diagnostics: string[];
  /** Must be in the page's HTML (the markup that renders). */
  shows?: string[];
  /** Must not. */
  hides?: string[];
}

const cases: Case[] = [
  { name: 'inline HTML in a heading', body: '## Restart <b>now</b>', diagnostics: [], shows: ['<h2 id="restart-now">Restart <b>now</b></h2>'] },
  { name: 'an image in a heading', body: '## ![x](a.png) Title', diagnostics: [], shows: ['<h2 id="title"><img src="a.png" alt="x"> Title</h2>'] },
  {
    name: 'a footnote reference in a heading',
    body: '## See[^1]\n\n[^1]: The note.',
    diagnostics: [],
    shows: ['<h2 id="see1">See<sup><a href="#user-content-fn-1" id="user-content-fnref-1"', '<li id="user-content-fn-1">', 'href="#user-content-fnref-1"']
  },
  { name: 'a comment in a heading', body: '## <!-- c --> Heading', diagnostics: [], shows: ['<h2 id="heading"> Heading</h2>'], hides: ['<!--'] },
  { name: 'a raw <script> block is sanitized away', body: '<script>alert(1)</script>\n\nAfter.', diagnostics: [], shows: ['<p>After.</p>'], hides: ['<script', 'alert(1)'] },
  { name: 'event handlers and styles on raw HTML', body: '<div onclick="alert(1)" style="color:red">hi</div>', diagnostics: [], shows: ['<div>hi</div>'], hides: ['onclick', 'style='] },
  { name: 'an iframe', body: '<iframe src="https://evil.example/"></iframe>\n\nText.', diagnostics: [], hides: ['<iframe', 'evil.example'] },
  { name: 'an id that could clobber a global is prefixed', body: '<h2 id="location">Clobber</h2>', diagnostics: [], shows: ['<h2 id="user-content-location">Clobber</h2>'] },
  { name: 'raw <a href="javascript:...">', body: '<a href="javascript:alert(1)">x</a>', diagnostics: [`unsafe-url ${line(1)}:1`], shows: ['<a>x</a>'] },
  { name: 'raw HTML after text, upper case scheme', body: 'Text <a href="JAVASCRIPT:alert(1)">y</a>', diagnostics: [`unsafe-url ${line(1)}:6`] },
  { name: 'raw <img> with an entity-hidden tab in the scheme', body: 'A\n\n<img src="java&#x09;script:alert(1)">', diagnostics: [`unsafe-url ${line(3)}:1`], hides: ['<img src'] },
  { name: 'raw HTML in a list item', body: '- item\n  and <a href="vbscript:msgbox(1)">y</a>', diagnostics: [`unsafe-url ${line(2)}:7`] },
  { name: 'a Markdown link', body: 'Click [x](javascript:alert(1)) now.', diagnostics: [`unsafe-url ${line(1)}:7`], shows: ['<p>Click x now.</p>'] },
  { name: 'an entity-encoded Markdown link', body: '[x](&#106;avascript:alert(1))', diagnostics: [`unsafe-url ${line(1)}:1`], shows: ['<p>x</p>'] },
  // CommonMark: any scheme of 2-32 characters makes an autolink; its text is still shown, as text.
  { name: 'an autolink', body: 'See <javascript:alert(1)>.', diagnostics: [`unsafe-url ${line(1)}:5`], shows: ['<p>See javascript:alert(1).</p>'] },
  {
    name: 'a link reference definition',
    body: 'Use [x][d].\n\n[d]: data:text/html,<script>alert(1)</script>',
    diagnostics: [`unsafe-url ${line(3)}:1`],
    shows: ['<p>Use <a>x</a>.</p>'],
    hides: ['<script']
  },
  { name: 'an image', body: '![i](data:image/svg+xml;base64,PHN2Zz4=)', diagnostics: [`unsafe-url ${line(1)}:1`], shows: ['<img alt="i">'] },
  { name: 'an image reference', body: '![i][pic]\n\n[pic]: vbscript:msgbox(1)', diagnostics: [`unsafe-url ${line(3)}:1`], shows: ['<img alt="i">'] },
  { name: 'a file: URL', body: '[passwd](file:///etc/passwd)', diagnostics: [`unsafe-url ${line(1)}:1`], hides: ['file:'] },
  {
    name: 'safe URLs are kept',
    body: '[a](https://example.org/) [b](/errors/WSGI0001/) [c](#top) [d](mailto:ops@example.org) ![e](pic.png)',
    diagnostics: [],
    shows: ['href="https://example.org/" class="external"', 'href="/errors/WSGI0001/"', 'href="#top"', 'href="mailto:ops@example.org"', 'src="pic.png"']
  }
];

describe('bad input: runbook Markdown', () => {
  it.each(cases)('$name', ({ body, diagnostics, shows = [], hides = [] }) => {
    const model = modelWith(runbook('hostile', front + body + '\n'));
    expect(model.diagnostics.map((d) => `${d.ruleId} ${d.line}:${d.column}`)).toEqual(diagnostics);
    expect(model.diagnostics.every((d) => d.fatal === (d.ruleId === 'unsafe-url') && d.file === 'runbooks/hostile.md')).toBe(true);
    expect(model.runbooks.map((r) => r.slug)).toEqual(['hostile']);
    const out = html(model, 'hostile').html;
    expect(out).not.toMatch(unsafeAttribute);
    expect(out).not.toMatch(/<script|\son\w+=/i);
    for (const s of shows) expect(out).toContain(s);
    for (const s of hides) expect(out).not.toContain(s);
  });
});
