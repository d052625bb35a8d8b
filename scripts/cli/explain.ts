// `explain CODE`: one entry laid out for reading in a terminal, the way
// `rustc --explain` does it: heading, facts, then each section as wrapped text.
import { nearestCodes, normaliseCode } from './codes.js';
import { CliError } from './fail.js';
import type { CliEntry, Reference } from './reference.js';
import { type Style, wrap } from './terminal.js';

export interface Explained {
  text: string;
  exitCode: number;
}

export function explain(input: string, reference: Reference, style: Style, width: number): Explained {
  const code = normaliseCode(input);
  if (code === null) throw new CliError(`\`${input}\` is not a code: give WSGI followed by four digits, such as WSGI0030`);
  const entry = reference.entries.get(code);
  if (!entry) {
    const near = nearestCodes(code, reference.codes);
    const hint = near.length > 0 ? `\nNearest codes that exist: ${near.join(', ')}.` : '';
    return { text: `${style.bold(code)} is not allocated: no entry has this code in ${reference.where}.${hint}\n`, exitCode: 1 };
  }
  return { text: entry.retired ? retiredText(entry, reference, style, width) : activeText(entry, reference, style, width), exitCode: 0 };
}

const indent = '    ';

function section(title: string, body: string, style: Style, width: number): string {
  return `${style.bold(title)}\n${wrap(body, width, indent)}\n`;
}

function activeText(e: CliEntry, reference: Reference, style: Style, width: number): string {
  const facts: [string, string][] = [
    ['Severity', e.severity ? style.severity(e.severity, e.severity) : 'not given'],
    ['Source', e.source ?? 'not given'],
    ['URL', reference.urlOf(e.code)]
  ];
  const out = [`${style.bold(`${e.code}: ${e.title}`)}\n`, facts.map(([k, v]) => `${indent}${style.dim(k.padEnd(9))} ${v}`).join('\n') + '\n'];
  if (e.loggedMessage) {
    // The message is shown as logged, never re-wrapped, so it can be compared with the log.
    let body = `${indent}${e.loggedMessage.template}\n`;
    if (e.loggedMessage.notes) body += `\n${wrap(e.loggedMessage.notes, width, indent)}\n`;
    out.push(`${style.bold('Logged message')}\n${body}`);
  }
  if (e.cause) out.push(section('Cause', e.cause, style, width));
  if (e.outcome) out.push(section('Outcome', e.outcome, style, width));
  if (e.action) out.push(section('Operator action', e.action, style, width));
  return out.join('\n');
}

function retiredText(e: CliEntry, reference: Reference, style: Style, width: number): string {
  const out = [`${style.bold(`${e.code}: retired`)}\n`, `${indent}${style.dim('URL'.padEnd(9))} ${reference.urlOf(e.code)}\n`];
  out.push(wrap(`${e.code} is retired: mod_wsgi no longer logs it, and the number will not be given to anything else.`, width) + '\n');
  if (e.retiredNote) out.push(section('Note', e.retiredNote, style, width));
  return out.join('\n');
}
