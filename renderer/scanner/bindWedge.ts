// The DOM side of wedge.ts: listens to every keydown on the window in the capture phase, before any
// field or handler sees it, and carries out the state machine's decisions.
import { isEditable } from './editable';
import { currentTypingTarget } from './typingTarget';
import type { WedgeConfig, WedgeOutput, WedgeState } from './wedge';
import {
  defaultWedgeConfig,
  initialWedgeState,
  wedgeDeadline,
  wedgeKey,
  wedgeRelease,
  wedgeTick,
} from './wedge';

export interface WedgeBinding {
  onScan(code: string): void;
  config?: Partial<WedgeConfig>;
}

/** Types text a person typed into the focused field, or the screen's main field when nothing has focus. */
function typeText(text: string): void {
  let target: Element | null = document.activeElement;
  if (!isEditable(target)) {
    target = currentTypingTarget();
    if (!target || !isEditable(target)) return;
    target.focus();
  }
  // execCommand keeps the field's undo history and fires the input events React listens to.
  document.execCommand('insertText', false, text);
}

/** The most a burst's keys may lag behind their key presses and still be waited for. */
const maxLatenessMs = 1000;

export function bindWedge(win: Window, { onScan, config: overrides }: WedgeBinding): () => void {
  const config: WedgeConfig = { ...defaultWedgeConfig, ...overrides };
  let state: WedgeState = initialWedgeState;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const carryOut = (output: WedgeOutput) => {
    state = output.state;
    if (output.replay) typeText(output.replay);
    clearTimeout(timer);
    const deadline = wedgeDeadline(state, config);
    if (deadline !== null) {
      // Key times are when the keys were pressed. A busy page (or machine) gets to them late, one
      // by one, so the next key of a burst may still be on its way when the gap has passed by the
      // clock. So the gap counts from when this key was handled, plus as long again as it came
      // late; otherwise a burst is split and its first part typed into a field as if by a person.
      const lateness = Math.min(Math.max(0, win.performance.now() - state.lastAt), maxLatenessMs);
      timer = setTimeout(
        () => carryOut(wedgeTick(state, win.performance.now(), config)),
        deadline - state.lastAt + lateness + 1,
      );
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // A space on a focused button or checkbox is a person pressing it, unless a burst is under way.
    if (event.key === ' ' && state.held.length === 0 && !isEditable(document.activeElement)) return;
    const output = wedgeKey(
      state,
      {
        code: event.code,
        key: event.key,
        shiftKey: event.shiftKey,
        ctrlKey: event.ctrlKey,
        altKey: event.altKey,
        metaKey: event.metaKey,
        capsLock: event.getModifierState('CapsLock'),
        repeat: event.repeat,
        isComposing: event.isComposing,
        timeStamp: event.timeStamp,
      },
      config,
    );
    carryOut(output);
    if (output.consume) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
    if (output.scan !== null) onScan(output.scan);
  };

  // A tap or click ends typing: what is held goes into the field that still has focus, before the
  // tap moves focus or presses a button that reads the field.
  const onPointerDown = () => {
    if (state.held.length) carryOut(wedgeRelease(state));
  };

  win.addEventListener('keydown', onKeyDown, { capture: true });
  win.addEventListener('pointerdown', onPointerDown, { capture: true });
  return () => {
    win.removeEventListener('keydown', onKeyDown, { capture: true });
    win.removeEventListener('pointerdown', onPointerDown, { capture: true });
    clearTimeout(timer);
  };
}
