// A wedge scanner "presses" physical keys of a US layout; which character the OS then reports in
// `key` depends on the active layout (with Russian active, KeyF arrives as "а"). So a scan is decoded
// from `KeyboardEvent.code`, the physical key, with Shift (and Caps Lock for letters) for the case.

const punctuation: Record<string, readonly [plain: string, shifted: string]> = {
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  Backquote: ['`', '~'],
  Space: [' ', ' '],
  NumpadDecimal: ['.', '.'],
  NumpadComma: [',', ','],
  NumpadAdd: ['+', '+'],
  NumpadSubtract: ['-', '-'],
  NumpadMultiply: ['*', '*'],
  NumpadDivide: ['/', '/'],
  NumpadEqual: ['=', '='],
};

const shiftedDigits = ')!@#$%^&*(';

export function decodeKeyCode(code: string, shiftKey: boolean, capsLock = false): string | null {
  const letter = /^Key([A-Z])$/.exec(code)?.[1];
  if (letter) return shiftKey !== capsLock ? letter : letter.toLowerCase();
  const digit = /^Digit(\d)$/.exec(code)?.[1];
  if (digit) return shiftKey ? (shiftedDigits[Number(digit)] ?? digit) : digit;
  const numpadDigit = /^Numpad(\d)$/.exec(code)?.[1];
  if (numpadDigit) return numpadDigit;
  const pair = punctuation[code];
  return pair ? pair[shiftKey ? 1 : 0] : null;
}
