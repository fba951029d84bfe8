// Where the till keeps its files. IT can point OMNITILL_DATA_DIR anywhere (a per-machine folder on
// imaged PCs); otherwise the XDG data folder on Linux and %LOCALAPPDATA% on Windows.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.OMNITILL_DATA_DIR) return env.OMNITILL_DATA_DIR;
  if (process.platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'Omnitill');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'omnitill');
}

export const databaseFile = (dataDir: string) => join(dataDir, 'till.sqlite');
export const configFile = (dataDir: string) => join(dataDir, 'omnitill.json');
