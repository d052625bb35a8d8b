// The build's command line as a user gets it wrong: output folders it must not
// replace, mistyped options, bad URLs. Every case is refused before the first
// write, with one line on stderr, exit 2 and the victim byte-for-byte as it was.
// Run in process: each refusal happens before Eleventy is started.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildCommand } from '../../scripts/site/build-command.js';
import { stampName, stampText } from '../../scripts/site/output-folder.js';
import { root } from '../support/sites.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'wsgi-bad-build-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function build(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await buildCommand(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { status, stdout, stderr };
}

/** Every file and folder below `dir` with its bytes (folders as empty), skipping the heavy ones named. */
function snapshot(dir: string, skip: string[] = []): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const r = path.join(rel, name);
      if (skip.includes(r)) continue;
      const full = path.join(dir, r);
      const info = statSync(full, { throwIfNoEntry: false });
      if (info?.isDirectory()) {
        out.set(r + '/', '');
        walk(r);
      } else out.set(r, info ? readFileSync(full).toString('base64') : 'dangling');
    }
  };
  walk('');
  return out;
}

function folder(name: string, files: Record<string, string>): string {
  const dir = path.join(scratch, name);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A small docs folder of our own, so `--docs` cases never point into the project. */
function docs(name: string): string {
  return folder(name, { 'error-reference.rst': 'Errors\n======\n', 'runbooks/a.md': '# A\n' });
}

const projectSkip = ['node_modules', '.git', 'test-output', '_site'];

interface Refusal {
  name: string;
  argv: () => string[];
  victim: () => { dir: string; skip?: string[] };
  message: RegExp;
}

const refusals: Refusal[] = [
  { name: '--out the project folder', argv: () => ['--out', root], victim: () => ({ dir: root, skip: projectSkip }), message: /refusing --out .*: it is the project folder; give --out an empty or new folder, or remove it yourself first/ },
  { name: '--out the folder above the project', argv: () => ['--out', path.dirname(root)], victim: () => ({ dir: root, skip: projectSkip }), message: /it holds the project folder/ },
  { name: '--out the default docs folder (content/)', argv: () => ['--out', path.join(root, 'content')], victim: () => ({ dir: path.join(root, 'content') }), message: /it is the docs folder/ },
  { name: '--out the default runbooks folder', argv: () => ['--out', path.join(root, 'content/runbooks')], victim: () => ({ dir: path.join(root, 'content') }), message: /it is the runbooks folder/ },
  { name: '--out equal to --docs', argv: () => ['--docs', docs('d1'), '--out', path.join(scratch, 'd1')], victim: () => ({ dir: path.join(scratch, 'd1') }), message: /it is the docs folder/ },
  { name: '--out a folder above --docs', argv: () => ['--docs', docs('up/d2'), '--out', path.join(scratch, 'up')], victim: () => ({ dir: path.join(scratch, 'up') }), message: /it holds the docs folder/ },
  { name: '--out equal to --runbooks', argv: () => ['--runbooks', path.join(docs('d3'), 'runbooks'), '--out', path.join(scratch, 'd3/runbooks')], victim: () => ({ dir: path.join(scratch, 'd3') }), message: /it is the runbooks folder/ },
  { name: '--out a folder above --runbooks', argv: () => ['--runbooks', path.join(docs('d4'), 'runbooks'), '--out', path.join(scratch, 'd4')], victim: () => ({ dir: path.join(scratch, 'd4') }), message: /it holds the runbooks folder/ },
  { name: '--out /', argv: () => ['--out', '/'], victim: () => ({ dir: scratch }), message: /it is the root of the file system/ },
  { name: '--out a plain file', argv: () => ['--out', path.join(folder('f', { 'notes.txt': 'mine\n' }), 'notes.txt')], victim: () => ({ dir: path.join(scratch, 'f') }), message: /it is a file, not a folder/ },
  { name: '--out a home folder with .ssh/', argv: () => ['--out', folder('home', { '.ssh/id_ed25519': 'secret\n', '.profile': 'x\n' })], victim: () => ({ dir: path.join(scratch, 'home') }), message: /it is not empty and is not a site this tool wrote/ },
  { name: '--out a folder with one hidden file', argv: () => ['--out', folder('hidden', { '.keep': '' })], victim: () => ({ dir: path.join(scratch, 'hidden') }), message: /not empty and is not a site/ },
  { name: '--out a stamped site that also holds .git', argv: () => ['--out', folder('git', { [stampName]: stampText, '.git/HEAD': 'ref: refs/heads/main\n' })], victim: () => ({ dir: path.join(scratch, 'git') }), message: /it holds a \.git folder/ },
  { name: '--out a folder whose stamp is not ours', argv: () => ['--out', folder('forged', { [stampName]: 'something else\n', 'index.html': '<p>mine</p>' })], victim: () => ({ dir: path.join(scratch, 'forged') }), message: /not a site this tool wrote/ },
  {
    name: '--out a symbolic link to a folder',
    argv: () => {
      const target = folder('link-target', { 'a.txt': 'a\n' });
      symlinkSync(target, path.join(scratch, 'link'));
      return ['--out', path.join(scratch, 'link')];
    },
    victim: () => ({ dir: path.join(scratch, 'link-target') }),
    message: /it is a symbolic link/
  },
  {
    name: '--out a symbolic link to the project',
    argv: () => {
      symlinkSync(root, path.join(scratch, 'project-link'));
      return ['--out', path.join(scratch, 'project-link')];
    },
    victim: () => ({ dir: root, skip: projectSkip }),
    message: /it is the project folder/
  },
  { name: '--out inside a path through .. that lands on the project', argv: () => ['--out', path.join(root, 'content', '..')], victim: () => ({ dir: root, skip: projectSkip }), message: /it is the project folder/ }
];

describe('an output folder the build did not make is refused before any write', () => {
  test.each(refusals)('$name', async ({ argv, victim, message }) => {
    const args = argv();
    const { dir, skip } = victim();
    const before = snapshot(dir, skip);
    const siblings = readdirSync(path.dirname(dir)).sort();
    const run = await build(['--quiet', ...args]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
    expect(snapshot(dir, skip)).toEqual(before);
    // Nothing was made beside it either (no temporary folder).
    expect(readdirSync(path.dirname(dir)).sort()).toEqual(siblings);
  });
});

interface Mistake {
  name: string;
  argv: string[];
  message: RegExp;
}

const mistakes: Mistake[] = [
  { name: 'an unknown option', argv: ['--doc', 'x'], message: /^build: Unknown option '--doc' \(see npm run build -- --help\)$/m },
  { name: 'a positional argument', argv: ['content'], message: /^build: Unexpected argument 'content'.*--help\)$/m },
  { name: '--out without a value', argv: ['--out'], message: /^build: Option '--out <value>' argument missing/ },
  { name: 'an empty --out', argv: ['--out', ''], message: /^build: --out is empty/ },
  { name: 'a boolean given a value', argv: ['--quiet=yes'], message: /^build: Option '--quiet' does not take an argument/ },
  { name: '--site-url without a scheme', argv: ['--site-url', 'docs.example.org'], message: /^build: --site-url `docs\.example\.org` is not an absolute URL/ },
  { name: '--site-url with a path', argv: ['--site-url', 'https://docs.example.org/mod_wsgi/'], message: /is not an origin: give only scheme and host .* --base-path/ },
  { name: '--site-url with a query', argv: ['--site-url', 'https://docs.example.org/?a=1'], message: /is not an origin/ },
  { name: '--site-url of another scheme', argv: ['--site-url', 'javascript:alert(1)'], message: /is not an http or https URL/ },
  { name: '--site-url with a password', argv: ['--site-url', 'https://me:pw@docs.example.org'], message: /carries a user name or password/ },
  { name: '--base-path with ..', argv: ['--base-path', '/a/../b/'], message: /^build: --base-path `\/a\/\.\.\/b\/` is not a base path: segment `\.\.`/ },
  { name: '--base-path with a quote and a space', argv: ['--base-path', '/"a b/'], message: /is not a base path/ },
  { name: '--upstream not http(s)', argv: ['--upstream', 'javascript:alert(1)'], message: /^build: --upstream `javascript:alert\(1\)` is not an absolute http or https URL/ },
  { name: '--docs that does not exist', argv: ['--docs', '/no/such/docs/folder'], message: /^build: \/no\/such\/docs\/folder: no such folder/ },
  { name: '--runbooks that does not exist (a typo must not mean no runbooks)', argv: ['--runbooks', '/no/such/runbooks'], message: /^build: --runbooks \/no\/such\/runbooks: no such folder/ },
  { name: '--docs that is a file', argv: ['--docs', path.join(root, 'package.json')], message: /not a folder \(give the docs folder that holds error-reference\.rst\)/ }
];

describe('command-line mistakes: one line, exit 2, no stack trace, nothing written', () => {
  test.each(mistakes)('$name', async ({ argv, message }) => {
    const out = path.join(scratch, 'never-written');
    const run = await build(argv.includes('--out') ? argv : [...argv, '--out', out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at |node_modules|ERR_PARSE_ARGS/);
    expect(statSync(out, { throwIfNoEntry: false })).toBeUndefined();
  });
});

describe('--help', () => {
  test.each([['--help'], ['-h'], ['--docs', 'x', '--help']])('%s prints usage on stdout and exits 0', async (...argv) => {
    const run = await build(argv);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Usage: npm run build/);
    for (const option of ['--docs', '--runbooks', '--out', '--base-path', '--site-url', '--upstream', '--quiet']) expect(run.stdout).toContain(option);
  });
});
