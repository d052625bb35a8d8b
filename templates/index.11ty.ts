// /: what the reference is, the severity ladder with counts, ways in.
import { h } from 'hastscript';
import type { Views } from '../scripts/site/views.js';
import { page } from './lib/layout.js';
import { badge } from './lib/parts.js';

export const data = { permalink: 'index.html', eleventyExcludeFromCollections: true };

export function render({ views }: { views: Views }): string {
  const { config, counts } = views;
  const base = config.base;
  return page(config, { title: config.title, path: '', description: config.description, bodyClass: 'page-home' }, [
    h('h1', config.title),
    h('p', { className: ['lede'] }, config.description),
    h('ul', { className: ['stats'] }, [
      h('li', [h('a', { href: `${base}errors/` }, [h('strong', String(counts.codes)), ' error codes'])]),
      h('li', [h('a', { href: `${base}errors/status/active/` }, [h('strong', String(counts.active)), ' active'])]),
      h('li', [h('a', { href: `${base}errors/status/retired/` }, [h('strong', String(counts.retired)), ' retired'])]),
      h('li', [h('a', { href: `${base}directives/` }, [h('strong', String(counts.directives)), ' directives'])]),
      h('li', [h('a', { href: `${base}runbooks/` }, [h('strong', String(counts.runbooks)), counts.runbooks === 1 ? ' runbook' : ' runbooks'])])
    ]),
    h('section', { className: ['part', 'how'], ariaLabelledBy: 'how-title' }, [
      h('h2', { id: 'how-title' }, 'Got a log line?'),
      h('p', [
        'Paste it into the search box above, with or without its ',
        h('code', 'WSGI####'),
        ' code, or type a code such as ',
        h('code', 'WSGI0117'),
        ' or just ',
        h('code', '0117'),
        '. Every code also has a permanent address: ',
        h('code', `${base}errors/WSGI0117/`),
        '.'
      ]),
      h('p', [
        'Got a screenful of them, or a whole log? ',
        h('a', { href: `${base}triage/` }, 'Triage them'),
        ': paste the lines or drop the file, and see them counted by code, with the lines nothing matched. It runs in the browser; nothing is sent anywhere.'
      ])
    ]),
    h('section', { className: ['part'], ariaLabelledBy: 'ladder-title' }, [
      h('h2', { id: 'ladder-title' }, 'Severity ladder'),
      ...views.referenceProse.ladderIntro,
      h('table', { className: ['ladder'] }, [
        h('caption', { className: ['visually-hidden'] }, 'Severity levels, what they mean and how many codes use each'),
        h('thead', h('tr', [h('th', { scope: 'col' }, 'Level'), h('th', { scope: 'col' }, 'Meaning'), h('th', { scope: 'col' }, 'Codes')])),
        h(
          'tbody',
          views.ladder.map((l) =>
            h('tr', [
              h('th', { scope: 'row' }, badge(l.severity, false)),
              h('td', l.meaningText),
              // The unit is for narrow screens, where the column heading is hidden.
              h('td', { className: ['count'] }, [
                l.count > 0 ? h('a', { href: `${base}errors/severity/${l.severity.toLowerCase()}/` }, String(l.count)) : '0',
                h('span', { className: ['unit'] }, l.count === 1 ? ' code' : ' codes')
              ])
            ])
          )
        )
      ])
    ]),
    views.intro.length ? h('section', { className: ['part', 'intro'], ariaLabelledBy: 'about-title' }, [h('h2', { id: 'about-title' }, 'About the codes'), ...views.intro]) : null
  ].filter((x) => x !== null));
}
