// Esc closes what is on top: the newest open dialog, else the panel under it. One listener for the
// whole window keeps that order in one place.
import { useEffect, useEffectEvent } from 'react';

const stack: Array<() => void> = [];

function onKeyDown(event: KeyboardEvent): void {
  if (event.key !== 'Escape' || event.defaultPrevented) return;
  const top = stack.at(-1);
  if (!top) return;
  event.preventDefault();
  top();
}

let listening = false;

export function useEscape(onEscape: () => void, active = true): void {
  const handle = useEffectEvent(onEscape);
  useEffect(() => {
    if (!active) return;
    if (!listening) {
      window.addEventListener('keydown', onKeyDown);
      listening = true;
    }
    const entry = () => handle();
    stack.push(entry);
    return () => {
      stack.splice(stack.lastIndexOf(entry), 1);
    };
  }, [active]);
}
