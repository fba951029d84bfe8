// HQ's structured log (pino, JSON lines). Lines carry ids and facts, never request bodies (they
// hold customers' personal data), credentials, enrolment codes or connection strings; the redaction
// below is the safety net for a field someone adds by mistake, not the policy.
import { pino } from 'pino';
import type { Logger } from 'pino';
import type { HqConfig } from './config';

export type HqLogger = Logger;

export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'credential',
  'secret',
  'password',
  'code',
  'databaseUrl',
  'body',
  '*.credential',
  '*.secret',
  '*.password',
  '*.databaseUrl',
  '*.body',
];

export function createHqLogger(level: HqConfig['logLevel'], destination?: NodeJS.WritableStream): HqLogger {
  return pino(
    {
      level,
      base: { service: 'omnitill-hq' },
      redact: { paths: redactedPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? process.stdout,
  );
}
