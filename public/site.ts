// Small enhancements; every page works without them.
// (`/` and Esc belong to the search box: search/keys.ts.)
// - Copy buttons for a code's permanent URL and its Markdown link (made
//   absolute when the build did not know the site's origin).
// - A quick filter over the table of codes.

// A build without --site-url writes root-relative links ("/errors/WSGI0030/");
// a runbook needs the full address, which the browser knows.
function absoluteLinks(): void {
  const origin = window.location.origin;
  if (!/^https?:/.test(origin)) return;
  const fix = (text: string) => text.replace(/(^|\]\()(\/[^\s)]*)/g, (_m, lead: string, rel: string) => lead + origin + rel);
  for (const input of document.querySelectorAll<HTMLInputElement>('#permalink, #mdlink')) input.value = fix(input.value);
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) button.dataset['copy'] = fix(button.dataset['copy'] ?? '');
}

function copyButtons(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
    if (!navigator.clipboard) continue;
    button.hidden = false;
    const label = button.textContent ?? 'Copy';
    button.addEventListener('click', () => {
      navigator.clipboard.writeText(button.dataset['copy'] ?? '').then(
        () => {
          button.textContent = 'Copied';
          window.setTimeout(() => (button.textContent = label), 1500);
        },
        () => {
          button.textContent = 'Copy failed: select the text instead';
        }
      );
    });
  }
}

function tableFilter(): void {
  const input = document.querySelector<HTMLInputElement>('input[data-table-filter]');
  const table = document.querySelector<HTMLTableElement>('table[data-code-table]');
  if (!input || !table) return;
  (input.parentElement as HTMLElement).hidden = false;
  const rows = Array.from(table.tBodies[0]?.rows ?? []);
  const text = rows.map((r) => (r.textContent ?? '').toLowerCase());
  input.addEventListener('input', () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    rows.forEach((row, k) => {
      row.hidden = !words.every((w) => (text[k] as string).includes(w));
    });
  });
}

absoluteLinks();
copyButtons();
tableFilter();
