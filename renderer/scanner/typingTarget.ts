// Where a person's typing goes when nothing editable has focus: the screen names its main field
// (the barcode field in checkout), so a cashier can just start typing a code.
const targets: HTMLElement[] = [];

export function registerTypingTarget(element: HTMLElement): () => void {
  targets.push(element);
  return () => {
    const index = targets.lastIndexOf(element);
    if (index >= 0) targets.splice(index, 1);
  };
}

export const currentTypingTarget = (): HTMLElement | null => targets.at(-1) ?? null;
