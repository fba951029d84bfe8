// `npm run hq -- admin <command>`: what an HQ administrator does by hand. Each command opens the
// database (joining the embedded PostgreSQL of a running HQ when there is one), does one thing and
// prints the outcome.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { RecoModel } from '../contract/reco';
import { OnlineOrdersImport } from '../contract/sync';
import { publishRecoModel, putSetting } from './artefacts';
import type { HqConfig } from './config';
import { runDedupeExclusive } from './customers/dedupe';
import { eraseCustomer } from './customers/erase';
import { mergeCustomers } from './customers/merge';
import { renewEpoch } from './db/epoch';
import { createEnrolmentCode, createStore } from './enrolment';
import type { HqLogger } from './log';
import { importOnlineOrders } from './online-orders';
import { openHqDatabase, openHqPool } from './server';
import type { Pool } from './db/pool';

export const adminUsage = `Usage: npm run hq -- admin <command>
  create-store --code 0001 --name "Moscow, Tverskaya 7"   add a store
  enrol-code --store 0001 [--ttl 15m]                      print a one-time code to enrol one till
  terminals [--store 0001]                                 list enrolled terminals
  revoke-terminal --id <terminalId>                        refuse a terminal's credential from now on
  new-epoch                                                after restoring a backup (hq/README.md)
  import-online-orders --file orders.json                  web shop orders ({"orders":[…]}, contract/sync.ts)
  publish-reco-model --file model.json                     a recommendation model for every till
  set-setting --key rfm.boundaries --file value.json       a chain setting (member-qr.keyring, rfm.boundaries)
  merge-customers --from 123 --into 456                    merge a duplicate profile into its survivor
  dedupe-customers [--id 123] [--dry-run]                  merge every group of duplicates (or 123's)
  erase-customer --id 123                                  erase a customer's personal data everywhere`;

const MAX_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** `90s`, `15m`, `2h`, `1d` → milliseconds; null when unreadable or over a week. */
export function parseTtl(text: string): number | null {
  const match = /^(\d+)\s*([smhd])$/.exec(text.trim());
  if (!match) return null;
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 's' | 'm' | 'h' | 'd'];
  const ms = Number(match[1]) * unit;
  return ms > 0 && ms <= MAX_TTL_MS ? ms : null;
}

export class AdminError extends Error {}

export async function runAdmin(args: string[], pool: Pool, print: (line: string) => void): Promise<void> {
  const [command, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      code: { type: 'string' },
      name: { type: 'string' },
      store: { type: 'string' },
      ttl: { type: 'string', default: '15m' },
      id: { type: 'string' },
      file: { type: 'string' },
      key: { type: 'string' },
      from: { type: 'string' },
      into: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const json = () => {
    if (!values.file) throw new AdminError('--file is required');
    try {
      return JSON.parse(readFileSync(values.file, 'utf8')) as unknown;
    } catch (error) {
      throw new AdminError(`${values.file}: ${(error as Error).message}`);
    }
  };
  const customerId = (value: string | undefined, flag: string) => {
    const id = Number(value);
    if (!Number.isSafeInteger(id) || id < 1) throw new AdminError(`${flag} must be a customer id`);
    return id;
  };
  switch (command) {
    case 'create-store': {
      if (!values.code || !/^\d{4}$/.test(values.code)) throw new AdminError('--code must be four digits');
      if (!values.name?.trim()) throw new AdminError('--name is required');
      const exists = await pool.query('SELECT 1 FROM stores WHERE code = $1', [values.code]);
      if (exists.rowCount) throw new AdminError(`Store ${values.code} exists already`);
      await createStore(pool, { code: values.code, name: values.name.trim() });
      print(`Store ${values.code} "${values.name.trim()}" created.`);
      return;
    }
    case 'enrol-code': {
      const ttlMs = parseTtl(values.ttl ?? '');
      if (ttlMs === null) throw new AdminError('--ttl must look like 90s, 15m, 2h or 1d, at most 7d');
      if (!values.store) throw new AdminError('--store is required');
      const created = await createEnrolmentCode(pool, values.store, ttlMs);
      if (!created) throw new AdminError(`No store ${values.store}; create it first`);
      print(`Enrolment code for store ${values.store}: ${created.code}`);
      print(
        `Valid once, until ${created.expiresAt.toISOString()}. On the till: npm run enrol -- --hq <HQ URL> --code ${created.code}`,
      );
      return;
    }
    case 'terminals': {
      const { rows } = await pool.query<Record<string, unknown>>(
        `SELECT t.id, s.code AS store, t.code AS terminal, t.device_name AS device, t.last_seq AS "lastSeq",
                t.last_push_at AS "lastPushAt", t.revoked_at AS "revokedAt"
         FROM terminals t JOIN stores s ON s.id = t.store_id
         WHERE $1::text IS NULL OR s.code = $1 ORDER BY s.code, t.code, t.enrolled_at`,
        [values.store ?? null],
      );
      for (const row of rows) print(JSON.stringify(row));
      if (rows.length === 0) print('No terminals.');
      return;
    }
    case 'revoke-terminal': {
      if (!values.id) throw new AdminError('--id is required');
      const { rowCount } = await pool.query(
        'UPDATE terminals SET revoked_at = now() WHERE id::text = $1 AND revoked_at IS NULL',
        [values.id],
      );
      if (!rowCount) throw new AdminError(`No live terminal ${values.id}`);
      print(`Terminal ${values.id} revoked; it must enrol again to push.`);
      return;
    }
    case 'new-epoch': {
      const epoch = await renewEpoch(pool);
      print(`HQ epoch is now ${epoch}. Tills will re-send everything this database does not have.`);
      return;
    }
    case 'import-online-orders': {
      const parsed = OnlineOrdersImport.safeParse(json());
      if (!parsed.success)
        throw new AdminError(`The orders are malformed: ${parsed.error.issues[0]?.message}`);
      const result = await importOnlineOrders(pool, parsed.data);
      print(
        `Imported ${result.imported} orders (${result.duplicates} already there, ${result.customersCreated} new customers).`,
      );
      return;
    }
    case 'publish-reco-model': {
      const parsed = RecoModel.safeParse(json());
      if (!parsed.success)
        throw new AdminError(`Not a recommendation model: ${parsed.error.issues[0]?.message}`);
      const published = await publishRecoModel(pool, parsed.data);
      print(`Model ${published.version} published (${published.bytes} bytes, sha256 ${published.sha256}).`);
      return;
    }
    case 'set-setting': {
      if (!values.key) throw new AdminError('--key is required');
      try {
        await putSetting(pool, values.key, json());
      } catch (error) {
        if (error instanceof AdminError) throw error;
        throw new AdminError(`Not a valid ${values.key}: ${(error as Error).message}`);
      }
      print(`Setting ${values.key} changed; tills apply it on their next pull.`);
      return;
    }
    case 'merge-customers': {
      const outcome = await mergeCustomers(
        pool,
        customerId(values.from, '--from'),
        customerId(values.into, '--into'),
      );
      if (!outcome.ok) throw new AdminError(`Cannot merge: ${outcome.reason}`);
      print(`Customer ${values.from} now leads to ${outcome.survivorId}.`);
      return;
    }
    case 'dedupe-customers': {
      const dryRun = values['dry-run'] ?? false;
      const customerIds = values.id === undefined ? undefined : [customerId(values.id, '--id')];
      const outcome = await runDedupeExclusive(pool, { customerIds, dryRun, wait: true });
      if (!outcome.ran)
        throw new Error('the duplicate-merge job did not run although it waited for its lock');
      const { report } = outcome;
      for (const group of report.groups) {
        print(`${group.mergedIds.join(', ')} ${dryRun ? 'would lead' : 'now lead'} to ${group.survivorId}`);
      }
      for (const crowded of report.crowdedKeys) {
        print(
          `Not merged: one ${crowded.kind} is on ${crowded.profiles} profiles (${crowded.sampleIds.join(', ')}, …)`,
        );
      }
      for (const group of report.oversizedGroups) {
        print(`Not merged: a group of ${group.length} profiles (${group.slice(0, 10).join(', ')}, …)`);
      }
      const merged = Object.keys(report.merged).length;
      print(
        `${dryRun ? 'Would merge' : 'Merged'} ${merged} profiles in ${report.groups.length} groups (${report.ms} ms).`,
      );
      return;
    }
    case 'erase-customer': {
      const outcome = await eraseCustomer(pool, customerId(values.id, '--id'));
      if (!outcome.ok) throw new AdminError(`No customer ${values.id}`);
      print(`Erased profiles ${outcome.erasedIds.join(', ')}; tills erase them on their next pull.`);
      return;
    }
    default:
      throw new AdminError(adminUsage);
  }
}

export async function adminCommand(args: string[], config: HqConfig, log: HqLogger): Promise<void> {
  const database = await openHqDatabase(config, log);
  try {
    const pool = await openHqPool(database, config, log);
    try {
      await runAdmin(args, pool, (line) => console.info(line));
    } finally {
      await pool.end();
    }
  } finally {
    await database.stop();
  }
}
