// The page shell every template shares: head (CSP, canonical, no third-party
// anything), header with the search box, footer. Built as hast; what every page
// shares is serialised once per site (see Shell).
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { toHtml } from '../../scripts/render/render.js';
import type { SiteConfig } from '../../scripts/site/views.js';
import { focusableScrollers } from './parts.js';

export interface PageMeta {
  title: string;
  /** Path below the base path: `errors/WSGI0030/` ('' for home). */
  path: string;
  description?: string;
  /** A redirect page: where to go (path below the base), kept with the fragment by redirect.js. */
  redirect?: string;
  /** The old single-page reference: `#wsgi0030` fragments go to that code's page. */
  redirectCodes?: boolean;
  /** Extra scripts (below the base path), loaded with `defer`. */
  scripts?: string[];
  noindex?: boolean;
  bodyClass?: string;
}

// 'wasm-unsafe-eval' is what Pagefind's WebAssembly needs; nothing else is loosened.
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'"
].join('; ');

export function absolute(config: SiteConfig, path: string): string {
  return `${config.siteUrl.replace(/\/$/, '')}${config.base}${path}`;
}

/**
 * The parts of the page that are the same on every page of a site, each
 * serialised once by rehype-stringify (toHtml) and kept as a string: the page
 * shell is one tree, made and serialised once, with the page's own parts
 * serialised into its gaps. At 10,000 codes there are 20,000 pages, and making
 * and escaping the same header, footer and head on each was a third of the time
 * spent rendering. Only toHtml's output is ever joined: no content string
 * reaches the HTML without going through the serialiser.
 */
interface Shell {
  doctype: string;
  head: [string, string];
  /** charset, viewport and the Content-Security-Policy. */
  headStart: string;
  colorScheme: string;
  /** The stylesheet and the icon. */
  styleAndIcon: string;
  /** The skip link and the header with the search box. */
  header: string;
  main: [string, string];
  footer: string;
}

/** Stands for an element's content while its tags are serialised. */
const gap = 'wsgi-errors:content';

/** An element's start and end tags, as toHtml writes them. */
function tagsOf(element: Element): [string, string] {
  const html = toHtml({ type: 'root', children: [{ ...element, children: [{ type: 'comment', value: gap }] }] });
  const [start, end] = html.split(`<!--${gap}-->`);
  if (start === undefined || end === undefined) throw new Error(`layout: no gap in <${element.tagName}>`);
  return [start, end];
}

const serialise = (nodes: (ElementContent | null)[]): string => toHtml({ type: 'root', children: nodes.filter((n): n is ElementContent => n !== null) });

const shells = new WeakMap<SiteConfig, Shell>();

function shellOf(config: SiteConfig): Shell {
  let shell = shells.get(config);
  if (shell) return shell;
  const base = config.base;
  shell = {
    doctype: toHtml({ type: 'root', children: [{ type: 'doctype' }] }),
    head: tagsOf(h('head')),
    headStart: serialise([
      h('meta', { charSet: 'utf-8' }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      h('meta', { httpEquiv: 'Content-Security-Policy', content: contentSecurityPolicy })
    ]),
    colorScheme: serialise([h('meta', { name: 'color-scheme', content: 'light dark' })]),
    styleAndIcon: serialise([
      h('link', { rel: 'stylesheet', href: `${base}style.css` }),
      // Inline: a browser asks for a linked icon again each time the search puts
      // the query in the URL, holding a connection the search's files wait for.
      h('link', { rel: 'icon', href: config.icon, type: 'image/svg+xml' })
    ]),
    header: serialise([
      h('a', { className: ['skip'], href: '#main' }, 'Skip to content'),
      h('header', { className: ['site-header'] }, [
        h('div', { className: ['wrap', 'bar'] }, [
          h('a', { className: ['brand'], href: base }, [h('span', { className: ['brand-mark'], ariaHidden: 'true' }, 'W'), ' ', config.title]),
          h('nav', { className: ['site-nav'], ariaLabel: 'Site' }, [
            h('ul', [
              h('li', h('a', { href: `${base}errors/` }, 'Error codes')),
              h('li', h('a', { href: `${base}directives/` }, 'Directives')),
              h('li', h('a', { href: `${base}runbooks/` }, 'Runbooks')),
              h('li', h('a', { href: `${base}triage/` }, 'Triage'))
            ])
          ]),
          h('form', { className: ['search'], role: 'search', action: base, method: 'get', dataSearchForm: '' }, [
            h('label', { className: ['visually-hidden'], htmlFor: 'search-input' }, 'Search codes, messages and log lines'),
            h('input', {
              type: 'search',
              id: 'search-input',
              name: 'q',
              // Short enough to show whole on a 320 px screen (an e2e test measures it).
              placeholder: 'WSGI0117 or log line',
              autoComplete: 'off',
              spellCheck: 'false',
              enterKeyHint: 'search'
            }),
            h('button', { type: 'submit' }, 'Search')
          ])
        ]),
        h('div', { className: ['wrap'] }, [h('section', { className: ['search-results'], dataSearchResults: '', ariaLabel: 'Search results', ariaLive: 'polite', hidden: true })])
      ])
    ]),
    main: tagsOf(h('main', { id: 'main', className: ['wrap'], tabIndex: -1 })),
    footer: serialise([
      h('footer', { className: ['site-footer'] }, [
        h('div', { className: ['wrap'] }, [
          h('p', [
            'Built from the mod_wsgi documentation. ',
            h('a', { href: `${base}errors.json` }, 'errors.json'),
            ' · ',
            h('a', { href: config.upstream, className: ['external'] }, 'Upstream docs')
          ])
        ])
      ])
    ])
  };
  shells.set(config, shell);
  return shell;
}

export function page(config: SiteConfig, meta: PageMeta, main: ElementContent[]): string {
  const base = config.base;
  const shell = shellOf(config);
  const fullTitle = meta.path === '' ? config.title : `${meta.title} · ${config.title}`;
  const html = tagsOf(h('html', { lang: 'en', dataBase: base, dataRedirect: meta.redirect, dataRedirectCodes: meta.redirectCodes ? '' : undefined }));
  const body = tagsOf(h('body', { className: meta.bodyClass ? [meta.bodyClass] : undefined }));
  return [
    shell.doctype,
    html[0],
    shell.head[0],
    shell.headStart,
    serialise([
      h('title', fullTitle),
      meta.description ? h('meta', { name: 'description', content: meta.description }) : null,
      meta.noindex ? h('meta', { name: 'robots', content: 'noindex' }) : null
    ]),
    shell.colorScheme,
    serialise([h('link', { rel: 'canonical', href: absolute(config, meta.redirect ?? meta.path) })]),
    shell.styleAndIcon,
    serialise([
      meta.redirect !== undefined ? h('script', { src: `${base}redirect.js` }) : null,
      meta.redirect !== undefined ? h('meta', { httpEquiv: 'refresh', content: `0; url=${base}${meta.redirect}` }) : null,
      h('script', { src: `${base}site.js`, defer: true }),
      meta.redirect === undefined ? h('script', { src: `${base}search.js`, defer: true }) : null,
      ...(meta.scripts ?? []).map((s) => h('script', { src: `${base}${s}`, defer: true }))
    ]),
    shell.head[1],
    body[0],
    shell.header,
    shell.main[0],
    serialise(focusableScrollers(main)),
    shell.main[1],
    shell.footer,
    body[1],
    html[1]
  ].join('');
}
