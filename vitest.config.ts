import { defineConfig } from 'vitest/config';

// Unit tests live beside the code; e2e/ belongs to Playwright and bench/ to its own scripts.
export default defineConfig({
  test: {
    include: ['{main,renderer,preload,contract,native-drivers,scripts,hq}/**/*.test.{ts,tsx}'],
    pool: 'forks',
  },
});
