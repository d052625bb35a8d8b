// Many lines pasted into the search box (a one-line field keeps only one
// search's worth): the box offers to summarise them on the triage page. The
// text goes there through sessionStorage, which stays in this tab, never
// through the address.
import { offerAfterLines, pasteKey } from '../triage/protocol.js';

/** Non-blank lines of a paste. */
export function pastedLines(text: string): number {
  let n = 0;
  for (const line of text.split('\n')) if (line.trim() !== '') n++;
  return n;
}

export function bindPasteOffer(input: HTMLInputElement, results: HTMLElement, base: string): void {
  let offer: HTMLElement | null = null;
  const remove = () => {
    offer?.remove();
    offer = null;
  };
  input.addEventListener('paste', (event) => {
    const text = event.clipboardData?.getData('text/plain') ?? '';
    const lines = pastedLines(text);
    remove();
    if (lines <= offerAfterLines) return;
    let kept = true;
    try {
      sessionStorage.setItem(pasteKey, text);
    } catch {
      // Too large for this tab's storage, or storage is off: the page is offered anyway.
      kept = false;
    }
    const link = document.createElement('a');
    link.href = `${base}triage/`;
    link.textContent = `Summarise ${lines.toLocaleString('en-GB')} lines on the triage page`;
    const box = document.createElement('p');
    box.className = 'triage-offer';
    box.setAttribute('role', 'status');
    // In the page first, then filled: a live region is announced when its content changes.
    results.before(box);
    offer = box;
    requestAnimationFrame(() => {
      box.append('The search reads a paste as one line. ', link);
      if (!kept) box.append(' (paste them again there)');
      box.append('.');
    });
  });
  // The offer goes when the box is emptied.
  input.addEventListener('input', () => {
    if (!input.value.trim()) remove();
  });
}
