// The host as `npm run host` and the benchmarks run it: the bundle in dist/host, a process of its own,
// seeding the demo store on first start and serving the built UI.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

test('the built host starts on its own, seeds the demo store and serves the login screen', async ({
  page,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'omnitill-built-host-'));
  const host = spawn(process.execPath, ['dist/host/cli.mjs', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      host.stdout.on('data', (chunk: Buffer) => {
        out += String(chunk);
        const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=\w+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      let errors = '';
      host.stderr.on('data', (chunk: Buffer) => (errors += String(chunk)));
      host.on('exit', (code) => reject(new Error(`the host exited with ${code}: ${errors}`)));
    });
    await page.goto(url);
    await expect(page.getByTestId('cashier-tile')).toHaveCount(3);
  } finally {
    host.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
