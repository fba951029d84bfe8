// The admin API, for HQ's own systems (the web shop, the CDP jobs, an operator's script), never for
// terminals: `Authorization: Bearer <HQ_ADMIN_TOKEN>`. Without a configured token it does not exist.
//   POST /v1/admin/online-orders          {orders:[…]} → imported / duplicates per order
//   POST /v1/admin/reco-models            a RecoModel → {version, sha256, bytes}
//   PUT  /v1/admin/settings/<key>         the setting's value
//   POST /v1/admin/customers/merge        {from, into}
//   POST /v1/admin/customers/dedupe       {customerIds?, dryRun?} → the groups merged, each id → survivor
//   POST /v1/admin/customers/<id>/erase
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { RecoModel } from '../contract/reco';
import { OnlineOrdersImport, SettingItem } from '../contract/sync';
import type { HqErrorCode } from '../contract/sync';
import { publishRecoModel, putSetting } from './artefacts';
import { runDedupeExclusive, unknownCustomers } from './customers/dedupe';
import { eraseCustomer } from './customers/erase';
import { mergeCustomers } from './customers/merge';
import type { Pool } from './db/pool';
import { importOnlineOrders } from './online-orders';

export interface AdminRouteDeps {
  pool: Pool;
  adminToken: string;
  /** Seconds an address must wait after too many refused credentials (0: go on); counts a refusal. */
  refused(request: FastifyRequest): void;
  blockedMs(request: FastifyRequest): number;
}

const MODEL_BODY_LIMIT = 256 * 1024 * 1024;
const ORDERS_BODY_LIMIT = 16 * 1024 * 1024;

const fail = (reply: FastifyReply, status: number, error: HqErrorCode, message: string, facts = {}) =>
  reply.code(status).send({ error, message, ...facts });

const issuesOf = (error: z.ZodError) =>
  error.issues.slice(0, 5).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));

const digest = (text: string) => createHash('sha256').update(text).digest();

const MergeRequest = z
  .object({ from: z.number().int().positive(), into: z.number().int().positive() })
  .strict();

const DedupeRequest = z
  .object({
    /** Only the groups of these profiles (after an enrolment flagged as a possible duplicate, say). */
    customerIds: z.array(z.number().int().positive()).min(1).max(1000).optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();

export async function adminRoutes(api: FastifyInstance, deps: AdminRouteDeps): Promise<void> {
  const { pool } = deps;
  const expected = digest(`Bearer ${deps.adminToken}`);

  api.addHook('onRequest', async (request, reply) => {
    const blockedMs = deps.blockedMs(request);
    if (blockedMs > 0) {
      return reply
        .code(429)
        .header('retry-after', String(Math.max(1, Math.ceil(blockedMs / 1000))))
        .send({ error: 'RATE_LIMITED', message: 'Too many refused credentials from this address' });
    }
    // Hashes of equal length: the comparison takes the same time whatever was sent.
    if (!timingSafeEqual(digest(request.headers.authorization ?? ''), expected)) {
      deps.refused(request);
      request.log.warn({ ip: request.ip }, 'admin.auth_refused');
      return fail(reply, 401, 'UNAUTHORIZED', 'The admin API needs the admin token');
    }
  });

  api.post('/online-orders', { bodyLimit: ORDERS_BODY_LIMIT }, async (request, reply) => {
    const parsed = OnlineOrdersImport.safeParse(request.body);
    if (!parsed.success) {
      return fail(reply, 400, 'BAD_REQUEST', 'The orders are malformed', { issues: issuesOf(parsed.error) });
    }
    const result = await importOnlineOrders(pool, parsed.data);
    request.log.info(
      { imported: result.imported, duplicates: result.duplicates, created: result.customersCreated },
      'online_orders.imported',
    );
    return result;
  });

  api.post('/reco-models', { bodyLimit: MODEL_BODY_LIMIT }, async (request, reply) => {
    const parsed = RecoModel.safeParse(request.body);
    if (!parsed.success) {
      return fail(reply, 400, 'BAD_REQUEST', 'The model does not match contract/reco.ts', {
        issues: issuesOf(parsed.error),
      });
    }
    const published = await publishRecoModel(pool, parsed.data);
    request.log.info(published, 'reco_model.published');
    return reply.code(201).send(published);
  });

  api.put('/settings/:key', async (request, reply) => {
    const { key } = request.params as { key: string };
    const parsed = SettingItem.safeParse({ key, value: request.body });
    if (!parsed.success) {
      return fail(reply, 400, 'BAD_REQUEST', `Not a valid setting ${key}`, {
        issues: issuesOf(parsed.error),
      });
    }
    await putSetting(pool, parsed.data.key, parsed.data.value);
    request.log.info({ key }, 'setting.changed');
    return { key };
  });

  api.post('/customers/merge', async (request, reply) => {
    const parsed = MergeRequest.safeParse(request.body);
    if (!parsed.success) return fail(reply, 400, 'BAD_REQUEST', 'Expected {from, into}');
    const outcome = await mergeCustomers(pool, parsed.data.from, parsed.data.into);
    if (!outcome.ok) {
      return fail(
        reply,
        outcome.reason === 'unknown' ? 404 : 409,
        'BAD_REQUEST',
        `Cannot merge: ${outcome.reason}`,
      );
    }
    request.log.info({ from: parsed.data.from, into: outcome.survivorId }, 'customer.merged');
    return outcome;
  });

  api.post('/customers/dedupe', async (request, reply) => {
    const parsed = DedupeRequest.safeParse(request.body ?? {});
    if (!parsed.success) {
      return fail(reply, 400, 'BAD_REQUEST', 'Expected {customerIds?: [id, …], dryRun?: boolean}', {
        issues: issuesOf(parsed.error),
      });
    }
    const { customerIds, dryRun } = parsed.data;
    if (customerIds) {
      const unknown = await unknownCustomers(pool, customerIds);
      if (unknown.length > 0) {
        return fail(reply, 404, 'NOT_FOUND', `No customer ${unknown.join(', ')}`, { unknownIds: unknown });
      }
    }
    // Behind a run in progress on any node, rather than refused: the caller gets this run's answer.
    const outcome = await runDedupeExclusive(pool, { customerIds, dryRun, wait: true, log: request.log });
    if (!outcome.ran) throw new Error('the duplicate-merge job did not run although it waited for its lock');
    return outcome.report;
  });

  api.post('/customers/:id/erase', async (request, reply) => {
    const id = Number((request.params as { id: string }).id);
    if (!Number.isSafeInteger(id) || id < 1) return fail(reply, 400, 'BAD_REQUEST', 'Not a customer id');
    const outcome = await eraseCustomer(pool, id);
    if (!outcome.ok) return fail(reply, 404, 'NOT_FOUND', `No customer ${id}`);
    request.log.info({ customerId: id, erased: outcome.erasedIds.length }, 'customer.erased');
    return outcome;
  });
}
