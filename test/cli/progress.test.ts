// The progress indicator: drawn on a terminal only, redrawn in place, erased
// at the end.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startProgress } from '../../scripts/cli/scan/progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, writes, write: (t: string) => writes.push(t) > 0 };
}

// Fake timers: the timings are the indicator's own, not the machine's load.
const wait = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe('progress on stderr', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows bytes read of the total, then erases itself', async () => {
    const stream = fakeStream(true);
    let read = 0;
    const progress = startProgress(stream, 200e6, () => read, { delayMs: 0, everyMs: 5 });
    read = 50e6;
    await wait(40);
    progress.stop();
    expect(stream.writes.some((w) => w.startsWith('\rscan: 50.0 MB of 200.0 MB (25%)'))).toBe(true);
    expect(stream.writes.at(-1)).toBe('\r\u001b[K');
  });

  it('shows bytes read alone when the size is unknown (standard input)', async () => {
    const stream = fakeStream(true);
    const progress = startProgress(stream, null, () => 1.5e6, { delayMs: 0, everyMs: 5 });
    await wait(40);
    progress.stop();
    expect(stream.writes).toContain('\rscan: 1.5 MB read\u001b[K');
  });

  it('stays silent when stderr is not a terminal, or the scan is short', async () => {
    const pipe = fakeStream(false);
    const a = startProgress(pipe, 100, () => 50, { delayMs: 0, everyMs: 5 });
    await wait(30);
    a.stop();
    expect(pipe.writes).toEqual([]);
    const tty = fakeStream(true);
    const b = startProgress(tty, 100, () => 50, { delayMs: 10_000, everyMs: 5 });
    await wait(30);
    b.stop();
    expect(tty.writes).toEqual([]);
  });
});
