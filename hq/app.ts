// The HQ HTTP API. Stateless: every fact lives in PostgreSQL, so any number of these processes can
// stand behind a load balancer (docs/scaling.md); only the rate limits are per process.
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EnrolRequest } from '../contract/sync';
import type { HqErrorCode } from '../contract/sync';
import { adminRoutes } from './admin-routes';
import { createAuthenticator } from './auth';
import type { AuthenticatedTerminal } from './auth';
import type { HqConfig } from './config';
import { appliedVersion } from './db/migrate';
import { latestVersion } from './db/migrations';
import type { Pool } from './db/pool';
import { enrolTerminal } from './enrolment';
import type { HqLogger } from './log';
import { registerPullRoutes } from './pull/routes';
import { pushBatch } from './push/push';
import { tokenBucket } from './security/rate-limit';

export interface HqAppDeps {
  pool: Pool;
  config: Pick<
    HqConfig,
    'trustProxy' | 'pushBodyLimitBytes' | 'enrolPerMinute' | 'authFailuresPerMinute' | 'adminToken'
  >;
  log: HqLogger;
  /** Milliseconds, for the rate limits; tests pass a clock they move. */
  now?: () => number;
}

const ENROL_BODY_LIMIT = 16 * 1024;
const READY_TIMEOUT_MS = 2000;

const fail = (reply: FastifyReply, status: number, error: HqErrorCode, message: string, facts = {}) =>
  reply.code(status).send({ error, message, ...facts });

export async function buildHqApp(deps: HqAppDeps): Promise<FastifyInstance> {
  const { pool, config, log } = deps;
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    bodyLimit: config.pushBodyLimitBytes,
    trustProxy: config.trustProxy,
    // One line per request, written below with the facts that matter and nothing from the body.
    logController: new LogController({ disableRequestLogging: true }),
  });
  const enrolments = tokenBucket({
    capacity: config.enrolPerMinute,
    perMinute: config.enrolPerMinute,
    now: deps.now,
  });
  const authFailures = tokenBucket({
    capacity: config.authFailuresPerMinute,
    perMinute: config.authFailuresPerMinute,
    now: deps.now,
  });
  const authenticate = createAuthenticator(pool);
  const terminals = new WeakMap<FastifyRequest, AuthenticatedTerminal>();

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        terminalId: terminals.get(request)?.id,
        ip: request.ip,
      },
      'request',
    );
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return fail(
        reply,
        413,
        'PAYLOAD_TOO_LARGE',
        `The body is larger than ${config.pushBodyLimitBytes} bytes: send fewer mutations per request`,
        { limitBytes: config.pushBodyLimitBytes },
      );
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      // A JSON syntax error's message quotes the body; the client gets a reason without it.
      const message = error instanceof SyntaxError ? 'The body is not valid JSON' : error.message;
      return fail(reply, error.statusCode, 'BAD_REQUEST', message);
    }
    // Name and code only: a database error's detail can quote the row it was writing.
    request.log.error(
      { err: { type: error.name, message: error.message, code: error.code, stack: error.stack } },
      'request.failed',
    );
    return fail(reply, 500, 'INTERNAL', 'HQ failed to handle the request; it was not applied');
  });

  app.setNotFoundHandler((request, reply) =>
    fail(reply, 404, 'NOT_FOUND', `No ${request.method} ${request.url.split('?')[0]} here`),
  );

  app.get('/health', async () => ({ status: 'live' }));

  app.get('/ready', async (_request, reply) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const version = await Promise.race([
        appliedVersion(pool),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('database did not answer in time')), READY_TIMEOUT_MS);
        }),
      ]);
      if (version < latestVersion) {
        return reply.code(503).send({ status: 'migrating', schema: version, expected: latestVersion });
      }
      return { status: 'ready', schema: version };
    } catch (error) {
      return reply.code(503).send({ status: 'unavailable', reason: (error as Error).message });
    } finally {
      clearTimeout(timer);
    }
  });

  app.post('/v1/enrol', { bodyLimit: ENROL_BODY_LIMIT }, async (request, reply) => {
    const blockedMs = authFailures.wait(request.ip);
    if (blockedMs > 0) return tooMany(reply, blockedMs, 'Too many refused credentials from this address');
    const allowed = enrolments.take(request.ip);
    if (!allowed.ok) return tooMany(reply, allowed.retryAfterMs, 'Too many enrolment attempts');
    const parsed = EnrolRequest.safeParse(request.body);
    if (!parsed.success) {
      return fail(reply, 400, 'BAD_REQUEST', 'The enrolment request is malformed', {
        issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      });
    }
    const outcome = await enrolTerminal(pool, parsed.data);
    if (!outcome.ok) {
      // A wrong code is a failed authentication too: guessing codes spends the same budget.
      authFailures.take(request.ip);
      request.log.warn({ reason: outcome.reason, ip: request.ip }, 'enrol.refused');
      return fail(reply, outcome.status, outcome.error, outcome.message);
    }
    request.log.info(
      {
        terminalId: outcome.value.terminalId,
        storeCode: outcome.value.storeCode,
        terminalCode: parsed.data.terminalCode,
        replacedTerminalId: outcome.replacedTerminalId,
      },
      'terminal.enrolled',
    );
    return reply.code(201).send(outcome.value);
  });

  await app.register(
    async (api) => {
      // Before the body is read: an unauthenticated client never gets megabytes parsed.
      api.addHook('onRequest', async (request, reply) => {
        const blockedMs = authFailures.wait(request.ip);
        if (blockedMs > 0) return tooMany(reply, blockedMs, 'Too many refused credentials from this address');
        const terminal = await authenticate(request.headers.authorization);
        if (!terminal) {
          authFailures.take(request.ip);
          request.log.warn({ ip: request.ip }, 'auth.refused');
          return fail(reply, 401, 'UNAUTHORIZED', 'Unknown, revoked or wrong terminal credential');
        }
        terminals.set(request, terminal);
      });

      api.post('/push', async (request, reply) => {
        const terminal = terminals.get(request);
        if (!terminal) throw new Error('push reached without an authenticated terminal');
        // The push takes the parsed body over (hq/push/push.ts, CheckedPush): no reference to it
        // stays here, in the request or in a local kept across the await, or it would outlive its rows.
        const outcome = await pushBatch(pool, terminal, takeBody(request));
        if (outcome.status === 200) {
          request.log.info({ terminalId: terminal.id, ...outcome.summary }, 'push.applied');
        } else {
          request.log.warn({ terminalId: terminal.id, error: outcome.body.error }, 'push.refused');
        }
        return reply.code(outcome.status).send(outcome.body);
      });

      registerPullRoutes(api, {
        pool,
        terminalOf(request) {
          const terminal = terminals.get(request);
          if (!terminal) throw new Error('pull reached without an authenticated terminal');
          return terminal;
        },
      });
    },
    { prefix: '/v1' },
  );

  const adminToken = config.adminToken ?? null;
  if (adminToken !== null) {
    await app.register(
      (api) =>
        adminRoutes(api, {
          pool,
          adminToken,
          blockedMs: (request) => authFailures.wait(request.ip),
          refused: (request) => void authFailures.take(request.ip),
        }),
      { prefix: '/v1/admin' },
    );
  }

  return app;
}

function tooMany(reply: FastifyReply, retryAfterMs: number, message: string) {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return reply
    .code(429)
    .header('retry-after', String(seconds))
    .send({ error: 'RATE_LIMITED', message, retryAfterSeconds: seconds });
}

/** The request's parsed body, which the request no longer holds. */
function takeBody(request: FastifyRequest): unknown {
  const body = request.body;
  request.body = undefined;
  return body;
}
