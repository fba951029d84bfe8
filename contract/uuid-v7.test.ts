import { describe, expect, it } from 'vitest';
import { Uuid } from './common';
import { uuidV7 } from './uuid-v7';

// The generator keeps its last millisecond between calls, so each test starts later than the last.
const msOf = (id: string) => Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('uuidV7', () => {
  it('is a version 7, RFC 9562 variant UUID carrying its millisecond, which the contract accepts', () => {
    const now = Date.UTC(2030, 0, 1, 12, 0, 0, 123);
    const id = uuidV7(now);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(msOf(id)).toBe(now);
    expect(Uuid.safeParse(id).success).toBe(true);
  });

  it('sorts in the order it was made, within one millisecond too, as text as PostgreSQL compares it', () => {
    const now = Date.UTC(2030, 0, 2);
    const ids = Array.from({ length: 3000 }, (_, index) => uuidV7(now + Math.floor(index / 1000)));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // 1,000 ids in a millisecond overflow the counter's start (below 2^11) at most into the next one.
    expect(msOf(ids.at(-1) ?? '')).toBeLessThanOrEqual(now + 3);
  });

  it('keeps increasing when the clock steps back', () => {
    const now = Date.UTC(2030, 0, 3);
    const before = uuidV7(now);
    const after = uuidV7(now - 60_000);
    expect(after > before).toBe(true);
    expect(msOf(after)).toBe(now);
  });

  it('keeps 62 random bits, so ids minted in the same millisecond by two tills differ', () => {
    const now = Date.UTC(2030, 0, 4);
    const tails = new Set(Array.from({ length: 1000 }, () => uuidV7(now).slice(19)));
    expect(tails.size).toBe(1000);
  });
});
