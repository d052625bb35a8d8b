// Old URLs: go to the canonical page, keeping the #fragment (a meta refresh
// would drop it). On the old one-page reference, #wsgi0030 (or the Sphinx
// section id #wsgi0030-...) names a code page.
const root = document.documentElement;
const base = root.dataset['base'] ?? '/';
const target = root.dataset['redirect'];
if (target !== undefined) {
  const hash = window.location.hash;
  const code = root.dataset['redirectCodes'] !== undefined ? /^#(wsgi\d{4})(?:$|-)/i.exec(hash) : null;
  window.location.replace(code ? `${base}errors/${(code[1] as string).toUpperCase()}/` : base + target + hash);
}
