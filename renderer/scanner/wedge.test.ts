import { describe, expect, it } from 'vitest';
import type { WedgeKey, WedgeOutput, WedgeState } from './wedge';
import { initialWedgeState, wedgeDeadline, wedgeKey, wedgeTick } from './wedge';
import { decodeKeyCode } from './keymap';

/** The US-layout key for a character, as a scanner sends it. */
function usKey(char: string): Pick<WedgeKey, 'code' | 'key' | 'shiftKey'> {
  if (/\d/.test(char)) return { code: `Digit${char}`, key: char, shiftKey: false };
  if (/[a-z]/.test(char)) return { code: `Key${char.toUpperCase()}`, key: char, shiftKey: false };
  if (/[A-Z]/.test(char)) return { code: `Key${char}`, key: char, shiftKey: true };
  if (char === '-') return { code: 'Minus', key: '-', shiftKey: false };
  throw new Error(`no key for ${char}`);
}

interface Run {
  state: WedgeState;
  scans: string[];
  typed: string;
  consumed: boolean[];
}

function apply(run: Run, output: WedgeOutput): Run {
  return {
    state: output.state,
    scans: output.scan ? [...run.scans, output.scan] : run.scans,
    typed: run.typed + (output.replay ?? ''),
    consumed: run.consumed,
  };
}

/** Feeds keys at the given times, ticking the timer between them as the DOM binding would. */
function feed(keys: Array<Partial<WedgeKey> & { timeStamp: number }>, endAt?: number): Run {
  let run: Run = { state: initialWedgeState, scans: [], typed: '', consumed: [] };
  for (const key of keys) {
    const deadline = wedgeDeadline(run.state);
    if (deadline !== null && deadline < key.timeStamp) run = apply(run, wedgeTick(run.state, deadline + 1));
    const output = wedgeKey(run.state, { code: '', key: '', shiftKey: false, ...key });
    run = { ...apply(run, output), consumed: [...run.consumed, output.consume] };
    // A key that passes through reaches the focused field after anything replayed before it.
    if (!output.consume && [...(key.key ?? '')].length === 1)
      run = { ...run, typed: run.typed + (key.key ?? '') };
  }
  if (endAt !== undefined) run = apply(run, wedgeTick(run.state, endAt));
  return run;
}

const burst = (text: string, start: number, gapMs: number) =>
  [...text].map((char, index) => ({ ...usKey(char), timeStamp: start + index * gapMs }));

const enterAt = (timeStamp: number) => ({ code: 'Enter', key: 'Enter', shiftKey: false, timeStamp });

describe('keyboard-wedge scanner detection', () => {
  it('recognises a fast burst ending in Enter as one scan and lets none of it through', () => {
    const run = feed([...burst('4600000000017', 1000, 8), enterAt(1000 + 13 * 8)], 2000);
    expect(run.scans).toEqual(['4600000000017']);
    expect(run.typed).toBe('');
    expect(run.consumed.every(Boolean)).toBe(true);
  });

  it('passes human typing through to the focused field, in order', () => {
    const run = feed(burst('1234567', 1000, 150), 3000);
    expect(run.scans).toEqual([]);
    expect(run.typed).toBe('1234567');
  });

  it('rejects a scanner slower than the threshold: its characters are typed, its Enter is a normal Enter', () => {
    const run = feed([...burst('4600000000017', 1000, 60), enterAt(1000 + 13 * 60)]);
    expect(run.scans).toEqual([]);
    expect(run.typed).toBe('4600000000017');
    expect(run.consumed.at(-1)).toBe(false);
  });

  it('decodes by physical key when the Russian layout is active', () => {
    const cyrillic: Record<string, string> = { KeyF: 'а', KeyD: 'в', KeyR: 'к' };
    const keys = ['KeyF', 'KeyD', 'KeyR', 'Digit1', 'Digit2', 'Digit3'].map((code, index) => ({
      code,
      key: cyrillic[code] ?? code.slice(-1),
      shiftKey: index === 1,
      timeStamp: 500 + index * 10,
    }));
    const run = feed([...keys, enterAt(560)]);
    expect(run.scans).toEqual(['fDr123']);
    expect(decodeKeyCode('KeyF', false)).toBe('f');
    expect(decodeKeyCode('KeyF', true)).toBe('F');
  });

  it('replays a person’s Cyrillic text as typed, not as the physical keys', () => {
    const run = feed([{ code: 'KeyF', key: 'а', shiftKey: false, timeStamp: 10 }], 200);
    expect(run.typed).toBe('а');
  });

  it('accepts Tab as the terminator', () => {
    const run = feed([
      ...burst('R0001-01-000042', 0, 5),
      { code: 'Tab', key: 'Tab', shiftKey: false, timeStamp: 75 },
    ]);
    expect(run.scans).toEqual(['R0001-01-000042']);
    expect(run.consumed.at(-1)).toBe(true);
  });

  it('replays a fast burst shorter than the minimum and lets its Enter through', () => {
    const run = feed([...burst('1111', 0, 5), enterAt(20)]);
    expect(run.scans).toEqual([]);
    expect(run.typed).toBe('1111');
    expect(run.consumed).toEqual([true, true, true, true, false]);
  });

  it('ignores Shift presses inside a burst', () => {
    const shift = { code: 'ShiftLeft', key: 'Shift', shiftKey: true };
    const run = feed([
      { ...usKey('4'), timeStamp: 0 },
      { ...shift, timeStamp: 4 },
      { ...usKey('A'), timeStamp: 8 },
      ...burst('12345', 16, 8),
      enterAt(60),
    ]);
    expect(run.scans).toEqual(['4A12345']);
  });

  it('lets Ctrl combinations and function keys through untouched, after what was held', () => {
    const ctrlA = wedgeKey(initialWedgeState, {
      code: 'KeyA',
      key: 'a',
      shiftKey: false,
      ctrlKey: true,
      timeStamp: 0,
    });
    expect(ctrlA.consume).toBe(false);
    const held = wedgeKey(initialWedgeState, { ...usKey('7'), timeStamp: 0 }).state;
    const f10 = wedgeKey(held, { code: 'F10', key: 'F10', shiftKey: false, timeStamp: 5 });
    expect(f10).toMatchObject({ consume: false, replay: '7', scan: null });
  });

  it('waits for the timer before deciding that a held key was typed by a person', () => {
    const held = wedgeKey(initialWedgeState, { ...usKey('7'), timeStamp: 100 }).state;
    expect(wedgeDeadline(held)).toBe(140);
    expect(wedgeTick(held, 130).replay).toBeNull();
    expect(wedgeTick(held, 141).replay).toBe('7');
  });

  it('treats auto-repeat of a held-down key as typing', () => {
    const run = feed([
      ...burst('55', 0, 30),
      { ...usKey('5'), repeat: true, timeStamp: 60 },
      { ...usKey('5'), repeat: true, timeStamp: 90 },
    ]);
    expect(run.typed).toBe('5555');
  });
});
