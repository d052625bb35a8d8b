// /triage/: paste many lines of the Apache error log, or give a log file, and
// get what `wsgi-errors scan` prints: a table by code, the near matches and
// the lines nothing matched. The work is done in the page (public/triage.ts
// and its worker); the page itself is a form and empty places for results.
import { h } from 'hastscript';
import type { Views } from '../scripts/site/views.js';
import { page } from './lib/layout.js';
import { breadcrumbs } from './lib/parts.js';

export const data = { permalink: 'triage/index.html', eleventyExcludeFromCollections: true };

export function render({ views }: { views: Views }): string {
  const { config } = views;
  return page(
    config,
    {
      title: 'Triage a log excerpt',
      path: 'triage/',
      description: 'Paste lines from the Apache error log, or give a log file, and see them counted by mod_wsgi error code, in the browser.',
      scripts: ['triage.js'],
      bodyClass: 'page-triage'
    },
    [
      breadcrumbs(config.base, [{ label: 'Triage' }]),
      h('h1', 'Triage a log excerpt'),
      h('p', { className: ['lede'] }, [
        'Paste lines from the Apache error log, as many as you have, or give a log file: each line is matched as the search box matches one, and you get a table by error code with the lines nothing matched. ',
        h('strong', 'It all happens in this page: nothing is sent anywhere.')
      ]),
      h('form', { className: ['triage-form'], dataTriageForm: '' }, [
        h('div', { className: ['triage-drop'], dataTriageDrop: '' }, [
          h('label', { htmlFor: 'triage-input' }, 'Log lines'),
          h('textarea', {
            id: 'triage-input',
            rows: 10,
            spellCheck: 'false',
            autoComplete: 'off',
            autoCapitalize: 'off',
            placeholder: '[Sat Nov 21 19:54:23.643276 2026] [wsgi:error] [pid 4242] …',
            ariaDescribedBy: 'triage-hint'
          }),
          h('p', { id: 'triage-hint', className: ['note'] }, [
            'One log line per line. A paste is summarised at once. Or drop a log file on this page (gzip-compressed too), or ',
            h('label', { htmlFor: 'triage-file' }, 'choose a log file'),
            ': ',
            h('input', { type: 'file', id: 'triage-file', accept: '.log,.txt,.gz,text/plain' })
          ])
        ]),
        h('p', { className: ['triage-actions'] }, [h('button', { type: 'submit' }, 'Summarise'), ' ', h('button', { type: 'button', dataTriageClear: '' }, 'Clear')]),
        h('progress', { id: 'triage-progress', ariaLabel: 'Reading the file', hidden: true })
      ]),
      h('p', { id: 'triage-status', className: ['triage-status'], role: 'status' }),
      h('noscript', h('p', ['This page needs JavaScript. In a terminal, ', h('code', 'wsgi-errors scan error_log'), ' gives the same summary.'])),
      h('section', { id: 'triage-results', className: ['triage-results'], ariaLabel: 'Summary', dataState: 'idle', hidden: true }),
      h('p', { className: ['note'] }, [
        'On a machine with Node, ',
        h('code', 'wsgi-errors scan'),
        ' gives the same summary in a terminal, for logs of any size. To look one line up, use the search box above.'
      ])
    ]
  );
}
