// Numbered migrations, applied in order; PRAGMA user_version records the last one applied.
import * as m001 from './001-initial';

export const migrations: readonly { version: number; up: string }[] = [{ version: 1, up: m001.up }];
