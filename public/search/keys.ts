// `/` focuses the search box from anywhere but a text field; Esc in the box clears it.
export function bindKeys(input: HTMLInputElement): void {
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.defaultPrevented || !input.value) return;
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
