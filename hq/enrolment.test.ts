import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EnrolResponse } from '../contract/sync';
import { AdminError, parseTtl, runAdmin } from './admin';
import { buildHqApp } from './app';
import { migrate } from './db/migrate';
import { latestVersion } from './db/migrations';
import { createHqLogger } from './log';
import { startTestHq } from './test-hq';
import type { TestHq } from './test-hq';
import { enrolled, mutation, sale } from './test-payloads';

// A real PostgreSQL and scrypt on 2 shared cores: slower than unit tests when the suite runs in parallel.
vi.setConfig({ testTimeout: 20_000, hookTimeout: 60_000 });

let hq: TestHq;
beforeAll(async () => {
  hq = await startTestHq();
  await hq.createStore('0001', 'Omnitill Тверская');
  await hq.createStore('0002', 'Omnitill Невский');
}, 30_000);
afterAll(() => hq?.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${hq.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const enrolWith = (code: string, terminalCode = '01', storeCode?: string) =>
  post('/v1/enrol', { code, terminalCode, deviceName: 'Касса 1', ...(storeCode && { storeCode }) });

const pushAs = (credential: string, terminalId: string, hqEpoch: string, storeCode = '0001') =>
  post(
    '/v1/push',
    { terminalId, hqEpoch, mutations: [mutation(1, 'sale.completed', sale({ storeCode }))] },
    { authorization: `Bearer ${credential}` },
  );

describe('the HQ service', () => {
  it('is live, and ready once its schema is migrated', async () => {
    expect(await (await fetch(`${hq.url}/health`)).json()).toEqual({ status: 'live' });
    const ready = await fetch(`${hq.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', schema: latestVersion });
  });

  it('records its migrations and applies none twice', async () => {
    expect(await migrate(hq.pool)).toEqual([]);
    expect(await hq.count('schema_migrations')).toBe(latestVersion);
    expect(await hq.epoch()).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('has the sales partitions of this month and the coming ones', async () => {
    const now = new Date();
    const month = `${now.getUTCFullYear()}_${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    for (const table of ['sales', 'sale_lines', 'payments']) {
      expect(await hq.count('pg_class', 'relname = $1', [`${table}_${month}`])).toBe(1);
    }
  });

  it('answers an unknown route with a 404 value', async () => {
    const response = await fetch(`${hq.url}/v1/nothing`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'NOT_FOUND', message: 'No GET /v1/nothing here' });
  });
});

describe('enrolling a till', () => {
  it('trades a one-time code for a terminal id and a credential; HQ keeps only a hash of it', async () => {
    const code = await hq.enrolmentCode('0001');
    const response = await enrolWith(code.toLowerCase().replace('-', ' '), '03', '0001');
    expect(response.status).toBe(201);
    const enrolled = EnrolResponse.parse(await response.json());
    expect(enrolled).toMatchObject({ storeCode: '0001', hqEpoch: await hq.epoch() });
    expect(enrolled.credential.startsWith(`${enrolled.terminalId}.`)).toBe(true);

    const { rows } = await hq.pool.query<{ hash: string }>(
      'SELECT credential_hash AS hash FROM terminals WHERE id = $1',
      [enrolled.terminalId],
    );
    const secret = enrolled.credential.split('.')[1] ?? '';
    expect(rows[0]?.hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(rows[0]?.hash).not.toContain(secret);

    const pushed = await pushAs(enrolled.credential, enrolled.terminalId, enrolled.hqEpoch);
    expect(pushed.status).toBe(200);
  });

  it('refuses an expired code', async () => {
    const code = await hq.enrolmentCode('0001', 60_000, new Date(Date.now() - 120_000));
    const response = await enrolWith(code);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'ENROL_CODE_REFUSED' });
  });

  it('refuses a code used once already', async () => {
    const code = await hq.enrolmentCode('0001');
    expect((await enrolWith(code, '04')).status).toBe(201);
    const again = await enrolWith(code, '05');
    expect(again.status).toBe(403);
    expect(await again.json()).toMatchObject({ error: 'ENROL_CODE_REFUSED' });
    expect(
      await hq.count('terminals t JOIN stores s ON s.id = t.store_id', "s.code = '0001' AND t.code = '05'"),
    ).toBe(0);
  });

  it('refuses a code of another store and leaves it usable', async () => {
    const code = await hq.enrolmentCode('0002');
    const wrong = await enrolWith(code, '01', '0001');
    expect(wrong.status).toBe(409);
    expect(await wrong.json()).toMatchObject({ error: 'STORE_MISMATCH' });
    expect((await enrolWith(code, '01', '0002')).status).toBe(201);
  });

  it('refuses a malformed enrolment request with the field at fault', async () => {
    const response = await post('/v1/enrol', { code: 'ABCDE-FGHJK', terminalCode: '1', deviceName: 'x' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: 'BAD_REQUEST',
      issues: [{ path: 'terminalCode' }],
    });
  });

  it('revokes the terminal a till enrolled before in the same position', async () => {
    const first = await hq.enrol('0002', '07');
    const second = await hq.enrol('0002', '07');
    expect((await pushAs(first.credential, first.terminalId, first.hqEpoch, '0002')).status).toBe(401);
    expect((await pushAs(second.credential, second.terminalId, second.hqEpoch, '0002')).status).toBe(200);
  });
});

describe('authentication', () => {
  it('refuses a wrong secret, an unknown terminal and a missing or malformed header', async () => {
    const terminal = await hq.enrol('0001', '10');
    const wrongSecret = `${terminal.terminalId}.${'A'.repeat(43)}`;
    const unknown = `00000000-0000-4000-8000-000000000000.${terminal.credential.split('.')[1]}`;
    for (const credential of [wrongSecret, unknown, 'not-a-credential']) {
      const response = await pushAs(credential, terminal.terminalId, terminal.hqEpoch);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'UNAUTHORIZED' });
    }
    const bare = await post('/v1/push', {});
    expect(bare.status).toBe(401);
    expect(await hq.count('sales', 'terminal_id = $1', [terminal.terminalId])).toBe(0);
  });

  it('lets a terminal push only its own outbox', async () => {
    const mine = await hq.enrol('0001', '11');
    const other = await hq.enrol('0001', '12');
    const response = await pushAs(mine.credential, other.terminalId, mine.hqEpoch);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'FORBIDDEN' });
  });
});

describe('rate limits', () => {
  const clock = { ms: 0 };
  const app = (limits: { enrolPerMinute: number; authFailuresPerMinute: number }) =>
    buildHqApp({
      pool: hq.pool,
      config: { trustProxy: false, pushBodyLimitBytes: 1 << 20, ...limits },
      log: createHqLogger('silent'),
      now: () => clock.ms,
    });

  it('allows a few enrolment attempts per address per minute, then answers 429 with Retry-After', async () => {
    const limited = await app({ enrolPerMinute: 3, authFailuresPerMinute: 100 });
    const attempt = () =>
      limited.inject({
        method: 'POST',
        url: '/v1/enrol',
        payload: { code: 'ZZZZZ-ZZZZZ', terminalCode: '01', deviceName: 'Касса' },
      });
    for (let i = 0; i < 3; i += 1) expect((await attempt()).statusCode).toBe(403);
    const refused = await attempt();
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: 'RATE_LIMITED' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    clock.ms += 60_000;
    expect((await attempt()).statusCode).toBe(403);
    await limited.close();
  });

  it('refuses every request from an address after repeated wrong credentials, good ones too', async () => {
    const terminal = await hq.enrol('0001', '13');
    const limited = await app({ enrolPerMinute: 100, authFailuresPerMinute: 2 });
    const push = (credential: string) =>
      limited.inject({
        method: 'POST',
        url: '/v1/push',
        headers: { authorization: `Bearer ${credential}` },
        payload: { terminalId: terminal.terminalId, hqEpoch: terminal.hqEpoch, mutations: [] },
      });
    const wrong = `${terminal.terminalId}.${'B'.repeat(43)}`;
    expect((await push(wrong)).statusCode).toBe(401);
    expect((await push(wrong)).statusCode).toBe(401);
    const blocked = await push(terminal.credential);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('30');
    const enrol = await limited.inject({
      method: 'POST',
      url: '/v1/enrol',
      payload: { code: 'ZZZZZ-ZZZZZ', terminalCode: '01', deviceName: 'Касса' },
    });
    expect(enrol.statusCode).toBe(429);
    clock.ms += 60_000;
    expect((await push(terminal.credential)).statusCode).toBe(400); // past auth: an empty batch
    await limited.close();
  });
});

describe('admin commands', () => {
  const run = async (...args: string[]) => {
    const lines: string[] = [];
    await runAdmin(args, hq.pool, (line) => lines.push(line));
    return lines;
  };

  it('creates a store and prints a code a till can enrol with', async () => {
    expect(await run('create-store', '--code', '0042', '--name', 'Omnitill Арбат')).toEqual([
      'Store 0042 "Omnitill Арбат" created.',
    ]);
    const [line = ''] = await run('enrol-code', '--store', '0042', '--ttl', '10m');
    const code = /: ([0-9A-Z]{5}-[0-9A-Z]{5})$/.exec(line)?.[1] ?? '';
    expect((await enrolWith(code, '01', '0042')).status).toBe(201);
    expect((await run('terminals', '--store', '0042')).length).toBe(1);
  });

  it('refuses bad arguments with a message', async () => {
    await expect(run('create-store', '--code', '42', '--name', 'x')).rejects.toThrow(AdminError);
    await expect(run('enrol-code', '--store', '9999')).rejects.toThrow(/No store 9999/);
    await expect(run('enrol-code', '--store', '0001', '--ttl', '30d')).rejects.toThrow(/--ttl/);
    expect(parseTtl('15m')).toBe(900_000);
    expect(parseTtl('1h')).toBe(3_600_000);
    expect(parseTtl('soon')).toBeNull();
  });

  it('gives the database a new epoch after a restore, which pushes with the old one then meet', async () => {
    const terminal = await hq.enrol('0001', '20');
    const before = await hq.epoch();
    const [line] = await run('new-epoch');
    const after = await hq.epoch();
    expect(after).not.toBe(before);
    expect(line).toContain(after);
    const response = await pushAs(terminal.credential, terminal.terminalId, before);
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: 'EPOCH_MISMATCH', hqEpoch: after, expectedSeq: 1 });
  });
});

describe('the log', () => {
  it('records requests and outcomes, never credentials, codes or personal data', async () => {
    let text = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    });
    const app = await buildHqApp({
      pool: hq.pool,
      config: {
        trustProxy: false,
        pushBodyLimitBytes: 1 << 20,
        enrolPerMinute: 100,
        authFailuresPerMinute: 100,
      },
      log: createHqLogger('debug', sink),
    });
    const code = await hq.enrolmentCode('0001');
    const enrol = await app.inject({
      method: 'POST',
      url: '/v1/enrol',
      payload: { code, terminalCode: '30', deviceName: 'Касса 30' },
    });
    const terminal = EnrolResponse.parse(enrol.json());
    const customer = enrolled(77, {
      terminalCode: '30',
      name: 'Зинаида Секретова',
      phoneE164: '+79990001122',
    });
    const push = (mutations: unknown[], credential = terminal.credential) =>
      app.inject({
        method: 'POST',
        url: '/v1/push',
        headers: { authorization: `Bearer ${credential}` },
        payload: { terminalId: terminal.terminalId, hqEpoch: terminal.hqEpoch, mutations },
      });
    expect((await push([mutation(1, 'customer.enrolled', customer)])).statusCode).toBe(200);
    expect(
      (await push([mutation(2, 'customer.enrolled', { ...customer, consents: 'all' })])).statusCode,
    ).toBe(400);
    expect((await push([], `${terminal.terminalId}.${'C'.repeat(43)}`)).statusCode).toBe(401);
    await app.close();

    expect(text).toContain('"msg":"push.applied"');
    expect(text).toContain('"msg":"auth.refused"');
    const secret = terminal.credential.split('.')[1] ?? '';
    for (const leak of [
      secret,
      code,
      'CCCCCCCCCC',
      'Зинаида',
      '+79990001122',
      'maria@example.ru',
      'Bearer',
    ]) {
      expect(text).not.toContain(leak);
    }
  });
});
