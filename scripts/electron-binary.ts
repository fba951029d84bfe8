// Where the Electron binary is, if this machine has one. The `electron` package exports the path of
// the binary it downloaded; without a download (ELECTRON_SKIP_BINARY_DOWNLOAD, no network) requiring
// it throws. ELECTRON_OVERRIDE_DIST_PATH points it at an Electron already on disk.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
