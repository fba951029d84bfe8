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

/** The cashier's text for an error: the detailed one when the error carries all its parameters. */
export function errorText(messages: Messages, error: Pick<PosError, 'code' | 'params'>): string {
  const detailed: string | undefined = (messages.errorDetails as Partial<Record<string, string>>)[error.code];
  const params = error.params ?? {};
  if (detailed !== undefined && placeholdersOf(detailed).every((name) => params[name] !== undefined)) {
    return interpolate(detailed, params);
  }
  return messages.errors[error.code];
}
