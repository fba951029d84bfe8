// Numbered migrations, applied in order; PRAGMA user_version records the last one applied.
import * as m001 from './001-initial';
import * as m002 from './002-print-queue';

export const migrations: readonly { version: number; up: string }[] = [
  { version: 1, up: m001.up },
  { version: 2, up: m002.up },
];
