import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultTillConfig } from '../../contract/config';
import { loadConfig } from './load';

const dir = () => mkdtempSync(join(tmpdir(), 'omnitill-config-'));

describe('loadConfig', () => {
  it('uses the demo defaults when IT placed no file', () => {
    const data = dir();
    expect(loadConfig(data, { OMNITILL_CONFIG: join(data, 'absent.json') }).config).toEqual(
      defaultTillConfig,
    );
  });

  it('reads the file named by OMNITILL_CONFIG', () => {
    const data = dir();
    const file = join(data, 'till.json');
    const config = {
      ...defaultTillConfig,
      store: { ...defaultTillConfig.store, currency: 'CNY', locale: 'zh-CN' },
    };
    writeFileSync(file, JSON.stringify(config));
    expect(loadConfig(data, { OMNITILL_CONFIG: file })).toEqual({ config, file });
  });

  it('names the bad field of an invalid file', () => {
    const data = dir();
    const file = join(data, 'till.json');
    writeFileSync(file, JSON.stringify({ ...defaultTillConfig, terminal: { code: '1' } }));
    expect(() => loadConfig(data, { OMNITILL_CONFIG: file })).toThrow(/terminal\.code/);
  });

  it('refuses a file that is not JSON', () => {
    const data = dir();
    const file = join(data, 'till.json');
    writeFileSync(file, '{ store: ');
    expect(() => loadConfig(data, { OMNITILL_CONFIG: file })).toThrow(/not valid JSON/);
  });
});
