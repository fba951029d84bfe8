import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './sender';

const ORIGIN = 'app://omnitill';
const ours = { fromTillWindow: true, fromMainFrame: true, url: 'app://omnitill/index.html' };

describe('the IPC sender check', () => {
  it('trusts the top frame of the till window on the app origin', () => {
    expect(isTrustedSender(ours, ORIGIN)).toBe(true);
  });

  it('refuses another window, an iframe, another origin or a look-alike host', () => {
    expect(isTrustedSender({ ...ours, fromTillWindow: false }, ORIGIN)).toBe(false);
    expect(isTrustedSender({ ...ours, fromMainFrame: false }, ORIGIN)).toBe(false);
    expect(isTrustedSender({ ...ours, url: 'https://evil.example/index.html' }, ORIGIN)).toBe(false);
    expect(isTrustedSender({ ...ours, url: 'app://omnitill.evil/index.html' }, ORIGIN)).toBe(false);
    expect(isTrustedSender({ ...ours, url: 'file:///etc/passwd' }, ORIGIN)).toBe(false);
  });

  it('refuses a frame whose URL cannot be read', () => {
    expect(isTrustedSender({ ...ours, url: '' }, ORIGIN)).toBe(false);
    expect(isTrustedSender({ ...ours, url: 'not a url' }, ORIGIN)).toBe(false);
  });
});
