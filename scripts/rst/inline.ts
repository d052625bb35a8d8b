// Inline markup: ``literal``, *emphasis*, **strong**, roles, references,
// standalone URLs and backslash escapes, following docutils' recognition rules
// (start-strings after whitespace or opening punctuation, end-strings before
// whitespace or closing punctuation), so `a*b` and `snake_case` stay text.
import type { Point } from 'unist';
import { type Line, pointAt } from './lines.js';
import type { RstInline, RstText } from './types.js';
import { knownRoles } from './types.js';
import type { Report } from './report.js';

const startBefore = /[\s'"([{<\-/:‘“«—–‐‑‒\u00a0]/u;
const endAfter = /[\s'")\]}>\-/:.,;!?\\’”»—–‐‑‒\u00a0]/u;

interface Source {
  text: string;
  /** Map a string index to a file point. */
  point(index: number): Point;
}

/** Join a paragraph's lines with '\n' and keep the way back to the file. */
export function joinLines(lines: readonly Line[]): Source {
  const starts: number[] = [];
  let text = '';
  lines.forEach((l, k) => {
    if (k > 0) text += '\n';
    starts.push(text.length);
    text += l.text;
  });
  return {
    text,
    point(index) {
      let k = starts.length - 1;
      while (k > 0 && (starts[k] as number) > index) k -= 1;
      const line = lines[k] as Line;
      // An index on a joining '\n' belongs to the end of the previous line.
      return pointAt(line, Math.min(index - (starts[k] as number), line.text.length));
    }
  };
}

function canStart(s: string, i: number): boolean {
  if (i === 0) return true;
  return startBefore.test(s[i - 1] as string);
}

function canEnd(s: string, k: number): boolean {
  if (k >= s.length) return true;
  return endAfter.test(s[k] as string);
}

/** Find `end` after `from`, not escaped, not after whitespace, with a legal follower. */
function findEnd(s: string, from: number, end: string, escapes = true): number {
  let j = from;
  for (;;) {
    j = s.indexOf(end, j);
    if (j < 0) return -1;
    const escaped = escapes && isEscaped(s, j);
    if (!escaped && !/\s/.test(s[j - 1] ?? ' ') && canEnd(s, j + end.length)) return j;
    j += 1;
  }
}

function isEscaped(s: string, j: number): boolean {
  let n = 0;
  for (let k = j - 1; k >= 0 && s[k] === '\\'; k -= 1) n += 1;
  return n % 2 === 1;
}

/** Remove backslash escapes from text taken from inside markup. */
function unescape(s: string): string {
  return s.replace(/\\(\s)/g, '').replace(/\\(.)/g, '$1');
}

function squash(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}

const roleOpen = /^:([A-Za-z][\w.+-]*(?::[A-Za-z][\w.+-]*)*):`/;
const wordRef = /^[A-Za-z0-9]+(?:[-._+:][A-Za-z0-9]+)*(__?)/;
const url = /^(?:https?:\/\/|ftp:\/\/|mailto:)[^\s<>"`]+/;
const embedded = /^([\s\S]*?)\s*<([^<>]+)>$/;

export function parseInline(lines: readonly Line[], report: Report): RstInline[] {
  const src = joinLines(lines);
  const s = src.text;
  const out: RstInline[] = [];
  let buf = '';
  let bufStart = 0;
  let i = 0;

  const pos = (a: number, b: number) => ({ start: src.point(a), end: src.point(b) });
  const flush = (at: number) => {
    if (buf !== '') out.push({ type: 'text', value: buf, position: pos(bufStart, at) });
    buf = '';
    bufStart = at;
  };
  const text = (a: number, b: number, value: string): RstText => ({ type: 'text', value, position: pos(a, b) });

  while (i < s.length) {
    const c = s[i] as string;
    if (buf === '') bufStart = i;

    if (c === '\\') {
      const next = s[i + 1];
      if (next === undefined) {
        i += 1;
      } else {
        if (!/\s/.test(next)) buf += next;
        i += 2;
      }
      continue;
    }

    if (canStart(s, i)) {
      // ``literal``
      if (s.startsWith('``', i) && s[i + 2] !== undefined && !/\s/.test(s[i + 2] as string)) {
        const j = findEnd(s, i + 3, '``', false);
        if (j > 0) {
          flush(i);
          out.push({ type: 'inlineCode', value: squash(s.slice(i + 2, j)), position: pos(i, j + 2) });
          i = j + 2;
          continue;
        }
        report.warn('unclosed-inline', 'Inline literal start-string without end-string', src.point(i));
        buf += '``';
        i += 2;
        continue;
      }

      // :role:`content`
      const role = roleOpen.exec(s.slice(i, i + 80));
      if (role) {
        const open = i + role[0].length;
        const j = findEnd(s, open, '`');
        if (j > open) {
          flush(i);
          const name = role[1] as string;
          const content = squash(s.slice(open, j));
          const m = embedded.exec(content);
          out.push({
            type: 'role',
            name,
            title: m && m[1] ? unescape(m[1]) : null,
            target: unescape(m ? (m[2] as string) : content).trim(),
            position: pos(i, j + 1)
          });
          if (!knownRoles.has(name)) report.warn('unknown-role', `Unknown interpreted text role \`${name}\`, kept as text`, src.point(i));
          i = j + 1;
          continue;
        }
      }

      // `text`_, `text`__, `text <url>`_, `text`:role:, `text`
      if (c === '`' && s[i + 1] !== '`' && s[i + 1] !== undefined && !/\s/.test(s[i + 1] as string)) {
        const j = findBacktickEnd(s, i + 1);
        if (j > i + 1) {
          flush(i);
          const content = squash(s.slice(i + 1, j));
          let k = j + 1;
          if (s.startsWith('__', k) || s.startsWith('_', k)) {
            const anonymous = s.startsWith('__', k);
            k += anonymous ? 2 : 1;
            const m = embedded.exec(content);
            const shown = unescape(m ? (m[1] as string) || (m[2] as string) : content);
            let refname: string | null = null;
            let target: string | null = null;
            if (m) {
              const inner = (m[2] as string).trim();
              if (/_$/.test(inner) && !/^\w+:/.test(inner)) refname = normaliseName(inner.slice(0, -1));
              else target = inner.replace(/\s+/g, '');
            } else if (!anonymous) {
              refname = normaliseName(shown);
            }
            out.push({ type: 'reference', text: shown, refname, url: target, anonymous, position: pos(i, k) });
            i = k;
            continue;
          }
          const suffix = roleOpen.exec(s.slice(k, k + 80).replace(/`$/, '') + '`');
          if (s[k] === ':' && suffix) {
            const name = suffix[1] as string;
            k += name.length + 2;
            out.push({ type: 'role', name, title: null, target: unescape(content), position: pos(i, k) });
            if (!knownRoles.has(name)) report.warn('unknown-role', `Unknown interpreted text role \`${name}\`, kept as text`, src.point(i));
            i = k;
            continue;
          }
          out.push({ type: 'role', name: '', title: null, target: unescape(content), position: pos(i, k) });
          i = k;
          continue;
        }
        report.warn('unclosed-inline', 'Interpreted text or reference start-string without end-string', src.point(i));
      }

      // **strong**
      if (s.startsWith('**', i) && s[i + 2] !== undefined && !/[\s*]/.test(s[i + 2] as string)) {
        const j = findEnd(s, i + 3, '**');
        if (j > 0) {
          flush(i);
          out.push({ type: 'strong', children: [text(i + 2, j, unescape(squash(s.slice(i + 2, j))))], position: pos(i, j + 2) });
          i = j + 2;
          continue;
        }
        report.warn('unclosed-inline', 'Strong start-string without end-string', src.point(i));
        buf += '**';
        i += 2;
        continue;
      }

      // *emphasis*
      if (c === '*' && s[i + 1] !== undefined && !/[\s*]/.test(s[i + 1] as string)) {
        const j = findEmphasisEnd(s, i + 2);
        if (j > 0) {
          flush(i);
          out.push({ type: 'emphasis', children: [text(i + 1, j, unescape(squash(s.slice(i + 1, j))))], position: pos(i, j + 1) });
          i = j + 1;
          continue;
        }
        report.warn('unclosed-inline', 'Emphasis start-string without end-string', src.point(i));
      }

      // |substitution|
      if (c === '|' && s[i + 1] !== undefined && !/[\s|]/.test(s[i + 1] as string)) {
        const j = findEnd(s, i + 2, '|');
        if (j > 0 && !s.slice(i + 1, j).includes('\n')) {
          flush(i);
          out.push({ type: 'substitutionReference', name: s.slice(i + 1, j), position: pos(i, j + 1) });
          report.warn('unknown-substitution', `Substitution |${s.slice(i + 1, j)}| is not supported; shown as text`, src.point(i));
          i = j + 1;
          continue;
        }
      }

      // standalone URL
      const u = url.exec(s.slice(i, i + 2048));
      if (u) {
        const value = u[0].replace(/[.,;:!?'")\]]+$/, '');
        flush(i);
        out.push({ type: 'link', url: value, children: [text(i, i + value.length, value)], position: pos(i, i + value.length) });
        i += value.length;
        continue;
      }

      // Name_ / Name__
      if (/[A-Za-z0-9]/.test(c)) {
        const w = wordRef.exec(s.slice(i, i + 200));
        if (w && canEnd(s, i + w[0].length)) {
          const anonymous = w[1] === '__';
          const name = w[0].slice(0, -(w[1] as string).length);
          flush(i);
          out.push({
            type: 'reference',
            text: name,
            refname: anonymous ? null : normaliseName(name),
            url: null,
            anonymous,
            position: pos(i, i + w[0].length)
          });
          i += w[0].length;
          continue;
        }
        // Skip the rest of the word: markup cannot start inside it.
        const word = /^[A-Za-z0-9]+/.exec(s.slice(i, i + 200));
        const len = word ? word[0].length : 1;
        buf += s.slice(i, i + len);
        i += len;
        continue;
      }
    }

    buf += c;
    i += 1;
  }
  flush(s.length);
  return mergeText(out);
}

function findBacktickEnd(s: string, from: number): number {
  let j = from;
  for (;;) {
    j = s.indexOf('`', j);
    if (j < 0) return -1;
    if (!isEscaped(s, j) && !/\s/.test(s[j - 1] ?? ' ')) {
      const after = j + 1;
      if (canEnd(s, after) || s[after] === '_' || s[after] === ':') return j;
    }
    j += 1;
  }
}

function findEmphasisEnd(s: string, from: number): number {
  let j = from;
  for (;;) {
    j = s.indexOf('*', j);
    if (j < 0) return -1;
    if (s[j + 1] === '*') {
      j += 2;
      continue;
    }
    if (!isEscaped(s, j) && !/\s/.test(s[j - 1] ?? ' ') && canEnd(s, j + 1)) return j;
    j += 1;
  }
}

/** Reference names are case-insensitive with whitespace collapsed (docutils). */
export function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

function mergeText(nodes: RstInline[]): RstInline[] {
  const out: RstInline[] = [];
  for (const n of nodes) {
    const prev = out[out.length - 1];
    if (n.type === 'text' && prev && prev.type === 'text') {
      prev.value += n.value;
      prev.position = { start: prev.position.start, end: n.position.end };
    } else {
      out.push(n);
    }
  }
  return out;
}
