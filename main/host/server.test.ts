import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { silentLogger } from '../log';
import { cashier, fixture, openTestTill } from '../services/test-till';
import type { TestTill } from '../services/test-till';
import { startHost } from './server';
import type { Host } from './server';

let till: TestTill;
let host: Host;

beforeEach(async () => {
  till = openTestTill();
  const staticDir = mkdtempSync(join(tmpdir(), 'omnitill-ui-'));
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Omnitill</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  host = await startHost({ dispatch: till.dispatch, events: till.events, log: silentLogger, staticDir });
});
afterEach(async () => {
  await host.close();
  till.close();
});

const post = (name: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${host.url}/api/call/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('the loopback host', () => {
  it('answers a call made with the token', async () => {
    const response = await post('session.login', { userId: cashier.id, pin: cashier.pin });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, value: { name: cashier.name } });
  });

  it('refuses a call without the token or from another origin, and nothing changes', async () => {
    await post('session.login', { userId: cashier.id, pin: cashier.pin });
    const noToken = await post(
      'cart.scan',
      { code: fixture.milk.barcode, source: 'manual' },
      { authorization: '' },
    );
    expect(noToken.status).toBe(403);
    const foreign = await post(
      'cart.scan',
      { code: fixture.milk.barcode, source: 'manual' },
      { origin: 'http://evil.example' },
    );
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await till.must('cart.get', {})).lines).toEqual([]);
  });

  it('answers a malformed body with a clear error', async () => {
    const broken = await post('session.login', '{"userId": ');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const huge = await post('session.login', { pin: 'x'.repeat(100_000) });
    expect(huge.status).toBe(413);
    const wrongShape = await post('session.login', { userId: 'one', pin: '1111' });
    expect(wrongShape.status).toBe(400);
  });

  it('serves the UI with a Content Security Policy and never outside its folder', async () => {
    const index = await fetch(`${host.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${host.url}/assets/app.js`)).headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${host.url}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
  });

  it('pushes events to a socket that presents the token, and refuses one that does not', async () => {
    await till.must('session.login', { userId: cashier.id, pin: cashier.pin });
    const refused = new WebSocket(`${host.url.replace('http', 'ws')}/api/events`, [
      'omnitill.v1',
      'token.wrong',
    ]);
    await expect(
      new Promise((resolve, reject) => refused.on('open', resolve).on('error', reject)),
    ).rejects.toThrow();

    const socket = new WebSocket(`${host.url.replace('http', 'ws')}/api/events`, [
      'omnitill.v1',
      `token.${host.token}`,
    ]);
    await new Promise((resolve) => socket.on('open', resolve));
    const message = new Promise<{ event: string; payload: { lines: unknown[] } }>((resolve) =>
      socket.on('message', (data) => resolve(JSON.parse(String(data)))),
    );
    await post('cart.scan', { code: fixture.milk.barcode, source: 'manual' });
    expect(await message).toMatchObject({ event: 'cart.changed', payload: { lines: [expect.anything()] } });
    socket.close();
  });
});
