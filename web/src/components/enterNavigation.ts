// Enter moves to the next field, as desks with a queue expect; Ctrl+Enter submits.
// Fields are found in DOM order inside a container. Marks:
//   data-nav-group  – a group (checkboxes) that Enter leaves as a whole
//   data-nav-skip   – buttons and the like that Enter passes over (Tab still reaches them)
//   data-nav-stop   – a focusable non-input (e.g. the colour key picker)

const CANDIDATES = 'input, textarea, button[role="switch"], button[type="submit"], [data-nav-stop]';

function visible(el: HTMLElement): boolean {
  return el.getClientRects().length > 0;
}

export function navigableFields(container: HTMLElement): HTMLElement[] {
  const all = [...container.querySelectorAll<HTMLElement>(CANDIDATES)].filter((el) => {
    if ((el as HTMLInputElement).disabled) return false;
    if (el instanceof HTMLInputElement && (el.type === 'hidden' || el.type === 'file')) return false;
    if (el.tabIndex < 0) return false;
    if (el.closest('[data-nav-skip]')) return false;
    return visible(el) || el instanceof HTMLInputElement;
  });
  // One stop per radio group: the checked radio, else the first.
  const seenRadio = new Set<string>();
  return all.filter((el) => {
    if (!(el instanceof HTMLInputElement) || el.type !== 'radio') return true;
    const group = container.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${CSS.escape(el.name)}"]`);
    const stop = [...group].find((r) => r.checked) ?? group[0];
    if (seenRadio.has(el.name) || el !== stop) return false;
    seenRadio.add(el.name);
    return true;
  });
}

/** Moves the focus to the field after `from` (leaving its group), or the first field when `from` is null. */
export function focusNext(container: HTMLElement, from: HTMLElement | null): void {
  const fields = navigableFields(container);
  if (!from) {
    fields[0]?.focus();
    return;
  }
  const group = from.closest('[data-nav-group]');
  const after = (f: HTMLElement) =>
    !from.contains(f) && !(group && group.contains(f)) && (from.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  const next = fields.find(after);
  if (!next) return;
  next.focus();
  if (next instanceof HTMLInputElement && next.type === 'text') next.select();
}

/** Focuses the field with this DOM id, or the first field inside it. */
export function focusField(container: HTMLElement, id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  if (el.matches(CANDIDATES)) {
    el.focus();
    return;
  }
  const inner = navigableFields(container).find((f) => el.contains(f));
  (inner ?? el).focus();
}

/**
 * The keydown handler for a form container, used in the capture phase (onKeyDownCapture) so that
 * a closed dropdown does not open on Enter. `submit` is called on Ctrl+Enter (or Cmd+Enter).
 * Enter inside an open dropdown lets the dropdown pick its option first, then moves on.
 */
export function enterNavigation(submit: () => void) {
  return (event: React.KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    const container = event.currentTarget;
    const target = event.target as HTMLElement;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      event.stopPropagation();
      submit();
      return;
    }
    if (target instanceof HTMLTextAreaElement) return;
    if (target.hasAttribute('data-own-enter')) return;
    if (target instanceof HTMLButtonElement && target.type === 'submit') return;
    if (target instanceof HTMLButtonElement && target.getAttribute('role') !== 'switch') return;
    if (target.getAttribute('role') === 'combobox') {
      if (target.getAttribute('aria-expanded') === 'true') {
        // The dropdown picks its active option; then move on.
        const active = target.getAttribute('aria-activedescendant');
        if (active && document.getElementById(active)) setTimeout(() => focusNext(container, target), 0);
        return;
      }
      event.stopPropagation();
    }
    event.preventDefault();
    focusNext(container, target);
  };
}
