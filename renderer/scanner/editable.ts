const textInputTypes = new Set(['text', 'search', 'tel', 'password', 'email', 'url', 'number', '']);

/** Whether typed characters would land in this element. */
export function isEditable(element: Element | null): element is HTMLElement {
  if (element instanceof HTMLInputElement) {
    return textInputTypes.has(element.type) && !element.readOnly && !element.disabled;
  }
  if (element instanceof HTMLTextAreaElement) return !element.readOnly && !element.disabled;
  return element instanceof HTMLElement && element.isContentEditable;
}
