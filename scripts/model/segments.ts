// A logged message cut at its placeholders, once, in the model: the page, the
// log-line matcher, the scanner's prefilter and the terminal tool all read
// these segments instead of looking for `<name>` again. Plain data, no Node
// or DOM API: the browser bundle imports the helpers too.
import type { MessageSegment, PlaceholderShape } from './types.js';

/** `<group>`, `<apr-error>`: a letter, then letters, digits, `_` or `-`. Anything else in angle brackets is literal text. */
const placeholder = /<([A-Za-z][\w-]*)>/g;

/**
 * Numbers, ids, versions and exception class names are one token in a real
 * line; matching them as such keeps `worker thread <i> in` from swallowing
 * `worker thread 7 mutex in`.
 */
const tokenNames = new Set(['i', 'n', 'id', 'uid', 'gid', 'pid', 'x', 'y', 'type']);

export function segmentsOf(template: string): MessageSegment[] {
  const out: MessageSegment[] = [];
  let last = 0;
  for (const m of template.matchAll(placeholder)) {
    const at = m.index;
    const end = at + m[0].length;
    const name = m[1] as string;
    if (at > last) out.push(template.slice(last, at));
    const shape: PlaceholderShape = template[at - 1] === "'" && template[end] === "'" ? 'quoted' : tokenNames.has(name.toLowerCase()) ? 'token' : 'text';
    out.push({ name, shape });
    last = end;
  }
  if (last < template.length) out.push(template.slice(last));
  return out;
}

/** The text the segments were cut from, placeholders as `<name>`. */
export function segmentsText(segments: readonly MessageSegment[]): string {
  let out = '';
  for (const s of segments) out += typeof s === 'string' ? s : `<${s.name}>`;
  return out;
}

/** Placeholder names in order of first appearance. */
export function placeholderNames(segments: readonly MessageSegment[]): string[] {
  const names: string[] = [];
  for (const s of segments) if (typeof s !== 'string' && !names.includes(s.name)) names.push(s.name);
  return names;
}

/** The literal text between placeholders: one more run than placeholders, '' where two meet or one starts or ends the message. */
export function literalRuns(segments: readonly MessageSegment[]): string[] {
  const runs = [''];
  for (const s of segments) {
    if (typeof s === 'string') runs[runs.length - 1] += s;
    else runs.push('');
  }
  return runs;
}
