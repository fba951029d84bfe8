// Token buckets per client address, in this process's memory. That is enough for one HQ node; with
// several behind a load balancer each node limits on its own (a client gets N × the rate), which
// docs/scaling.md replaces with a shared store.
export interface Bucket {
  /** Takes a token: false, with the wait in ms, when there is none. */
  take(key: string): { ok: true } | { ok: false; retryAfterMs: number };
  /** Milliseconds until a token is there (0: now), without taking one. */
  wait(key: string): number;
}

export function tokenBucket(options: {
  capacity: number;
  perMinute: number;
  now?: () => number;
  maxKeys?: number;
}): Bucket {
  const now = options.now ?? Date.now;
  const refillPerMs = options.perMinute / 60_000;
  const maxKeys = options.maxKeys ?? 100_000;
  const buckets = new Map<string, { tokens: number; at: number }>();

  const level = (key: string) => {
    const t = now();
    const bucket = buckets.get(key);
    if (!bucket) return { tokens: options.capacity, at: t };
    return { tokens: Math.min(options.capacity, bucket.tokens + (t - bucket.at) * refillPerMs), at: t };
  };

  return {
    take(key) {
      const bucket = level(key);
      if (bucket.tokens < 1) {
        return { ok: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / refillPerMs) };
      }
      // A flood of addresses must not grow memory without end; full buckets carry no state.
      if (buckets.size >= maxKeys) {
        for (const [k, b] of buckets)
          if (b.tokens + (bucket.at - b.at) * refillPerMs >= options.capacity) buckets.delete(k);
        if (buckets.size >= maxKeys) buckets.clear();
      }
      buckets.set(key, { tokens: bucket.tokens - 1, at: bucket.at });
      return { ok: true };
    },
    wait(key) {
      const { tokens } = level(key);
      return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / refillPerMs);
    },
  };
}
