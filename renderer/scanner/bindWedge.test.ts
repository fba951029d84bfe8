import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bindWedge } from './bindWedge';

// Just enough of a DOM for the binding: a window that takes listeners and has a clock, and a
// focused text field that records what is typed into it.
class FakeElement {
  isContentEditable = false;
}
class FakeInput extends FakeElement {
  type = 'text';
  readOnly = false;
  disabled = false;
}

type Listener = (event: KeyboardEvent) => void;

/** A window whose clock is the fake timers' clock, so timers fire as time passes. */
function fakeWindow() {
  const listeners = new Set<Listener>();
  const win = {
    performance: { now: () => Date.now() },
    /** Lets time pass until `ms`, firing the timers due on the way. */
    at: (ms: number) => vi.advanceTimersByTime(ms - Date.now()),
    addEventListener: (type: string, listener: Listener) => {
      if (type === 'keydown') listeners.add(listener);
    },
    removeEventListener: (_type: string, listener: Listener) => listeners.delete(listener),
    /** The page handles, now, a key pressed at `pressedAt`. */
    press(char: string, pressedAt: number) {
      const key = char === '\n' ? 'Enter' : char;
      const code = char === '\n' ? 'Enter' : `Digit${char}`;
      const event = {
        key,
        code,
        shiftKey: false,
        ctrlKey: false,
        altKey: false,
        metaKey: false,
        repeat: false,
        isComposing: false,
        timeStamp: pressedAt,
        getModifierState: () => false,
        preventDefault: () => undefined,
        stopImmediatePropagation: () => undefined,
      } as unknown as KeyboardEvent;
      for (const listener of listeners) listener(event);
    },
  };
  return win;
}

describe('the wedge binding on a busy page', () => {
  const typed = vi.fn();

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    typed.mockReset();
    vi.stubGlobal('HTMLElement', FakeElement);
    vi.stubGlobal('HTMLInputElement', FakeInput);
    vi.stubGlobal('HTMLTextAreaElement', class extends FakeElement {});
    vi.stubGlobal('document', {
      activeElement: new FakeInput(),
      execCommand: (_command: string, _ui: boolean, text: string) => typed(text),
    });
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('keeps a burst whole when its keys are handled late, one after the other', () => {
    const win = fakeWindow();
    const onScan = vi.fn();
    const unbind = bindWedge(win as unknown as Window, { onScan });
    // Pressed 5 ms apart; the page gets to the first 120 ms later, then to each 50 ms after the last.
    [...'4600512000015\n'].forEach((char, index) => {
      win.at(120 + index * 50);
      win.press(char, index * 5);
    });
    win.at(5000);
    expect(onScan.mock.calls).toEqual([['4600512000015']]);
    expect(typed).not.toHaveBeenCalled();
    unbind();
  });

  it('types a person’s key once the gap has passed', () => {
    const win = fakeWindow();
    const onScan = vi.fn();
    const unbind = bindWedge(win as unknown as Window, { onScan });
    win.at(1000);
    win.press('7', 1000);
    win.at(1040);
    expect(typed).not.toHaveBeenCalled();
    win.at(1041);
    expect(typed.mock.calls).toEqual([['7']]);
    expect(onScan).not.toHaveBeenCalled();
    unbind();
  });

  it('on a page that is late with keys, waits as much longer before typing a key', () => {
    const win = fakeWindow();
    const onScan = vi.fn();
    const unbind = bindWedge(win as unknown as Window, { onScan });
    // Pressed at 0, handled at 100: the next key of a burst would come about as late.
    win.at(100);
    win.press('7', 0);
    win.at(240);
    expect(typed).not.toHaveBeenCalled();
    win.at(241);
    expect(typed.mock.calls).toEqual([['7']]);
    expect(onScan).not.toHaveBeenCalled();
    unbind();
  });
});
