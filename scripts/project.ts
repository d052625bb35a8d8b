// The project folder: the nearest one above this module holding our
// package.json. Found by walking up rather than by a fixed `../`, because this
// module also runs from a bundle in node_modules/.cache/wsgi-errors/.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'wsgi-errors') return dir + path.sep;
    if (path.dirname(dir) === dir) return fileURLToPath(new URL('../', import.meta.url));
  }
}

/** A folder of this project as a path from the working directory (diagnostics name files that way). */
export function ofProject(name: string): string {
  return path.relative(process.cwd(), path.join(projectRoot, name)) || '.';
}
