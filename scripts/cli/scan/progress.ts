// `scan: 45.2 MB of 200.0 MB (22%)` on stderr while a long scan runs, only
// when stderr is a terminal; redrawn a few times a second, erased at the end.

interface Terminal {
  isTTY?: boolean;
  write(text: string): boolean;
}

export interface Progress {
  stop(): void;
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export function startProgress(stream: Terminal, total: number | null, read: () => number, options: { delayMs?: number; everyMs?: number } = {}): Progress {
  if (!stream.isTTY) return { stop() {} };
  const started = Date.now();
  const delay = options.delayMs ?? 500;
  let shown = false;
  const draw = () => {
    // Short scans finish before anything is drawn.
    if (Date.now() - started < delay) return;
    const done = read();
    const text = total ? `scan: ${mb(done)} of ${mb(total)} (${Math.floor((100 * done) / Math.max(total, 1))}%)` : `scan: ${mb(done)} read`;
    stream.write(`\r${text}\u001b[K`);
    shown = true;
  };
  const timer = setInterval(draw, options.everyMs ?? 200);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      if (shown) stream.write('\r\u001b[K');
    }
  };
}
