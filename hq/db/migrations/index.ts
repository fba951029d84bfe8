// HQ's numbered migrations, applied in order at start; schema_migrations records each one.
import * as m001 from './001-initial';
import * as m002 from './002-pull';
import * as m003 from './003-field-clocks';
import * as m004 from './004-match-keys';
import * as m005 from './005-lean-ingest';
import * as m006 from './006-json-documents';
import * as m007 from './007-unread-indexes';
import * as m008 from './008-payments-by-sale';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', up: m001.up },
  { version: 2, name: 'pull', up: m002.up },
  { version: 3, name: 'field-clocks', up: m003.up },
  { version: 4, name: 'match-keys', up: m004.up },
  { version: 5, name: 'lean-ingest', up: m005.up },
  { version: 6, name: 'json-documents', up: m006.up },
  { version: 7, name: 'unread-indexes', up: m007.up },
  { version: 8, name: 'payments-by-sale', up: m008.up },
];

export const latestVersion = migrations.at(-1)?.version ?? 0;
