// HQ's numbered migrations, applied in order at start; schema_migrations records each one.
import * as m001 from './001-initial';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

export const migrations: readonly Migration[] = [{ version: 1, name: 'initial', up: m001.up }];

export const latestVersion = migrations.at(-1)?.version ?? 0;
