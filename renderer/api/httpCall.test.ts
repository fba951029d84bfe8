import { describe, expect, it } from 'vitest';
import type { Fetch } from './httpCall';
import { httpCall } from './httpCall';

const respond =
  (status: number, body: string): Fetch =>
  async () =>
    new Response(body, { status, headers: { 'Content-Type': 'application/json' } });

describe('a call over the loopback host', () => {
  it('posts the input as JSON with the bearer token', async () => {
    const seen: Array<{ url: string; init: RequestInit }> = [];
    const fetchFn: Fetch = async (url, init) => {
      seen.push({ url, init });
      return new Response('{"ok":true,"value":{}}');
    };
    await httpCall(fetchFn, 'ab12', 'cart.scan', { code: '4600000000017', source: 'manual' });
    expect(seen[0]?.url).toBe('/api/call/cart.scan');
    expect(seen[0]?.init.method).toBe('POST');
    expect(seen[0]?.init.headers).toEqual({
      Authorization: 'Bearer ab12',
      'Content-Type': 'application/json',
    });
    expect(JSON.parse(String(seen[0]?.init.body))).toEqual({ code: '4600000000017', source: 'manual' });
  });

  it('returns the Result body whatever the HTTP status', async () => {
    const error = { code: 'UNKNOWN_BARCODE', message: 'no such barcode' };
    const result = await httpCall(respond(404, JSON.stringify({ ok: false, error })), 't', 'cart.get', {});
    expect(result).toEqual({ ok: false, error });
  });

  it('turns a network failure into an INTERNAL error value', async () => {
    const fetchFn: Fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const result = await httpCall(fetchFn, 't', 'cart.get', {});
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('INTERNAL');
  });

  it('turns a body that is not a Result into an INTERNAL error value', async () => {
    const result = await httpCall(respond(502, '<html>Bad gateway</html>'), 't', 'cart.get', {});
    expect(!result.ok && result.error.code).toBe('INTERNAL');
  });
});
