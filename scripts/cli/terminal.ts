// How output looks on this stream: emphasis only on a terminal, colour only
// when NO_COLOR is unset, and text wrapped to the terminal's width.

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  /** Severity in a colour that says how bad it is. */
  severity(text: string, severity: string | null): string;
}

interface StreamLike {
  isTTY?: boolean;
  columns?: number;
}

const plainStyle: Style = { bold: (t) => t, dim: (t) => t, severity: (t) => t };

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

// Red for "someone must act now", yellow for failures of one request, none for warnings.
const severityColour: Record<string, (t: string) => string> = {
  EMERG: sgr(31, 39),
  ALERT: sgr(31, 39),
  CRIT: sgr(31, 39),
  ERR: sgr(33, 39),
  WARNING: sgr(36, 39)
};

/** FORCE_COLOR lets tests and pagers ask for emphasis without a terminal. */
export function styleFor(stream: StreamLike, env: Readonly<Record<string, string | undefined>> = process.env): Style {
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== '';
  if (!stream.isTTY && !forced) return plainStyle;
  const colour = env.NO_COLOR === undefined || env.NO_COLOR === '';
  const bold = sgr(1, 22);
  return {
    bold,
    dim: colour ? sgr(2, 22) : (t) => t,
    severity: (t, s) => {
      const paint = colour && s !== null ? severityColour[s] : undefined;
      return bold(paint ? paint(t) : t);
    }
  };
}

export function widthOf(stream: StreamLike, env: Readonly<Record<string, string | undefined>> = process.env): number {
  const fromEnv = Number.parseInt(env.COLUMNS ?? '', 10);
  const columns = stream.isTTY && stream.columns ? stream.columns : Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 80;
  return Math.max(40, columns);
}

/**
 * Greedy word wrap of one paragraph, each line prefixed by `indent`. Words
 * longer than the line (paths, URLs) stay whole rather than being cut.
 */
export function wrap(text: string, width: number, indent = ''): string {
  const room = Math.max(20, width - indent.length);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= room) line += ' ' + word;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}
