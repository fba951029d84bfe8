// Bundles Electron's main process and the preload into dist/main, and the loopback host into
// dist/host. The preload runs sandboxed, where only 'electron' can be required, so it must be a
// single file. Native modules stay external: they are rebuilt for Electron's own Node by
// electron-builder on the release machine. The bootstrap's worker thread is a file of its own beside
// each host (main/sync/bootstrap-thread.ts finds it next to the bundle that starts it).
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

// CommonJS has no import.meta: one with the bundle's own address takes its place.
const commonJs: BuildOptions = {
  ...common,
  define: { 'import.meta': 'bundleMeta' },
  banner: { js: "const bundleMeta = { url: require('node:url').pathToFileURL(__filename).href };" },
};
const host: BuildOptions = {
  ...common,
  format: 'esm',
  // It runs beside node_modules; bundling CommonJS packages into ESM breaks their require() calls.
  packages: 'external',
};

await Promise.all([
  build({ ...commonJs, entryPoints: ['main/app/main.ts'], outfile: 'dist/main/app.cjs' }),
  build({
    ...commonJs,
    entryPoints: ['main/sync/bootstrap-worker.ts'],
    outfile: 'dist/main/bootstrap-worker.cjs',
  }),
  build({ ...common, entryPoints: ['preload/index.ts'], outfile: 'dist/main/preload.cjs' }),
  // The loopback host as plain Node, for headless tills and the benchmark (no TypeScript at run time).
  build({ ...host, entryPoints: ['main/host/cli.ts'], outfile: 'dist/host/cli.mjs' }),
  build({
    ...host,
    entryPoints: ['main/sync/bootstrap-worker.ts'],
    outfile: 'dist/host/bootstrap-worker.mjs',
  }),
]);
