// HQ's numbered migrations, applied in order at start; schema_migrations records each one.
import * as m001 from './001-initial';
import * as m002 from './002-pull';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', up: m001.up },
  { version: 2, name: 'pull', up: m002.up },
];

export const latestVersion = migrations.at(-1)?.version ?? 0;
