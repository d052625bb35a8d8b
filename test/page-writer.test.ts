// The build's page writer (a worker thread): pages land where they belong,
// the backlog is waited for, and a page it cannot write fails the build with
// the page's path and the system's reason instead of being dropped.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { startPageWriter } from '../scripts/site/page-writer.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'wsgi-page-writer-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('writes every page, in folders it makes, before close() resolves', async () => {
  const root = path.join(scratch, 'ok');
  const writer = startPageWriter(root);
  const pages = Array.from({ length: 100 }, (_, k) => ({ path: `errors/WSGI${String(k).padStart(4, '0')}/index.html`, html: `<p>page ${k}</p>` }));
  for (const page of pages.slice(0, 50)) writer.write(page);
  await writer.catchUp(10);
  for (const page of pages.slice(50)) writer.write(page);
  await writer.close();
  for (const page of pages) expect(readFileSync(path.join(root, page.path), 'utf8')).toBe(page.html);
});

test('a page it cannot write fails the writer with its path and reason', async () => {
  const root = path.join(scratch, 'blocked');
  const writer = startPageWriter(root);
  writer.write({ path: 'first/index.html', html: 'one' });
  await writer.catchUp(0);
  // A file where the page's folder should be.
  writeFileSync(path.join(root, 'taken'), 'not a folder');
  writer.write({ path: 'taken/index.html', html: 'two' });
  writer.write({ path: 'third/index.html', html: 'three' });
  await expect(writer.close()).rejects.toThrow(/could not write taken\/index\.html: .*(ENOTDIR|EEXIST)/);
});

test('abort() stops it without writing the rest of the queue', async () => {
  const root = path.join(scratch, 'aborted');
  mkdirSync(root, { recursive: true });
  const writer = startPageWriter(root);
  for (let k = 0; k < 2000; k++) writer.write({ path: `p${k}/index.html`, html: 'x'.repeat(1000) });
  await writer.abort();
  const written = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).length;
  expect(written).toBeLessThan(2000);
});
