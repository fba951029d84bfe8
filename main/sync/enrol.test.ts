import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestHq } from '../../hq/test-hq';
import type { TestHq } from '../../hq/test-hq';
import { credentialsFile, readCredentials } from './credentials';
import { enrolTill } from './enrol';

// A real PostgreSQL and scrypt on 2 shared cores: slower than unit tests when the suite runs in parallel.
vi.setConfig({ testTimeout: 20_000, hookTimeout: 60_000 });

let hq: TestHq;
beforeAll(async () => {
  hq = await startTestHq();
  await hq.createStore('0001', 'Omnitill Тверская');
}, 30_000);
const dirs: string[] = [];
afterAll(async () => {
  await hq?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'omnitill-enrol-'));
  dirs.push(dir);
  return dir;
};

describe('enrolling this till with HQ', () => {
  it('keeps the identity HQ issued in a file only this user can read', async () => {
    const dir = dataDir();
    const code = await hq.enrolmentCode('0001');
    const result = await enrolTill(`${hq.url}/`, code, {
      dataDir: dir,
      terminalCode: '02',
      storeCode: '0001',
      deviceName: 'Касса 2',
    });
    expect(result).toMatchObject({ ok: true, value: { storeCode: '0001', hqEpoch: await hq.epoch() } });
    if (!result.ok) return;
    expect(statSync(credentialsFile(dir)).mode & 0o777).toBe(0o600);
    const stored = await readCredentials(dir);
    expect(stored).toMatchObject({
      hqUrl: hq.url,
      terminalId: result.value.terminalId,
      storeCode: '0001',
      terminalCode: '02',
    });
    expect(stored?.credential.startsWith(`${result.value.terminalId}.`)).toBe(true);
    expect(JSON.stringify(result)).not.toContain(stored?.credential);
    expect(
      await hq.count('terminals', "id = $1 AND device_name = 'Касса 2'", [result.value.terminalId]),
    ).toBe(1);
  });

  it('answers a code HQ refuses with its reason, and writes nothing', async () => {
    const dir = dataDir();
    const code = await hq.enrolmentCode('0001');
    await enrolTill(hq.url, code, { dataDir: dataDir(), terminalCode: '03' });
    const again = await enrolTill(hq.url, code, { dataDir: dir, terminalCode: '04' });
    expect(again).toMatchObject({ ok: false, error: { code: 'ENROL_CODE_REFUSED' } });
    expect(await readCredentials(dir)).toBeNull();

    const wrongStore = await enrolTill(hq.url, await hq.enrolmentCode('0001'), {
      dataDir: dir,
      terminalCode: '05',
      storeCode: '0002',
    });
    expect(wrongStore).toMatchObject({ ok: false, error: { code: 'STORE_MISMATCH' } });
  });

  it('answers an HQ that is not there, or an address that is not one, as error values', async () => {
    const options = { dataDir: dataDir(), terminalCode: '06', timeoutMs: 2000 };
    expect(await enrolTill('http://127.0.0.1:9', 'ABCDE-FGHJK', options)).toMatchObject({
      ok: false,
      error: { code: 'HQ_UNREACHABLE' },
    });
    expect(await enrolTill('ftp://hq', 'ABCDE-FGHJK', options)).toMatchObject({
      ok: false,
      error: { code: 'BAD_URL' },
    });
  });

  it('takes back looser rights on a copied credentials file, and refuses a damaged one', async () => {
    const dir = dataDir();
    await enrolTill(hq.url, await hq.enrolmentCode('0001'), { dataDir: dir, terminalCode: '07' });
    chmodSync(credentialsFile(dir), 0o644);
    expect(await readCredentials(dir)).not.toBeNull();
    expect(statSync(credentialsFile(dir)).mode & 0o777).toBe(0o600);

    const text = readFileSync(credentialsFile(dir), 'utf8');
    writeFileSync(credentialsFile(dir), text.replace(/"terminalId": "[^"]+"/, '"terminalId": "x"'));
    await expect(readCredentials(dir)).rejects.toThrow(/damaged \(terminalId\)/);
  });
});
