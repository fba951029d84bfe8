import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The renderer's build runs in Node; it lives here so that renderer/ holds only code for the page.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  // Relative URLs: Electron serves the build from app://omnitill/, the loopback host from http://127.0.0.1.
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
  },
});
