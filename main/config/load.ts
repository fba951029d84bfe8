// Reads the machine-wide configuration. IT places one file per machine; the first that exists wins:
// $OMNITILL_CONFIG, then /etc/omnitill/omnitill.json (or %PROGRAMDATA%\Omnitill\omnitill.json), then
// the data folder. No file means the demo defaults. A bad file is an error naming the field, never
// a partly applied config.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TillConfig, defaultTillConfig } from '../../contract/config';
import { configFile } from './paths';

export type ConfigSource = { config: TillConfig; file: string | null };

export function configCandidates(dataDir: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const machineWide =
    process.platform === 'win32'
      ? join(env.PROGRAMDATA ?? 'C:\\ProgramData', 'Omnitill', 'omnitill.json')
      : '/etc/omnitill/omnitill.json';
  return [env.OMNITILL_CONFIG, machineWide, configFile(dataDir)].filter((file): file is string => !!file);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(dataDir: string, env: NodeJS.ProcessEnv = process.env): ConfigSource {
  const file = configCandidates(dataDir, env).find((candidate) => existsSync(candidate));
  if (!file) return { config: defaultTillConfig, file: null };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = TillConfig.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return { config: parsed.data, file };
}
