// The log to scan: a file (read in place through one reused buffer) or
// standard input. Everything wrong with the input is a CliError up front.
import type { Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from '../fail.js';

export interface LogInput {
  /** As given, or `-` for standard input. */
  name: string;
  /** Size in bytes when known, for the progress indicator. */
  total: number | null;
  chunks(): AsyncIterable<Buffer>;
}

const chunkSize = 1 << 20;

/** Standard input as the scan reads it: chunks of bytes, and whether a person is typing into it. */
export interface StdinLike extends AsyncIterable<Buffer> {
  isTTY?: boolean;
}

/** `file` is named as given in messages and read from `cwd` when relative. */
export async function openInput(file: string | undefined, stdin: StdinLike, cwd: string): Promise<LogInput> {
  if (file === undefined || file === '-') {
    if (file === undefined && stdin.isTTY) throw new CliError('scan: give a log file, or pipe one in (`... | wsgi-errors scan -`)');
    return { name: '-', total: null, chunks: () => stdin };
  }
  const full = path.resolve(cwd, file);
  const info: Stats | null = await stat(full).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') throw new CliError(`${file}: no such file`);
    if (error.code === 'EACCES') throw new CliError(`${file}: permission denied`);
    throw new CliError(`${file}: ${error.message}`);
  });
  if (info?.isDirectory()) throw new CliError(`${file}: is a directory; give the error log file inside it`);
  const handle = await open(full, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new CliError(error.code === 'EACCES' ? `${file}: permission denied` : `${file}: ${error.message}`);
  });
  return {
    name: file,
    total: info?.isFile() ? info.size : null,
    async *chunks() {
      const buffer = Buffer.allocUnsafe(chunkSize);
      try {
        for (;;) {
          const { bytesRead } = await handle.read(buffer, 0, chunkSize, null);
          if (bytesRead === 0) return;
          yield buffer.subarray(0, bytesRead);
        }
      } finally {
        await handle.close();
      }
    }
  };
}

/** NUL bytes do not occur in a text log; gzip has its own signature. */
export function binaryProblem(name: string, first: Buffer): string | null {
  const label = name === '-' ? 'standard input' : name;
  if (first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b) return `${label}: is gzip-compressed; decompress it first (\`zcat ${name === '-' ? 'FILE' : name} | wsgi-errors scan -\`)`;
  if (first.indexOf(0) !== -1) return `${label}: looks like binary data (it contains NUL bytes), not a text error log`;
  return null;
}
