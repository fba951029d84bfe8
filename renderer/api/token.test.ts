import { describe, expect, it } from 'vitest';
import { takeHostToken } from './token';

function place(hash: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const replaced: string[] = [];
  return {
    replaced,
    storage,
    place: {
      location: { hash, pathname: '/', search: '' },
      history: {
        state: null,
        replaceState: (_data: unknown, _unused: string, url?: string | URL | null) =>
          void replaced.push(String(url)),
      },
      storage: {
        getItem: (key: string) => storage.get(key) ?? null,
        setItem: (key: string, value: string) => void storage.set(key, value),
      },
    },
  };
}

describe('the loopback host token', () => {
  it('is read from the fragment, kept for reloads and removed from the address bar', () => {
    const { place: p, replaced, storage } = place('#token=ab12cd');
    expect(takeHostToken(p)).toBe('ab12cd');
    expect(replaced).toEqual(['/']);
    expect([...storage.values()]).toEqual(['ab12cd']);
  });

  it('survives a reload from session storage', () => {
    const first = place('#token=ab12cd');
    takeHostToken(first.place);
    const reload = place('', Object.fromEntries(first.storage));
    expect(takeHostToken(reload.place)).toBe('ab12cd');
    expect(reload.replaced).toEqual([]);
  });

  it('is null when the page was opened without one', () => {
    expect(takeHostToken(place('').place)).toBeNull();
  });
});
