// Percentiles for the benchmarks' JSON (nearest-rank).
export function percentile(values: readonly number[], p: number, digits = 3): number {
  const sorted = [...values].sort((a, b) => a - b);
  const value = sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  return Number(value.toFixed(digits));
}

export const summary = (values: readonly number[], digits = 3) => ({
  n: values.length,
  p50: percentile(values, 50, digits),
  p95: percentile(values, 95, digits),
  max: percentile(values, 100, digits),
});
