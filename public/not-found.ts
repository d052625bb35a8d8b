// The 404 page: if the address names a code, say whether it exists, is
// retired, or was never allocated.
import { codeInText } from '../scripts/model/code-syntax.js';

const box = document.getElementById('code-status');
if (box) {
  const base = document.documentElement.dataset['base'] ?? '/';
  const path = decoded(window.location.pathname);
  const code = codeInText(path);
  if (code) {
    const active = new Set((box.dataset['codes'] ?? '').split(' '));
    const retired = new Set((box.dataset['retired'] ?? '').split(' '));
    const p = document.createElement('p');
    const link = (text: string) => {
      const a = document.createElement('a');
      a.href = `${base}errors/${code}/`;
      a.textContent = text;
      return a;
    };
    if (active.has(code)) {
      p.append(`${code} exists: `, link(`go to ${code}`), '.');
    } else if (retired.has(code)) {
      p.append(`${code} is retired: mod_wsgi no longer logs it. `, link('Its page'), ' explains why.');
    } else {
      const newer = code > (box.dataset['last'] ?? code) ? ` It is above ${box.dataset['last']}, so it may belong to a newer mod_wsgi release than this reference.` : '';
      p.append(`${code} is not allocated: no mod_wsgi release described here logs it.${newer}`);
    }
    box.replaceChildren(p);
  }
}

/** `/errors/%ZZ/` is a valid address for a 404 but not valid percent-encoding. */
function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
