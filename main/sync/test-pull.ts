// A real HQ (embedded PostgreSQL) and real tills pulling from it, for the tests of pull and bootstrap:
// a till is the whole till (SQLite file, services, its own pusher) enrolled with HQ, through a
// loopback proxy the test can cut, with a puller on a clock the test moves.
import { rmSync } from 'node:fs';
import type { RecoModel } from '../../contract/reco';
import { defaultTillConfig } from '../../contract/config';
import type { RecoArtefact, SettingItem } from '../../contract/sync';
import { startTestHq } from '../../hq/test-hq';
import type { TestHq } from '../../hq/test-hq';
import type { Logger, LogFields } from '../log';
import { cashier, openTestTill } from '../services/test-till';
import type { TestTill } from '../services/test-till';
import { enrolTill } from './enrol';
import { createPuller } from './puller';
import type { Puller, PullerOptions } from './puller';
import { startProxy } from './test-proxy';
import type { TestProxy } from './test-proxy';

export const ADMIN_TOKEN = 'pull-tests-admin-token-0123456789abcdefgh';
export const STORE = '0001';

export interface PullWorld {
  hq: TestHq;
  proxy: TestProxy;
  /** POST/PUT to HQ's admin API. */
  admin(path: string, body: unknown, method?: string): Promise<Response>;
  till(options?: Partial<PullerOptions>): Promise<PullingTill>;
  close(): Promise<void>;
}

export interface PullingTill {
  till: TestTill;
  puller: Puller;
  terminalId: string;
  lines: { event: string; fields: LogFields }[];
  models: { model: RecoModel; artefact: RecoArtefact }[];
  settings: SettingItem[];
  /** The puller's clock. */
  clock: { now: Date };
  count(table: string, where?: string, ...params: unknown[]): number;
}

export async function startPullWorld(): Promise<PullWorld> {
  const hq = await startTestHq({ adminToken: ADMIN_TOKEN });
  const proxy = await startProxy(Number(new URL(hq.url).port));
  await hq.createStore(STORE, 'Omnitill Тверская');
  await hq.createStore('0002', 'Omnitill Невский');
  let terminalNo = 0;
  const open: PullingTill[] = [];
  return {
    hq,
    proxy,
    admin: (path, body, method = 'POST') =>
      fetch(`${hq.url}/v1/admin${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify(body),
      }),
    async till(options = {}) {
      terminalNo += 1;
      const terminalCode = String(terminalNo).padStart(2, '0');
      const lines: PullingTill['lines'] = [];
      const record =
        (level: string) =>
        (event: string, fields: LogFields = {}) =>
          lines.push({ event: `${level}:${event}`, fields });
      const log: Logger = { info: record('info'), warn: record('warn'), error: record('error') };
      const till = openTestTill({
        config: { ...defaultTillConfig, terminal: { code: terminalCode } },
        log,
        sync: { backoff: { baseMs: 20, maxMs: 200 } },
      });
      await till.must('session.login', { userId: cashier.id, pin: cashier.pin });
      const enrolled = await enrolTill(proxy.url, await hq.enrolmentCode(STORE), {
        dataDir: till.dataDir,
        terminalCode,
        storeCode: STORE,
      });
      if (!enrolled.ok) throw new Error(enrolled.error.message);
      till.services.sync.retryNow();
      const clock = { now: new Date() };
      const models: PullingTill['models'] = [];
      const settings: SettingItem[] = [];
      const puller = createPuller({
        db: till.db,
        dataDir: till.dataDir,
        log,
        now: () => clock.now,
        // The test pulls when it wants to: no timers.
        schedule: () => () => {},
        onRecoModel: (model, artefact) => models.push({ model, artefact }),
        onSetting: (setting) => settings.push(setting),
        ...options,
      });
      puller.start();
      const pulling: PullingTill = {
        till,
        puller,
        terminalId: enrolled.value.terminalId,
        lines,
        models,
        settings,
        clock,
        count: (table, where = '1', ...params) =>
          till.db
            .prepare(`SELECT count(*) FROM ${table} WHERE ${where}`)
            .pluck()
            .get(...params) as number,
      };
      open.push(pulling);
      return pulling;
    },
    async close() {
      for (const { till, puller } of open.splice(0)) {
        puller.stop();
        till.close();
        rmSync(till.dataDir, { recursive: true, force: true });
      }
      await proxy.close();
      await hq.close();
    },
  };
}

/** Waits until `ok` holds (the pusher delivering, say), polling. */
export async function waitFor(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 5000) {
  const started = Date.now();
  while (!(await ok())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
