import type { Locale } from '../../contract/common';
import { en } from './en';
import { ru } from './ru';
import type { Messages } from './types';
import { zhCN } from './zh-CN';

export const catalogues: Record<Locale, Messages> = { en, ru, 'zh-CN': zhCN };
