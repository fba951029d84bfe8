// Tells a keyboard-wedge scanner from a person typing, by timing alone. A scanner types a burst of
// keys a few milliseconds apart and ends it with Enter or Tab; people are slower and irregular.
// Every printable key is held back until that is decided, so a scan never lands in a text field;
// when it turns out to be a person, the held characters are handed back to be typed where focus is.
//
// Pure: the DOM binding (bindWedge.ts) feeds it key events and timer ticks and carries out its
// decisions.
import { decodeKeyCode } from './keymap';

export interface WedgeConfig {
  /** Largest gap between two keys of one burst. */
  maxGapMs: number;
  /** Fewest characters in a scan; shorter bursts ending in Enter are a person pressing Enter. */
  minLength: number;
}

export const defaultWedgeConfig: WedgeConfig = { maxGapMs: 40, minLength: 6 };

export interface WedgeKey {
  code: string;
  key: string;
  shiftKey: boolean;
  timeStamp: number;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  capsLock?: boolean;
  repeat?: boolean;
  isComposing?: boolean;
}

interface HeldKey {
  /** What a person meant: the layout's character. */
  typed: string;
  /** What a scanner meant: the physical key's character. */
  scanned: string;
}

export interface WedgeState {
  held: readonly HeldKey[];
  lastAt: number;
}

export interface WedgeOutput {
  state: WedgeState;
  /** Characters a person typed, to insert where focus is before anything else happens. */
  replay: string | null;
  /** Stop the current key from reaching the page. */
  consume: boolean;
  /** A complete scan. */
  scan: string | null;
}

export const initialWedgeState: WedgeState = { held: [], lastAt: 0 };

const modifierKeys = new Set([
  'Shift',
  'Control',
  'Alt',
  'AltGraph',
  'Meta',
  'OS',
  'CapsLock',
  'NumLock',
  'Fn',
]);

const isTerminator = (key: WedgeKey) =>
  key.key === 'Enter' ||
  key.key === 'Tab' ||
  key.code === 'Enter' ||
  key.code === 'NumpadEnter' ||
  key.code === 'Tab';

const isPrintable = (key: WedgeKey) => [...key.key].length === 1;

const typedText = (held: readonly HeldKey[]) => (held.length ? held.map((k) => k.typed).join('') : null);

/** Hand back whatever is held (and let the current key through): a person is typing, or has stopped to tap. */
export const wedgeRelease = (state: WedgeState): WedgeOutput => ({
  state: initialWedgeState,
  replay: typedText(state.held),
  consume: false,
  scan: null,
});

export function wedgeKey(
  state: WedgeState,
  key: WedgeKey,
  config: WedgeConfig = defaultWedgeConfig,
): WedgeOutput {
  // Scanners press Shift for capitals in the middle of a burst: modifiers alone change nothing.
  if (modifierKeys.has(key.key)) return { state, replay: null, consume: false, scan: null };
  if (key.ctrlKey || key.altKey || key.metaKey || key.repeat || key.isComposing || key.key === 'Process') {
    return wedgeRelease(state);
  }

  const inBurst = state.held.length > 0 && key.timeStamp - state.lastAt <= config.maxGapMs;

  if (isTerminator(key)) {
    if (inBurst && state.held.length >= config.minLength) {
      return {
        state: initialWedgeState,
        replay: null,
        consume: true,
        scan: state.held.map((k) => k.scanned).join(''),
      };
    }
    return wedgeRelease(state);
  }

  if (!isPrintable(key)) return wedgeRelease(state);

  const next: HeldKey = {
    typed: key.key,
    scanned: decodeKeyCode(key.code, key.shiftKey, key.capsLock) ?? key.key,
  };
  if (inBurst) {
    return {
      state: { held: [...state.held, next], lastAt: key.timeStamp },
      replay: null,
      consume: true,
      scan: null,
    };
  }
  return {
    state: { held: [next], lastAt: key.timeStamp },
    replay: typedText(state.held),
    consume: true,
    scan: null,
  };
}

/** When the timer fires: if no key followed in time, what is held was typed by a person. */
export function wedgeTick(
  state: WedgeState,
  now: number,
  config: WedgeConfig = defaultWedgeConfig,
): WedgeOutput {
  if (state.held.length === 0 || now - state.lastAt <= config.maxGapMs) {
    return { state, replay: null, consume: false, scan: null };
  }
  return wedgeRelease(state);
}

/** When the timer must next fire, or null when nothing is held. */
export const wedgeDeadline = (state: WedgeState, config: WedgeConfig = defaultWedgeConfig): number | null =>
  state.held.length ? state.lastAt + config.maxGapMs : null;
