import { existsSync } from 'node:fs';

/** The system Chromium, or undefined to let Playwright use its own browser where one is installed. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => !!path && existsSync(path));
}
