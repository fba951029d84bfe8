// Numbered migrations, applied in order; PRAGMA user_version records the last one applied. A
// migration is SQL, plus an optional backfill for what SQL cannot compute (normalised keys), run in
// the same transaction.
import type { Db } from '../db';
import * as m001 from './001-initial';
import * as m002 from './002-print-queue';
import * as m003 from './003-customers';
import * as m004 from './004-member-tokens';
import * as m005 from './005-clienteling';
import * as m006 from './006-sync';
import * as m007 from './007-pull';
import * as m008 from './008-field-clocks';

export interface Migration {
  version: number;
  up: string;
  backfill?: (db: Db) => void;
}

export const migrations: readonly Migration[] = [
  { version: 1, up: m001.up },
  { version: 2, up: m002.up },
  { version: 3, up: m003.up, backfill: m003.backfill },
  { version: 4, up: m004.up },
  { version: 5, up: m005.up },
  { version: 6, up: m006.up },
  { version: 7, up: m007.up, backfill: m007.backfill },
  { version: 8, up: m008.up },
];
