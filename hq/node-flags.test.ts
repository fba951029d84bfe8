import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HQ_NODE_FLAGS } from './node-flags';

describe('HQ node flags', () => {
  it('npm run hq starts HQ with them', () => {
    const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(manifest.scripts.hq).toBe(`tsx ${HQ_NODE_FLAGS.join(' ')} hq/cli.ts`);
  });
});
