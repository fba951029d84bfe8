// HQ's configuration, from the environment, validated at start: a bad value stops HQ with a
// message naming the variable, never a half-configured service.
import { resolve } from 'node:path';
import { z } from 'zod';

const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const Env = z.object({
  HQ_HOST: z.string().min(1).default('127.0.0.1'),
  HQ_PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  /** Production: the PostgreSQL to use. Unset: an embedded PostgreSQL under OMNITILL_HQ_DATA. */
  DATABASE_URL: z
    .url()
    .refine((url) => /^postgres(ql)?:\/\//.test(url), 'a postgres:// URL')
    .optional(),
  OMNITILL_HQ_DATA: z.string().min(1).default('.hq-data'),
  HQ_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  HQ_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Behind a load balancer: take the client address from X-Forwarded-For. */
  HQ_TRUST_PROXY: flag.default(false),
  HQ_PUSH_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(64 * 1024 * 1024)
    .default(4 * 1024 * 1024),
  /** Enrolment attempts per client address per minute (a burst of as many is allowed). */
  HQ_ENROL_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Refused credentials per client address per minute before every request from it is refused. */
  HQ_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Bearer token of the admin API (/v1/admin/…); unset: the admin API answers 404. */
  HQ_ADMIN_TOKEN: z.string().min(32, 'at least 32 characters').optional(),
  /** Minutes between runs of the duplicate-merge job (hq/customers/dedupe.ts); 0: not scheduled. */
  HQ_DEDUPE_EVERY_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(10),
});

export interface HqConfig {
  host: string;
  port: number;
  databaseUrl: string | null;
  dataDir: string;
  poolSize: number;
  logLevel: z.infer<typeof Env>['HQ_LOG_LEVEL'];
  trustProxy: boolean;
  pushBodyLimitBytes: number;
  enrolPerMinute: number;
  authFailuresPerMinute: number;
  /** The admin API's bearer token; null or absent: no admin API. */
  adminToken?: string | null;
  /** Milliseconds between runs of the duplicate-merge job; null or absent: not scheduled. */
  dedupeEveryMs?: number | null;
}

export function loadHqConfig(env: NodeJS.ProcessEnv = process.env): HqConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    // Only names and reasons: DATABASE_URL carries a password and must not reach the terminal.
    const reasons = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`HQ configuration is invalid:\n  ${reasons.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    host: e.HQ_HOST,
    port: e.HQ_PORT,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: resolve(e.OMNITILL_HQ_DATA),
    poolSize: e.HQ_DB_POOL_SIZE,
    logLevel: e.HQ_LOG_LEVEL,
    trustProxy: e.HQ_TRUST_PROXY,
    pushBodyLimitBytes: e.HQ_PUSH_BODY_LIMIT_BYTES,
    enrolPerMinute: e.HQ_ENROL_PER_MINUTE,
    authFailuresPerMinute: e.HQ_AUTH_FAILURES_PER_MINUTE,
    adminToken: e.HQ_ADMIN_TOKEN ?? null,
    dedupeEveryMs: e.HQ_DEDUPE_EVERY_MINUTES === 0 ? null : e.HQ_DEDUPE_EVERY_MINUTES * 60_000,
  };
}
