// Output that keeps memory flat: text is gathered into blocks, and the scan
// waits for a slow reader (a pager, a pipe) before reading more of the log.
// A reader that goes away (`| head`) ends the scan quietly.

export interface OutputStream {
  write(chunk: string): boolean;
  once(event: 'drain' | 'error' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'error' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

const blockSize = 1 << 16;

export class Output {
  private pending = '';
  /** The reader went away; nothing more will be written. */
  closed = false;

  constructor(private readonly stream: OutputStream) {
    stream.on('error', (error) => {
      if (error.code === 'EPIPE') this.closed = true;
      else throw error;
    });
  }

  write(text: string): void {
    if (!this.closed) this.pending += text;
  }

  /** Write the gathered text when there is enough of it (or always, with `force`). */
  async flush(force = false): Promise<void> {
    if (this.closed || this.pending === '' || (!force && this.pending.length < blockSize)) return;
    const text = this.pending;
    this.pending = '';
    if (this.stream.write(text)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('close', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.once('drain', done);
      this.stream.once('close', done);
      this.stream.once('error', done);
    });
  }
}
