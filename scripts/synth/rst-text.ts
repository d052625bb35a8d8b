// Writing reStructuredText by hand: wrapped paragraphs, titles, field bodies.

/** Characters inside `...` spans are kept on one line by swapping spaces for this. */
const glue = '\u0001';

/**
 * Wrap prose at `width` columns, each line prefixed by `indent`. Roles and
 * inline literals never break across lines (the reader accepts it, but a
 * corpus that always does it would test a rare case on every line), unless
 * `breakLiterals` is set, as in logged messages, which are long literals.
 */
export function wrap(text: string, indent = '', width = 74, breakLiterals = false): string {
  const protectedText = breakLiterals ? text : text.replace(/``[^`]*``|`[^`]*`/g, (span) => span.replace(/ /g, glue));
  const words = protectedText.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.map((l) => `${indent}${l.replaceAll(glue, ' ')}`).join('\n');
}

export function title(text: string, char: string, overline = false): string {
  const rule = char.repeat(text.length);
  return overline ? `${rule}\n${text}\n${rule}` : `${text}\n${rule}`;
}

/** A field whose body is indented on the following lines: `:Cause:` + paragraphs. */
export function field(name: string, blocks: readonly string[]): string {
  return `:${name}:\n${blocks.join('\n\n')}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `SocketPrefix` -> `socket-prefix`. */
export function kebab(camel: string): string {
  return camel.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}
