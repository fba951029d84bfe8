// What HQ publishes for every till besides data rows: recommendation models (versioned, hashed
// artefacts) and chain settings. Both are validated against the contract before they are stored, so
// a till never receives what it would refuse.
import { createHash } from 'node:crypto';
import { RecoModel } from '../contract/reco';
import type { RecoModel as RecoModelType } from '../contract/reco';
import { SettingItem } from '../contract/sync';
import type { Pool } from './db/pool';

export interface PublishedModel {
  version: number;
  sha256: string;
  bytes: number;
}

/** Stores the model as the exact bytes tills will download, with their SHA-256; answers its version. */
export async function publishRecoModel(pool: Pool, model: RecoModelType): Promise<PublishedModel> {
  const parsed = RecoModel.parse(model);
  const body = Buffer.from(JSON.stringify(parsed));
  const sha256 = createHash('sha256').update(body).digest('hex');
  const { rows } = await pool.query<{ version: number }>(
    'INSERT INTO reco_models (sha256, body, built_at) VALUES ($1, $2, $3) RETURNING version',
    [sha256, body, parsed.builtAt],
  );
  const version = rows[0]?.version;
  if (version === undefined) throw new Error('reco model insert returned no version');
  return { version, sha256, bytes: body.length };
}

/** Sets a chain setting (validated as contract/sync.ts SettingItem); throws a ZodError when invalid. */
export async function putSetting(pool: Pool, key: string, value: unknown): Promise<void> {
  const setting = SettingItem.parse({ key, value });
  await pool.query(
    `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, now())
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    [setting.key, JSON.stringify(setting.value)],
  );
}
