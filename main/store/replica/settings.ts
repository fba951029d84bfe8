// Chain settings from HQ, kept as received (hq_settings) and applied where the till reads them: HQ's
// RFM boundaries replace the ones the till computed. The member QR keyring holds secrets: it is stored
// for the member QR service (the puller hands it over after the page commits) and never logged.
import type { SettingItem, SettingKey } from '../../../contract/sync';
import { SettingItem as SettingSchema } from '../../../contract/sync';
import type { Db } from '../db';

export function createSettingsReplica(db: Db) {
  const upsert = db.prepare<[string, string, string]>(
    `INSERT INTO hq_settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const read = db.prepare<[string], string>('SELECT value FROM hq_settings WHERE key = ?').pluck();
  const boundary = db.prepare<[string, number, number, number, number, string]>(
    `INSERT INTO rfm_boundaries (metric, b1, b2, b3, b4, source, computed_at) VALUES (?, ?, ?, ?, ?, 'hq', ?)
     ON CONFLICT (metric) DO UPDATE SET b1 = excluded.b1, b2 = excluded.b2, b3 = excluded.b3, b4 = excluded.b4,
       source = 'hq', computed_at = excluded.computed_at`,
  );
  return {
    apply(items: readonly SettingItem[], at: string): void {
      for (const item of items) {
        upsert.run(item.key, JSON.stringify(item.value), at);
        if (item.key === 'rfm.boundaries') {
          for (const metric of ['recency', 'frequency', 'monetary'] as const) {
            boundary.run(metric, ...item.value[metric], item.value.computedAt);
          }
        }
      }
    },
    /** The setting as HQ last sent it, or null (then the till's own configuration applies). */
    get<K extends SettingKey>(key: K): Extract<SettingItem, { key: K }> | null {
      const value = read.get(key);
      if (value === undefined) return null;
      const parsed = SettingSchema.safeParse({ key, value: JSON.parse(value) });
      return parsed.success ? (parsed.data as Extract<SettingItem, { key: K }>) : null;
    },
  };
}
