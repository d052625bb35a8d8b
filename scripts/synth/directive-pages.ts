// Synthetic directive pages (configuration-directives/<Name>.rst) and the
// configuration.rst that groups them with toctrees, in the upstream layout.
import type { Random } from './random.js';
import { capitalise, kebab, title, wrap } from './rst-text.js';
import { actions, contextSets, contexts, directiveTopics, groupTitles, nameParts, optionValues, optionWords, reasons, subjects } from './vocabulary.js';

export interface SynthOption {
  /** Globally unique label, as Sphinx labels are: `socket-prefix-timeout`. */
  label: string;
  name: string;
  value: string;
}

export interface SynthDirective {
  name: string;
  kind: 'flag' | 'value' | 'options';
  subject: string;
  options: SynthOption[];
  contexts: readonly string[];
  override: string | null;
  group: number;
}

export function planDirectives(count: number, rng: Random): { directives: SynthDirective[]; groups: string[] } {
  const groupCount = Math.min(groupTitles.length, Math.max(1, Math.ceil(count / 6)));
  const groups = groupTitles.slice(0, groupCount) as string[];
  const taken = new Set<string>();
  const directives: SynthDirective[] = [];
  for (let k = 0; k < count; k++) {
    const name = uniqueName(rng, taken);
    const kind = rng.weighted([
      ['flag', 4],
      ['value', 3],
      ['options', 2]
    ] as const);
    const optionCount = kind === 'options' ? rng.int(2, 7) : rng.chance(0.1) ? 1 : 0;
    const stem = kebab(name.slice(4));
    const options = rng.sample(optionWords, optionCount).map((word) => ({ label: `${stem}-${word}`, name: word, value: rng.pick(optionValues) }));
    directives.push({
      name,
      kind,
      subject: rng.pick(subjects),
      options,
      contexts: rng.pick(contextSets),
      override: rng.chance(0.25) ? rng.pick(['``FileInfo``', 'AuthConfig']) : null,
      group: rng.int(0, groups.length - 1)
    });
  }
  return { directives, groups };
}

function uniqueName(rng: Random, taken: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const parts = rng.sample(nameParts, attempt < 40 ? 2 : 3);
    const name = `WSGI${parts.join('')}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

export interface PageLinks {
  /** Active codes a page may point at. */
  codes: readonly string[];
  directives: readonly SynthDirective[];
}

export function directivePage(d: SynthDirective, links: PageLinks, rng: Random): string {
  const [verb, past] = rng.pick(actions);
  const context = rng.pick(contexts);
  const syntax =
    d.kind === 'flag' ? `\`\`${d.name} On|Off\`\`` : d.kind === 'value' ? `\`\`${d.name}\`\` *${rng.pick(['path', 'num', 'name', 'sec'])}*` : `\`\`${d.name}\`\` *name* \`\`[\`\` *options* \`\`]\`\``;
  const fields = [`:Description: ${capitalise(`${verb} the ${d.subject} used by each ${context}`)}.`, `:Syntax: ${syntax}`];
  if (d.kind === 'flag') fields.push(`:Default: \`\`${d.name} ${rng.pick(['On', 'Off'])}\`\``);
  else if (rng.chance(0.5)) fields.push(`:Default: \`\`${d.name} ${rng.pick(['none', '15', 'default', '60'])}\`\``);
  fields.push(`:Context: ${d.contexts.join(', ')}`);
  if (d.override) fields.push(`:Override: ${d.override}`);

  const other = links.directives.length > 1 ? pickOther(d, links.directives, rng) : null;
  const blocks: string[] = [title(d.name, '=', true), fields.join('\n')];
  blocks.push(
    wrap(
      `The \`\`${d.name}\`\` directive decides how the ${d.subject} is ${past} when a ${context} starts. ` +
        `Without it mod_wsgi picks a value that suits a small site; busy sites usually set it explicitly. ` +
        (other ? `It is read together with \`\`${other.name}\`\`, which controls the ${other.subject}.` : '')
    )
  );
  if (d.kind !== 'options' || rng.chance(0.5)) {
    blocks.push(wrap(`A typical setting looks like this::`), `  ${d.name} ${d.kind === 'flag' ? 'On' : d.kind === 'value' ? '/var/run/wsgi' : 'main processes=2 threads=15'}`);
  }
  if (d.options.length > 0) {
    blocks.push(wrap(`Options which can be supplied to the \`\`${d.name}\`\` directive are:`));
    for (const o of d.options) {
      blocks.push(`.. _${o.label}:`);
      const body = [wrap(`Sets the ${o.name} used for the ${d.subject}. ${capitalise(rng.pick(reasons))} is the usual reason to change it from the default.`, '    ')];
      if (rng.chance(0.4)) body.push(wrap(`A value of zero turns the ${o.name} check off, which is rarely what a production site wants.`, '    '));
      blocks.push(`**${o.name}=${o.value}**\n${body.join('\n\n')}`);
    }
  }
  const tail: string[] = [];
  if (links.codes.length > 0 && rng.chance(0.3)) tail.push(`When the ${d.subject} cannot be ${past}, the error log shows :ref:\`${rng.pick(links.codes)}\`.`);
  if (other && rng.chance(0.4)) tail.push(`See :doc:\`${other.name}\` for ${rng.pick(directiveTopics)}.`);
  const first = d.options[0];
  if (first && rng.chance(0.5)) tail.push(`The :ref:\`${first.name} <${first.label}>\` option matters most on hosts with many process groups.`);
  if (tail.length > 0) blocks.push(wrap(tail.join(' ')));
  if (rng.chance(0.2)) {
    blocks.push(title('Notes on restarts', '-'), wrap(`A graceful restart re-reads the setting; processes started before it keep the old value until they are replaced.`));
  }
  return `${blocks.join('\n\n')}\n`;
}

function pickOther(d: SynthDirective, all: readonly SynthDirective[], rng: Random): SynthDirective {
  for (;;) {
    const o = rng.pick(all);
    if (o !== d) return o;
  }
}

export function configurationPage(directives: readonly SynthDirective[], groups: readonly string[]): string {
  const blocks: string[] = [
    title('Configuration', '=', true),
    wrap('The directives below configure mod_wsgi from the Apache configuration files. They are grouped by what they affect; an alphabetical list closes the page.')
  ];
  groups.forEach((g, k) => {
    const members = directives.filter((d) => d.group === k);
    if (members.length === 0) return;
    blocks.push(title(g, '-'), ['.. toctree::', '   :maxdepth: 1', '', ...members.map((d) => `   configuration-directives/${d.name}`)].join('\n'));
  });
  const sorted = [...directives].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  blocks.push(title('Alphabetical index', '-'), sorted.map((d) => `* :doc:\`configuration-directives/${d.name}\``).join('\n'));
  return `${blocks.join('\n\n')}\n`;
}
