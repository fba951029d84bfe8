import { defineConfig } from 'vitest/config';

// Unit tests live beside the code; e2e/ belongs to Playwright. Benchmarks run as their own scripts,
// but the modules they are built from (CSV reader, evaluation split) are tested here.
export default defineConfig({
  test: {
    include: ['{main,renderer,preload,contract,native-drivers,scripts,hq,bench}/**/*.test.{ts,tsx}'],
    pool: 'forks',
  },
});
