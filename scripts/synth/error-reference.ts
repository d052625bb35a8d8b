// A synthetic error-reference.rst: the severity ladder intro, then one entry
// per code with label, title and the six fields, a few retired entries, and
// :ref: / :doc: cross-references in about the density of the real reference.
import { formatCode } from '../model/code-syntax.js';
import type { SynthDirective } from './directive-pages.js';
import type { Random } from './random.js';
import { capitalise, field, title, wrap } from './rst-text.js';
import { actions, advice, consequences, contexts, directiveTopics, effects, placeholders, reactions, reasons, sourceFiles, subjects } from './vocabulary.js';

export interface SynthCode {
  code: string;
  retired: boolean;
}

/** Codes 1..N; a corpus of 10,000 starts at WSGI0000 to stay within four digits. */
export function planCodes(count: number, rng: Random): SynthCode[] {
  if (!Number.isInteger(count) || count < 1 || count > 10000) throw new RangeError(`codes must be a whole number from 1 to 10000, not ${count}`);
  const first = count === 10000 ? 0 : 1;
  const codes: SynthCode[] = [];
  for (let k = 0; k < count; k++) codes.push({ code: formatCode(first + k), retired: rng.chance(0.04) });
  // A reference that is large enough to have history has some retired codes.
  if (count >= 20) for (const k of [Math.floor(count / 3), Math.floor((2 * count) / 3)]) (codes[k] as SynthCode).retired = true;
  return codes;
}

const ladder: readonly (readonly [string, string])[] = [
  ['EMERG', 'The web server as a whole, or the machine it runs on, has stopped working. Nothing is being served.'],
  ['ALERT', 'One process is about to exit and cannot recover by itself. It will usually fail again the same way after a restart, so look now.'],
  ['CRIT', 'A large part of the service is down, for example one daemon process group, while the rest of Apache keeps serving.'],
  ['ERR', 'A single request, thread or subsystem failed. The process carries on; only the work that was under way did not complete.'],
  ['WARNING', 'Something to know about that does not stop the server: a setting was ignored, an optional feature is off, or a retry is coming.']
];

function intro(): string {
  return [
    title('Error Reference', '=', true),
    wrap(
      'Serious messages that mod_wsgi writes to the Apache error log start with a code such as ``WSGI0001``. The wording after the code can change between releases; the code does not, so it is the part to search for and to quote in a runbook.'
    ),
    wrap('A logged line looks like this::'),
    '    [Wed Feb 04 02:10:07.000000 2026] [wsgi:alert] [pid 3141] WSGI0001: Unable to create daemon socket for group main; daemon process will exit.',
    wrap('Codes are handed out in order and never reused. A code that no longer appears in the log keeps its entry here, marked retired.'),
    title('Severity tiers', '='),
    wrap('Every code is logged at one of the usual Apache levels, read here as follows:'),
    ladder.map(([name, meaning]) => `${name}\n${wrap(meaning, '    ')}`).join('\n\n'),
    wrap('Each entry below gives the level, the source file, the message as logged, the cause, what mod_wsgi does next and what to do about it.'),
    title('Error codes', '=')
  ].join('\n\n');
}

interface Message {
  title: string;
  template: string;
  subject: string;
  verb: string;
  past: string;
  noun: string;
  context: string;
  placeholders: string[];
}

function message(rng: Random): Message {
  const subject = rng.pick(subjects);
  const [verb, past, noun] = rng.pick(actions);
  const context = rng.pick(contexts);
  const [a, b] = rng.sample(
    placeholders.filter((p) => p !== 'errno' && p !== 'seconds' && p !== 'group'),
    2
  ) as [string, string];
  const consequence = rng.pick(consequences);
  switch (rng.int(0, 3)) {
    case 0:
      return { title: `Could not ${verb} ${subject} in ${context}`, template: `Unable to ${verb} ${subject} '<${a}>' in ${context}; ${consequence}.`, subject, verb, past, noun, context, placeholders: [a] };
    case 1:
      return { title: `${capitalise(subject)} ${noun} failed`, template: `${capitalise(subject)} ${noun} failed for <${a}> (errno <errno>); ${consequence}.`, subject, verb, past, noun, context, placeholders: [a, 'errno'] };
    case 2:
      return { title: `Timed out waiting for ${subject}`, template: `Timed out after <seconds> seconds waiting for ${subject} of process group '<group>'; ${consequence}.`, subject, verb, past, noun, context, placeholders: ['seconds', 'group'] };
    default:
      return { title: `${capitalise(subject)} not ${past} for ${context}`, template: `Could not ${verb} ${subject} for <${a}>, <${b}>; ${consequence}.`, subject, verb, past, noun, context, placeholders: [a, b] };
  }
}

export interface EntryLinks {
  codes: readonly SynthCode[];
  active: readonly string[];
  directives: readonly SynthDirective[];
}

function activeEntry(code: string, links: EntryLinks, rng: Random, earlier: Message[]): string {
  // Several codes can share one message text, as in the real reference.
  const reused = earlier.length > 0 && rng.chance(0.03);
  const m = reused ? rng.pick(earlier) : message(rng);
  earlier.push(m);
  const severity = rng.weighted([
    ['EMERG', 1],
    ['ALERT', 10],
    ['CRIT', 12],
    ['ERR', 20],
    ['WARNING', 6]
  ] as const);
  const directive = links.directives.length > 0 ? rng.pick(links.directives) : null;
  const otherCode = (): string | null => {
    const c = rng.pick(links.active);
    return c === code ? null : c;
  };

  const logged = [wrap(`\`\`${m.template}\`\``, '   ', 74, true)];
  if (reused) logged.push(wrap(`The same text is logged by another code from a different place in the source, so the code is what tells them apart.`, '   '));
  else if (rng.chance(0.4)) logged.push(wrap(`\`\`<${m.placeholders[0]}>\`\` is filled in from the ${m.context} that hit the problem.`, '   '));

  const why = rng.sample(reasons, 2) as [string, string];
  const cause = [
    `The ${m.noun} of the ${m.subject} failed while the ${m.context} was starting up or handling a request.`,
    `This usually comes down to ${why[0]}, or to ${why[1]}.`
  ];
  if (directive && rng.chance(0.5)) cause.push(`The value involved comes from \`\`${directive.name}\`\`.`);
  if (rng.chance(0.3)) cause.push(`The failing call is \`\`wsgi_${m.verb}_${m.subject.replace(/\W+/g, '_').toLowerCase()}()\`\`.`);
  const ref1 = rng.chance(0.35) ? otherCode() : null;
  if (ref1) cause.push(`It can follow :ref:\`${ref1}\` when both fire during the same restart.`);
  const causeBlocks = [wrap(cause.join(' '), '   ')];
  if (rng.chance(0.06)) causeBlocks.push('   Known triggers include:', rng.sample(reasons, 3).map((r) => `   * ${r}`).join('\n'));

  const outcome = [`mod_wsgi ${rng.pick(reactions)}.`, rng.pick(effects)];
  const ref2 = rng.chance(0.2) ? otherCode() : null;
  if (ref2) outcome.push(`Compare :ref:\`${ref2}\`, which covers the opposite case.`);

  const action: string[] = rng.sample(advice, rng.chance(0.5) ? 2 : 1);
  if (directive && rng.chance(0.15)) action.push(`See :doc:\`configuration-directives/${directive.name}\` for ${rng.pick(directiveTopics)}.`);
  const option = directive?.options[0];
  if (directive && option && rng.chance(0.3)) action.push(`Raising the :ref:\`${option.name} <${option.label}>\` option of \`\`${directive.name}\`\` often helps.`);
  const ref3 = rng.chance(0.15) ? otherCode() : null;
  if (ref3) action.push(`If :ref:\`${ref3}\` was logged just before, deal with that first.`);
  if (rng.chance(0.01)) action.push(`The :doc:\`user-guides/configuration-issues\` guide lists the usual mistakes.`);
  const actionBlocks = [wrap(action.join(' '), '   ')];
  if (directive && rng.chance(0.06)) actionBlocks.push(wrap('For example::', '   '), `      ${directive.name} ${directive.kind === 'flag' ? 'Off' : 'default'}`);

  const file = rng.pick(sourceFiles);
  const heading = `${code} — ${capitalise(m.title)}`;
  return [
    `.. _${code}:`,
    title(heading, '-'),
    `:Severity: ${severity}\n:Source: \`\`src/server/${file}\`\``,
    field('Logged message', logged),
    field('Cause', causeBlocks),
    field('Outcome', [wrap(outcome.join(' '), '   ')]),
    field('Operator action', actionBlocks)
  ].join('\n\n');
}

function retiredEntry(code: string, links: EntryLinks, rng: Random): string {
  const [, past] = rng.pick(actions);
  const note = [`Was logged when the ${rng.pick(subjects)} could not be ${past} in the ${rng.pick(contexts)}.`, `That step was removed, so the message can no longer appear.`];
  const successor = links.active.length > 0 && rng.chance(0.5) ? rng.pick(links.active) : null;
  if (successor && successor !== code) note.push(`The nearest current message is :ref:\`${successor}\`.`);
  return [`.. _${code}:`, title(`${code} — (retired)`, '-'), wrap(note.join(' '))].join('\n\n');
}

export function errorReference(links: EntryLinks, rng: Random): string {
  const earlier: Message[] = [];
  const entries = links.codes.map((c) => (c.retired ? retiredEntry(c.code, links, rng) : activeEntry(c.code, links, rng, earlier)));
  return `${[intro(), ...entries].join('\n\n')}\n`;
}
