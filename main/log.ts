// Structured log lines (JSON) to a file in the data folder and to stderr. Callers pass facts, not
// inputs: PINs, card data and tokens must never reach a log line.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Level = 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export function createLogger(options: { file?: string; echo?: boolean } = {}): Logger {
  if (options.file) mkdirSync(dirname(options.file), { recursive: true });
  const write = (level: Level, event: string, fields: LogFields = {}) => {
    const line = JSON.stringify({ at: new Date().toISOString(), level, event, ...fields });
    if (options.file) appendFileSync(options.file, `${line}\n`);
    if (options.echo ?? true) process.stderr.write(`${line}\n`);
  };
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
