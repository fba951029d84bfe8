// A keyboard-wedge scanner for Playwright: shared by the end-to-end tests and the benchmarks.
import type { CDPSession, Page } from '@playwright/test';

/**
 * US-layout keys of the symbols barcodes and magnetic stripe readers send (track sentinels % ; ? ^ =),
 * and those of member QR codes (`OMNI:M:…` with a base64url signature, or its https link).
 */
const symbols: Record<string, { code: string; keyCode: number; shift: boolean }> = {
  '-': { code: 'Minus', keyCode: 189, shift: false },
  _: { code: 'Minus', keyCode: 189, shift: true },
  ':': { code: 'Semicolon', keyCode: 186, shift: true },
  '.': { code: 'Period', keyCode: 190, shift: false },
  '=': { code: 'Equal', keyCode: 187, shift: false },
  ';': { code: 'Semicolon', keyCode: 186, shift: false },
  '/': { code: 'Slash', keyCode: 191, shift: false },
  '?': { code: 'Slash', keyCode: 191, shift: true },
  '%': { code: 'Digit5', keyCode: 53, shift: true },
  '^': { code: 'Digit6', keyCode: 54, shift: true },
  '+': { code: 'Equal', keyCode: 187, shift: true },
  ' ': { code: 'Space', keyCode: 32, shift: false },
};

function scannerKey(char: string): { key: string; code: string; keyCode: number; shift: boolean } {
  if (/^\d$/.test(char))
    return { key: char, code: `Digit${char}`, keyCode: char.charCodeAt(0), shift: false };
  if (/^[a-z]$/i.test(char)) {
    const upper = char.toUpperCase();
    return { key: char, code: `Key${upper}`, keyCode: upper.charCodeAt(0), shift: char === upper };
  }
  const symbol = symbols[char];
  if (symbol) return { key: char, ...symbol };
  throw new RangeError(`no scanner key for "${char}"`);
}

const keyboards = new WeakMap<Page, Promise<CDPSession>>();

/**
 * Types a code the way a keyboard-wedge scanner does: a fast burst of real key presses ending in
 * Enter. The whole burst is handed to the browser at once, as the scanner's hardware hands it to the
 * OS: typed key by key from here, a busy test machine stretches the gaps between keys past what
 * the till accepts from a scanner, and the burst would be taken for a person typing.
 */
export async function wedgeScan(page: Page, code: string): Promise<void> {
  let keyboard = keyboards.get(page);
  if (!keyboard) {
    keyboard = page.context().newCDPSession(page);
    keyboards.set(page, keyboard);
  }
  const session = await keyboard;
  const presses = [...code].map(scannerKey);
  presses.push({ key: 'Enter', code: 'Enter', keyCode: 13, shift: false });
  // Stamped as a scanner presses them, 4 ms apart and the last one now, however late the page gets to them.
  const start = Date.now() / 1000 - presses.length * 0.004;
  const sent = presses.flatMap(({ key, code: physical, keyCode, shift }, index) => {
    const common = {
      key,
      code: physical,
      windowsVirtualKeyCode: keyCode,
      modifiers: shift ? 8 : 0,
      timestamp: start + index * 0.004,
    };
    const text = key === 'Enter' ? '\r' : key;
    return [
      session.send('Input.dispatchKeyEvent', { type: 'keyDown', text, unmodifiedText: text, ...common }),
      session.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common }),
    ];
  });
  await Promise.all(sent);
}
