// Bundles Electron's main process and the preload into dist/main, and the loopback host into
// dist/host. The preload runs sandboxed, where only 'electron' can be required, so it must be a
// single file. Native modules stay external: they are rebuilt for Electron's own Node by
// electron-builder on the release machine.
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';

const nativeModules = ['better-sqlite3', 'node-hid', 'usb', 'serialport', 'playwright-core'];

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external: ['electron', ...nativeModules],
};

await Promise.all([
  build({ ...common, entryPoints: ['main/app/main.ts'], outfile: 'dist/main/app.cjs' }),
  build({ ...common, entryPoints: ['preload/index.ts'], outfile: 'dist/main/preload.cjs' }),
  // The loopback host as plain Node, for headless tills and the benchmark (no TypeScript at run time).
  build({
    ...common,
    format: 'esm',
    entryPoints: ['main/host/cli.ts'],
    outfile: 'dist/host/cli.mjs',
    // It runs beside node_modules; bundling CommonJS packages into ESM breaks their require() calls.
    packages: 'external',
  }),
]);
