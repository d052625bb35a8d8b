// The extract command as a user runs it: a real process, JSON on stdout,
// the human report on stderr, and the exit code.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from './support.js';
import { root } from './support/sites.js';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function extract(docs: string): Run {
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/extract.ts', '--docs', docs], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Output {
  errors: Record<string, unknown>[];
  directives: Record<string, unknown>[];
  diagnostics: { ruleId: string; file: string; line: number; column: number; fatal: boolean; message: string }[];
}

const errorKeys = ['code', 'title', 'severity', 'source', 'retired', 'loggedMessage', 'references'];
const diagnosticKeys = ['ruleId', 'file', 'line', 'column', 'fatal', 'message'];

/** The reporter's sections: a file name, then one line per message. */
function reportSections(stderr: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  for (const block of stderr.trim().split(/\n\s*\n/)) {
    const [head, ...lines] = block.split('\n');
    if (head !== undefined && lines.length > 0) sections.set(head.trim(), lines);
  }
  return sections;
}

describe('extract on a valid docs folder', () => {
  let run: Run;
  let out: Output;
  beforeAll(() => {
    run = extract(fixturePath('docs-valid'));
    out = JSON.parse(run.stdout) as Output;
  });

  it('exits 0 and says nothing on stderr', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('prints errors, directives, the reference page around them and diagnostics as JSON', () => {
    expect(Object.keys(out)).toEqual(['errors', 'directives', 'reference', 'diagnostics']);
    expect(out.errors.map((e) => e.code)).toEqual(['WSGI0001', 'WSGI0002', 'WSGI0003', 'WSGI0004']);
    expect(out.directives.map((d) => d.name)).toEqual(['WSGIDaemonProcess', 'WSGIProcessGroup', 'WSGISocketPrefix']);
    expect(out.diagnostics.filter((d) => d.fatal)).toEqual([]);
  });

  it('gives each error its code, title, severity, source, retired flag, logged message and references', () => {
    for (const e of out.errors) expect(Object.keys(e)).toEqual(expect.arrayContaining(errorKeys));
    const [first] = out.errors;
    expect(first).toMatchObject({
      code: 'WSGI0001',
      title: 'Interpreter could not start in a child',
      severity: 'CRIT',
      source: 'src/server/sample_start.c',
      retired: false,
      loggedMessage: { template: 'Interpreter start failed for <group>; handlers are off in process <pid>.', placeholders: ['group', 'pid'] }
    });
    expect(first?.references).toContainEqual(expect.objectContaining({ kind: 'ref', target: 'WSGI0002', resolution: { type: 'entry', entry: { kind: 'error', code: 'WSGI0002' }, fragment: null } }));
    expect(out.errors[2]).toMatchObject({ code: 'WSGI0003', retired: true, severity: null, loggedMessage: null });
  });
});

describe('extract on a broken docs folder', () => {
  let run: Run;
  let out: Output;
  const docs = fixturePath('docs-broken');
  beforeAll(() => {
    run = extract(docs);
    out = JSON.parse(run.stdout) as Output;
  });

  it('exits 1', () => {
    expect(run.status).toBe(1);
  });

  it('still prints the model, with every diagnostic in the JSON', () => {
    expect(out.errors.map((e) => e.code)).toEqual(['WSGI0001', 'WSGI0002']);
    expect(out.diagnostics.length).toBeGreaterThanOrEqual(10);
    for (const d of out.diagnostics) expect(Object.keys(d).sort()).toEqual([...diagnosticKeys].sort());
    expect(out.diagnostics).toContainEqual({
      ruleId: 'unknown-severity',
      file: 'error-reference.rst',
      line: 15,
      column: 1,
      fatal: true,
      message: 'Unknown severity `FATAL` in `WSGI0001` (expected EMERG, ALERT, CRIT, ERR or WARNING)'
    });
    expect(new Set(out.diagnostics.map((d) => d.file))).toEqual(new Set(['error-reference.rst', 'configuration-directives/WSGILampWick.rst']));
  });

  it('reports every diagnostic on stderr under its file, at its line:column, with its rule id', () => {
    const sections = reportSections(run.stderr);
    for (const d of out.diagnostics) {
      const lines = sections.get(path.join(docs, d.file)) ?? [];
      const place = new RegExp(`^\\s*${d.line}:${d.column}(?:-\\d+:\\d+)?\\s+(error|warning)\\s.*\\s${d.ruleId}\\s`);
      const line = lines.find((l) => place.test(l));
      expect(line, `${d.file}:${d.line}:${d.column} ${d.ruleId}`).toBeDefined();
      expect(place.exec(line ?? '')?.[1]).toBe(d.fatal ? 'error' : 'warning');
    }
    expect(run.stderr).toMatch(/\d+ messages \(✖ \d+ errors, ⚠ \d+ warnings\)/);
  });
});

describe('extract on a folder holding only error-reference.rst', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'extract-only-reference-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds the errors with no directives and exits 0', () => {
    copyFileSync(fixturePath('docs-reference-only/error-reference.rst'), path.join(dir, 'error-reference.rst'));
    const run = extract(dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as Output;
    expect(out.directives).toEqual([]);
    expect(out.diagnostics).toEqual([]);
    expect(out.errors.map((e) => [e.code, e.retired])).toEqual([
      ['WSGI0001', false],
      ['WSGI0002', false],
      ['WSGI0003', true]
    ]);
    // A page that is not in the folder is linked upstream, not reported.
    expect(out.errors[0]?.references).toContainEqual(expect.objectContaining({ kind: 'doc', resolution: expect.objectContaining({ type: 'upstream' }) }));
  });
});

describe('extract on a folder that does not exist', () => {
  it('says so on stderr, prints nothing on stdout and exits non-zero', () => {
    const missing = path.join(tmpdir(), 'extract-no-such-folder-4b1e');
    const run = extract(missing);
    expect(run.status).not.toBe(0);
    expect(run.status).not.toBeNull();
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(missing);
    expect(run.stderr).toMatch(/no such folder/);
    // A clear message, not a stack trace.
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
