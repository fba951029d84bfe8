/** Delay before reconnect attempt `attempt` (0-based): doubling from `baseMs` up to `maxMs`, with jitter. */
export function reconnectDelay(
  attempt: number,
  random: () => number = Math.random,
  baseMs = 250,
  maxMs = 10_000,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 16));
  // Half fixed, half random: terminals restarted together do not all knock at once.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
