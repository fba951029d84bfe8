import type { Locale, PosError } from '../../contract/common';
import { isPluralForms } from './plural';
import type { MessageKey, MessageParams, Messages } from './types';

const placeholder = /\{(\w+)\}/g;

export const placeholdersOf = (template: string): string[] =>
  [...template.matchAll(placeholder)].map((match) => match[1] ?? '');

export const interpolate = (template: string, params: MessageParams = {}): string =>
  template.replace(placeholder, (_whole, name: string) => {
    const value = params[name];
    return value === undefined ? '' : String(value);
  });

const lookup = (messages: Messages, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function createTranslator(locale: Locale, messages: Messages): Translate {
  const rules = new Intl.PluralRules(locale);
  return (key, params) => {
    const message = lookup(messages, key);
    if (typeof message === 'string') return interpolate(message, params);
    if (isPluralForms(message)) {
      const form = message[rules.select(Number(params?.['count'] ?? 0))] ?? message.other;
      return interpolate(form, params);
    }
    return key;
  };
}

/** A catalogue's word for a code sent as a parameter, if it has one (own keys only, never `constructor`). */
const wordOf = (
  words: Readonly<Record<string, string>>,
  code: string | number | undefined,
): string | undefined => (typeof code === 'string' && Object.hasOwn(words, code) ? words[code] : undefined);

/** A device problem (DeviceProblem, or a print job's last problem) in words; an unknown one as it came. */
export const deviceProblemText = (messages: Messages, problem: string): string =>
  wordOf(messages.devices.problems, problem) ?? problem;

/** The last problem of the link to HQ in words for staff; one the till has no words for, in general ones. */
export const syncProblemText = (messages: Messages, code: string): string =>
  wordOf(messages.sync.problems, code) ?? messages.sync.otherProblem;

/** Errors with one text per case: the parameter that names the case, whose texts are in `errorCases`. */
const errorCaseParams = {
  SCAN_NOT_FOR_CART: 'kind',
  CARD_MISREAD: 'reason',
  MEMBER_QR_REFUSED: 'reason',
  COUPON_NOT_VALID: 'reason',
  ENROL_REFUSED: 'reason',
} as const satisfies Record<keyof Messages['errorCases'], string>;

/** Money in the screen's format, and the currency of amounts that do not name theirs (the store's). */
export interface ErrorAmounts {
  money(minor: number, currency: string): string;
  currency: string | null;
}

/**
 * Amounts an error carries as `<name>Minor` (in its `currency`, else the store's) become `<name>` in
 * words, so a message can say "at least {minSpend}" in the screen's money format.
 */
function withAmounts(
  params: Readonly<Record<string, string | number>>,
  amounts: ErrorAmounts | undefined,
): Record<string, string | number | undefined> {
  const shown: Record<string, string | number | undefined> = { ...params };
  const named = params['currency'];
  const currency = typeof named === 'string' ? named : (amounts?.currency ?? null);
  if (!amounts || currency === null) return shown;
  const { money } = amounts;
  for (const [name, value] of Object.entries(params)) {
    if (name.endsWith('Minor') && typeof value === 'number')
      shown[name.slice(0, -5)] = money(value, currency);
  }
  return shown;
}

/** The cashier's text for an error: its case's text, else the detailed one when the error carries all its parameters. */
export function errorText(
  messages: Messages,
  error: Pick<PosError, 'code' | 'params'>,
  amounts?: ErrorAmounts,
): string {
  const params = error.params ?? {};
  if (Object.hasOwn(errorCaseParams, error.code)) {
    const code = error.code as keyof typeof errorCaseParams;
    const text = wordOf(messages.errorCases[code], params[errorCaseParams[code]]);
    if (text !== undefined) return text;
  }
  const detailed: string | undefined = (messages.errorDetails as Partial<Record<string, string>>)[error.code];
  // A parameter that is a code is shown in words; an unknown code leaves the detailed text unused.
  const shown = withAmounts(params, amounts);
  if (params['problem'] !== undefined)
    shown['problem'] = wordOf(messages.devices.problems, params['problem']);
  if (detailed !== undefined && placeholdersOf(detailed).every((name) => shown[name] !== undefined)) {
    return interpolate(detailed, shown as MessageParams);
  }
  return messages.errors[error.code];
}
