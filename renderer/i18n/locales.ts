import type { Locale } from '../../contract/common';

export const locales: readonly Locale[] = ['ru', 'en', 'zh-CN'];

/** Each language is offered under its own name, so anyone can find theirs whatever is on screen. */
export const localeAutonyms: Record<Locale, string> = {
  ru: 'Русский',
  en: 'English',
  'zh-CN': '简体中文',
};

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (locales as readonly string[]).includes(value);
