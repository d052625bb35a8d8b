// Block structure: sections, explicit markup (targets, directives, comments),
// field lists, lists, definition lists and option blocks, literal blocks,
// block quotes and paragraphs. Works on Line[] at one indentation level and
// recurses into de-indented bodies.
import type { Position } from 'unist';
import { type Line, dedent, dedentRange, endOf, indentOf, indentedBlockEnd, isBlank, pointAt, shift, span, startOf, trimTrailingBlank } from './lines.js';
import { parseInline, splitEmbedded } from './inline.js';
import type { Report } from './report.js';
import type {
  RstBlock,
  RstCode,
  RstDefinitionItem,
  RstField,
  RstInline,
  RstListItem,
  RstToctreeEntry
} from './types.js';

interface Context {
  report: Report;
  /** Adornment styles in order of first use: `=o` (overline) or `-`. */
  styles: string[];
  /** How many bodies deep the reader is. */
  depth: number;
}

/** Deeper bodies are kept as literal text: the reader recurses, and no input may overflow its stack. */
const maxDepth = 48;

const adornmentLine = /^([!-/:-@[-`{-~])\1+$/;
const fieldMarker = /^:((?:[^:\\`\s]|\\.)(?:[^:\\`]|\\.)*?):(?:\s+|$)/;
const bulletMarker = /^([-*+•‣⁃])(?:\s+|$)/;
const enumMarker = /^(\d+|#)([.)])(?:\s+|$)/;
const explicitStart = /^\.\.(?:\s|$)/;
const targetMarkup = /^\.\.\s+_(?:`((?:[^`\\]|\\.)+)`|((?:[^:\\]|\\.)+)|(_)):(?:\s+(.*)|\s*$)/;
const directiveMarkup = /^\.\.\s+([A-Za-z0-9](?:[\w.+-]|:(?!:))*)::(?:\s+(.*))?$/;
const substitutionMarkup = /^\.\.\s+\|([^|]+)\|\s+([A-Za-z0-9][\w.+:-]*)::(?:\s+(.*))?$/;
// An option's signature starts with its name (`processes=num`); `**%{GLOBAL}**` is a value, not an option.
const optionTerm = /^\*\*([A-Za-z][^*]*?)\*\*$/;
// Hoisted: a regular expression literal makes a new object each time it is evaluated.
const footnoteMarkup = /^\.\.\s+\[/;
const digitsOnly = /^\d+$/;
const optionName = /^[^\s=|]+/;
const escaped = /\\(.)/g;
/** Searched from lastIndex (the g flag): is there text after a marker that trim() would keep? */
const nonSpace = /\S/g;

const admonitions = new Set(['note', 'warning', 'tip', 'important', 'caution', 'attention', 'danger', 'error', 'hint', 'seealso', 'admonition', 'versionadded', 'versionchanged', 'deprecated']);
const codeDirectives = new Set(['code-block', 'code', 'sourcecode', 'highlight']);

export function parseDocument(lines: Line[], report: Report): RstBlock[] {
  return parseBlocks(lines, { report, styles: [], depth: 0 }, true);
}

/** Length in code points, as a title's adornment is measured. */
function width(text: string): number {
  let n = text.length;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0xdc00 && c <= 0xdfff && k > 0 && text.charCodeAt(k - 1) >= 0xd800 && text.charCodeAt(k - 1) <= 0xdbff) n -= 1;
  }
  return n;
}

function isAdornment(line: Line | undefined): boolean {
  return line !== undefined && indentOf(line.text) === 0 && line.text.length >= 2 && adornmentLine.test(line.text) && line.text !== '::' && line.text !== '..';
}

function pos(first: Line, last: Line): Position {
  return span(first, last);
}

export function parseBlocks(lines: Line[], ctx: Context, top: boolean): RstBlock[] {
  if (ctx.depth >= maxDepth) return tooDeep(lines, ctx);
  ctx.depth += 1;
  const out = readBlocks(lines, ctx, top);
  ctx.depth -= 1;
  return out;
}

function tooDeep(lines: Line[], ctx: Context): RstBlock[] {
  const from = lines.findIndex((l) => !isBlank(l));
  if (from < 0) return [];
  const to = trimTrailingBlank(lines, from, lines.length);
  ctx.report.warn('too-deep', `Blocks nested more than ${maxDepth} levels deep are kept as a literal block`, startOf(lines[from] as Line));
  return [literal(lines.slice(from, to), null)];
}

function readBlocks(lines: Line[], ctx: Context, top: boolean): RstBlock[] {
  const out: RstBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const l = lines[i] as Line;
    if (isBlank(l)) {
      i += 1;
      continue;
    }

    if (indentOf(l.text) > 0) {
      const end = indentedBlockEnd(lines, i);
      const body = dedentRange(lines, i, end);
      out.push({ type: 'blockquote', children: parseBlocks(body, ctx, false), position: pos(l, lines[end - 1] as Line) });
      i = end;
      continue;
    }

    if (explicitStart.test(l.text)) {
      i = parseExplicit(lines, i, ctx, out);
      continue;
    }

    if (isAdornment(l)) {
      const next = lines[i + 1];
      const under = lines[i + 2];
      if (next !== undefined && !isBlank(next) && !isAdornment(next)) {
        // Overline, title, underline.
        if (under !== undefined && isAdornment(under) && under.text === l.text) {
          if (width(next.text.trim()) > width(l.text)) {
            ctx.report.error('malformed-adornment', 'Title overline too short for the title', startOf(l));
          }
          if (top) {
            out.push(heading(l.text[0] as string, true, [shift(next, indentOf(next.text))], pos(l, under), ctx));
            i += 3;
            continue;
          }
          ctx.report.warn('unexpected-section', 'Section title inside a nested block is kept as text', startOf(l));
        } else {
          ctx.report.error(
            'malformed-adornment',
            under !== undefined && isAdornment(under) ? 'Title overline and underline do not match' : 'Title overline without a matching underline',
            startOf(l)
          );
          if (under !== undefined && isAdornment(under) && top) {
            out.push(heading(l.text[0] as string, true, [shift(next, indentOf(next.text))], pos(l, under), ctx));
            i += 3;
            continue;
          }
        }
      } else if ((next === undefined || isBlank(next)) && l.text.length >= 4) {
        out.push({ type: 'thematicBreak', position: pos(l, l) });
        i += 1;
        continue;
      } else if (next !== undefined && isAdornment(next)) {
        ctx.report.error('malformed-adornment', 'Two adornment lines in a row with no title between them', startOf(l));
      }
      // Otherwise fall through: the line is kept as paragraph text.
    }

    const below = lines[i + 1];
    if (isAdornment(below) && !isAdornment(l)) {
      const under = below as Line;
      if (width(under.text) < width(l.text)) {
        ctx.report.error('malformed-adornment', `Title underline too short (${width(under.text)} for a title of ${width(l.text)})`, startOf(under));
      }
      if (top) {
        out.push(heading(under.text[0] as string, false, [l], pos(l, under), ctx));
        i += 2;
        continue;
      }
      ctx.report.warn('unexpected-section', 'Section title inside a nested block is kept as text', startOf(l));
    }

    if (fieldMarker.test(l.text)) {
      i = parseFieldList(lines, i, ctx, out);
      continue;
    }
    if (bulletMarker.test(l.text) && !isAdornment(l)) {
      i = parseList(lines, i, ctx, out, false);
      continue;
    }
    if (enumMarker.test(l.text)) {
      i = parseList(lines, i, ctx, out, true);
      continue;
    }
    if (below !== undefined && !isBlank(below) && indentOf(below.text) > 0) {
      i = parseDefinitions(lines, i, ctx, out);
      continue;
    }
    i = parseParagraph(lines, i, ctx, out, top);
  }
  return out;
}

function heading(char: string, overline: boolean, title: Line[], position: Position, ctx: Context): RstBlock {
  const style = char + (overline ? 'o' : '');
  let depth = ctx.styles.indexOf(style) + 1;
  if (depth === 0) {
    ctx.styles.push(style);
    depth = ctx.styles.length;
  }
  return { type: 'heading', depth, adornment: { char, overline }, children: parseInline(title, ctx.report), position };
}

// ---- paragraphs and literal blocks --------------------------------------

function parseParagraph(lines: Line[], from: number, ctx: Context, out: RstBlock[], top: boolean): number {
  let i = from;
  while (i < lines.length) {
    const l = lines[i] as Line;
    if (isBlank(l) || indentOf(l.text) > 0) break;
    if (i > from && (explicitStart.test(l.text) || (top && isAdornment(lines[i + 1]) && !isAdornment(l)))) break;
    i += 1;
  }
  const first = lines[from] as Line;
  const last = lines[i - 1] as Line;
  const next = lines[i];
  if (next !== undefined && !isBlank(next) && indentOf(next.text) > 0 && !last.text.endsWith('::')) {
    ctx.report.warn('unexpected-indentation', 'Unexpected indentation after a paragraph; the indented text is kept as a block quote', startOf(next));
  }

  if (last.text.endsWith('::')) {
    // `text::` keeps one colon, `text ::` and a lone `::` keep none.
    const trimmed = last.text === '::' ? '' : last.text.endsWith(' ::') ? last.text.slice(0, -3) : last.text.slice(0, -1);
    const shown = lines.slice(from, i - 1);
    if (trimmed.trim() !== '') shown.push({ ...last, text: trimmed });
    if (shown.length > 0) {
      out.push({ type: 'paragraph', children: parseInline(shown, ctx.report), position: pos(first, last) });
    }
    return parseLiteral(lines, i, ctx, out, last);
  }

  out.push({ type: 'paragraph', children: parseInline(lines, ctx.report, from, i), position: pos(first, last) });
  return i;
}

function parseLiteral(lines: Line[], from: number, ctx: Context, out: RstBlock[], marker: Line): number {
  let i = from;
  while (i < lines.length && isBlank(lines[i] as Line)) i += 1;
  const first = lines[i];
  if (first === undefined || indentOf(first.text) === 0) {
    ctx.report.warn('missing-literal', 'Literal block expected after `::`; none found', endOf(marker));
    return i;
  }
  const end = indentedBlockEnd(lines, i);
  out.push(literal(lines.slice(i, end), null));
  return end;
}

function literal(body: Line[], lang: string | null): RstCode {
  const lines = dedent(body);
  const first = lines[0] as Line;
  const last = lines[lines.length - 1] as Line;
  return { type: 'code', lang, value: lines.map((l) => l.text).join('\n'), position: { start: startOf(first), end: endOf(last) } };
}

// ---- explicit markup ----------------------------------------------------

function parseExplicit(lines: Line[], from: number, ctx: Context, out: RstBlock[]): number {
  const first = lines[from] as Line;
  const end = indentedBlockEnd(lines, from + 1);
  const rest = lines.slice(from + 1, end);
  const last = (end > from + 1 ? lines[end - 1] : first) as Line;
  const position = pos(first, last);

  const target = targetMarkup.exec(first.text);
  if (target) {
    const label = target[3] ? '_' : (target[1] ?? target[2] ?? '').replace(escaped, '$1');
    const link = [target[4] ?? '', ...rest.map((l) => l.text.trim())].join('').trim();
    if (link === '') {
      out.push({ type: 'target', label, url: null, position });
      return end;
    }
    // `(.*)` runs to the end of the (right-trimmed) line, so the URL ends it; or it starts the first line below.
    const head = target[4] ? first : (rest.find((l) => !isBlank(l)) as Line);
    const urlStart = target[4] ? pointAt(first, first.text.length - target[4].length) : pointAt(head, indentOf(head.text));
    out.push({ type: 'target', label, url: link, urlStart, position });
    return end;
  }

  const sub = substitutionMarkup.exec(first.text);
  if (sub) {
    ctx.report.warn('unknown-directive', `Substitution definition |${sub[1]}| is not supported; kept as text`, startOf(first));
    out.push({ type: 'directive', name: sub[2] as string, argument: sub[3] ?? '', options: {}, value: rest.map((l) => l.text.trim()).join('\n'), position });
    return end;
  }

  const directive = directiveMarkup.exec(first.text);
  if (directive) {
    const name = (directive[1] as string).toLowerCase();
    const body = dedent(rest);
    let k = 0;
    let argument = directive[2] ?? '';
    while (k < body.length && !isBlank(body[k] as Line) && !fieldMarker.test((body[k] as Line).text)) {
      argument += ' ' + (body[k] as Line).text.trim();
      k += 1;
    }
    const options: Record<string, string> = {};
    while (k < body.length && fieldMarker.test((body[k] as Line).text)) {
      const m = fieldMarker.exec((body[k] as Line).text) as RegExpExecArray;
      options[m[1] as string] = (body[k] as Line).text.slice(m[0].length).trim();
      k += 1;
    }
    const content = body.slice(k);
    argument = argument.trim();

    if (name === 'toctree') {
      const entries: RstToctreeEntry[] = [];
      for (const l of content) {
        if (isBlank(l)) continue;
        const text = l.text.trim();
        const m = splitEmbedded(text);
        const at = shift(l, indentOf(l.text));
        entries.push({
          type: 'toctreeEntry',
          title: m && m.title ? m.title : null,
          target: m ? m.target : text,
          position: pos(at, at)
        });
      }
      out.push({ type: 'toctree', options, children: entries, position });
      return end;
    }
    if (codeDirectives.has(name)) {
      const code = content.filter((l, n) => n > 0 || !isBlank(l));
      if (code.length === 0) {
        out.push({ type: 'code', lang: argument || null, value: '', position });
      } else {
        const c = literal(code.slice(0, trimTrailingBlank(code, 0, code.length)), argument || null);
        out.push({ ...c, position });
      }
      return end;
    }
    if (admonitions.has(name)) {
      const children = parseBlocks(content, ctx, false);
      const title = argument === '' ? null : argument;
      out.push({ type: 'admonition', kind: name, title, children, position });
      return end;
    }
    ctx.report.warn('unknown-directive', `Unknown directive \`${name}\`, kept as a literal block`, startOf(first));
    out.push({ type: 'directive', name, argument, options, value: content.map((l) => l.text).join('\n').trim(), position });
    return end;
  }

  if (footnoteMarkup.test(first.text)) {
    ctx.report.warn('unknown-directive', 'Footnotes and citations are not supported; kept as a literal block', startOf(first));
    out.push({ type: 'directive', name: 'footnote', argument: first.text.slice(2).trim(), options: {}, value: rest.map((l) => l.text.trim()).join('\n'), position });
    return end;
  }

  // Anything else after `..` is a comment.
  const value = [first.text.slice(2).trim(), ...dedent(rest).map((l) => l.text)].join('\n').trim();
  out.push({ type: 'comment', value, position });
  return end;
}

// ---- field lists ---------------------------------------------------------

function unescapeName(name: string): string {
  return (name.includes('\\') ? name.replace(escaped, '$1') : name).trim();
}

/** The lines of an item whose first line starts with a marker `markerLength` long. */
function itemBody(lines: Line[], from: number, markerLength: number): { body: Line[]; end: number } {
  const first = lines[from] as Line;
  const end = indentedBlockEnd(lines, from + 1);
  // The text after the marker, found by index rather than cut out: shift(shift(l, a), b) is shift(l, a + b).
  const at = Math.min(markerLength, first.text.length);
  nonSpace.lastIndex = at;
  const body: Line[] = [];
  if (nonSpace.test(first.text)) body.push(shift(first, at + indentOf(first.text, at)));
  return { body: dedentRange(lines, from + 1, end, body), end };
}

function parseFieldList(lines: Line[], from: number, ctx: Context, out: RstBlock[]): number {
  const fields: RstField[] = [];
  let i = from;
  for (;;) {
    const l = lines[i] as Line;
    const m = fieldMarker.exec(l.text) as RegExpExecArray;
    const { body, end } = itemBody(lines, i, m[0].length);
    const last = (end > i + 1 ? lines[end - 1] : l) as Line;
    fields.push({
      type: 'field',
      name: unescapeName(m[1] as string),
      children: parseBlocks(body, ctx, false),
      position: pos(l, last)
    });
    i = end;
    let j = i;
    while (j < lines.length && isBlank(lines[j] as Line)) j += 1;
    const next = lines[j];
    if (next === undefined || indentOf(next.text) > 0 || !fieldMarker.test(next.text)) break;
    i = j;
  }
  const first = fields[0] as RstField;
  const last = fields[fields.length - 1] as RstField;
  out.push({ type: 'fieldList', children: fields, position: { start: first.position.start, end: last.position.end } });
  return i;
}

// ---- lists ---------------------------------------------------------------

function parseList(lines: Line[], from: number, ctx: Context, out: RstBlock[], ordered: boolean): number {
  const items: RstListItem[] = [];
  const firstMarker = (ordered ? enumMarker : bulletMarker).exec((lines[from] as Line).text) as RegExpExecArray;
  const kind = ordered ? (firstMarker[2] as string) : (firstMarker[1] as string);
  let i = from;
  for (;;) {
    const l = lines[i] as Line;
    const m = (ordered ? enumMarker : bulletMarker).exec(l.text) as RegExpExecArray;
    const { body, end } = itemBody(lines, i, m[0].length);
    const last = (end > i + 1 ? lines[end - 1] : l) as Line;
    items.push({ type: 'listItem', children: parseBlocks(body, ctx, false), position: pos(l, last) });
    i = end;
    let j = i;
    while (j < lines.length && isBlank(lines[j] as Line)) j += 1;
    const next = lines[j];
    if (next === undefined || indentOf(next.text) > 0) break;
    const nm = (ordered ? enumMarker : bulletMarker).exec(next.text);
    if (!nm || (ordered ? nm[2] : nm[1]) !== kind) break;
    i = j;
  }
  const start = ordered && digitsOnly.test(firstMarker[1] as string) ? Number(firstMarker[1]) : null;
  const first = items[0] as RstListItem;
  const last = items[items.length - 1] as RstListItem;
  out.push({ type: 'list', ordered, start, children: items, position: { start: first.position.start, end: last.position.end } });
  return i;
}

// ---- definition lists and option blocks ---------------------------------

function parseDefinitions(lines: Line[], from: number, ctx: Context, out: RstBlock[]): number {
  const items: RstDefinitionItem[] = [];
  const flush = () => {
    if (items.length === 0) return;
    const first = items[0] as RstDefinitionItem;
    const last = items[items.length - 1] as RstDefinitionItem;
    out.push({ type: 'definitionList', children: items.splice(0), position: { start: first.position.start, end: last.position.end } });
  };
  let i = from;
  for (;;) {
    const term = lines[i] as Line;
    const end = indentedBlockEnd(lines, i + 1);
    const body = parseBlocks(dedentRange(lines, i + 1, end), ctx, false);
    const position = pos(term, lines[end - 1] as Line);
    const option = optionTerm.exec(term.text);
    if (option) {
      flush();
      const signature = (option[1] as string).trim();
      const name = (optionName.exec(signature) as RegExpExecArray)[0];
      out.push({ type: 'optionBlock', signature, name, children: body, position });
    } else {
      const termInline: RstInline[] = parseInline([term], ctx.report);
      items.push({ type: 'definitionItem', term: termInline, children: body, position });
    }
    i = end;
    let j = i;
    while (j < lines.length && isBlank(lines[j] as Line)) j += 1;
    const next = lines[j];
    const after = lines[j + 1];
    const continues =
      next !== undefined &&
      indentOf(next.text) === 0 &&
      !explicitStart.test(next.text) &&
      !fieldMarker.test(next.text) &&
      after !== undefined &&
      !isBlank(after) &&
      indentOf(after.text) > 0;
    if (!continues) break;
    i = j;
  }
  flush();
  return i;
}
