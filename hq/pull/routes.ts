// The routes a till pulls with, under the authenticated /v1 scope of app.ts:
//   GET /v1/pull/<stream>?after=<cursor>&limit=N   a page of a change feed (JSON)
//   GET /v1/snapshot/<stream>?after=<cursor>&every=N  the whole stream from `after` on, gzip'd
//                                                  NDJSON, a checkpoint every N items
//   GET /v1/reco-models/<version>                  a recommendation model's exact bytes
// Items are JSON text built by PostgreSQL (feeds.ts); HQ splices them into the answer unparsed.
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { createGzip, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_PULL_LIMIT, PullStream } from '../../contract/sync';
import type { HqErrorCode } from '../../contract/sync';
import type { AuthenticatedTerminal } from '../auth';
import { readEpoch } from '../db/epoch';
import type { Pool } from '../db/pool';
import { decodeCursor, encodeCursor } from './cursor';
import type { FeedKey } from './cursor';
import { countFeed, readFeed } from './feeds';
import type { FeedScope } from './feeds';

const gzipAsync = promisify(gzip);

const DEFAULT_PULL_LIMIT = 500;
/** Items per database read while streaming a snapshot; a checkpoint follows each read. */
const SNAPSHOT_PAGE = 10_000;
/** A till on a poor link may ask for checkpoints more often (it loses less to a cut), within these. */
const SNAPSHOT_PAGE_RANGE = { min: 100, max: 50_000 };
/** Bodies smaller than this go uncompressed: gzip would not pay for its own header. */
const COMPRESS_FROM_BYTES = 1024;

export interface PullRouteDeps {
  pool: Pool;
  terminalOf(request: FastifyRequest): AuthenticatedTerminal;
}

const fail = (reply: FastifyReply, status: number, error: HqErrorCode, message: string) =>
  reply.code(status).send({ error, message });

const acceptsGzip = (request: FastifyRequest) =>
  /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));

async function sendMaybeGzipped(request: FastifyRequest, reply: FastifyReply, body: string | Buffer) {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  if (bytes.length < COMPRESS_FROM_BYTES || !acceptsGzip(request)) return reply.send(bytes);
  // Level 1: pages are sent once and HQ's CPU serves thousands of tills.
  return reply.header('content-encoding', 'gzip').send(await gzipAsync(bytes, { level: 1 }));
}

type Position =
  { ok: true; stream: PullStream; key: FeedKey | null; epoch: string; scope: FeedScope } | { ok: false };

/** The stream and cursor a request names, or the refusal already sent. */
async function position(
  deps: PullRouteDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Position> {
  const params = request.params as { stream?: string };
  const query = request.query as { after?: string };
  const stream = PullStream.safeParse(params.stream);
  if (!stream.success) {
    await fail(
      reply,
      404,
      'NOT_FOUND',
      `No stream ${params.stream}; streams: ${PullStream.options.join(', ')}`,
    );
    return { ok: false };
  }
  const epoch = await readEpoch(deps.pool);
  const cursor = decodeCursor(query.after, epoch);
  if (!cursor.ok) {
    if (cursor.reason === 'stale') {
      await reply.code(409).send({
        error: 'CURSOR_STALE',
        message: 'The cursor is of another HQ epoch (HQ was restored): pull the stream from the start',
        hqEpoch: epoch,
      });
    } else {
      await fail(reply, 400, 'BAD_REQUEST', 'after= is not a cursor this HQ gave out');
    }
    return { ok: false };
  }
  const terminal = deps.terminalOf(request);
  return {
    ok: true,
    stream: stream.data,
    key: cursor.key,
    epoch,
    scope: { terminalId: terminal.id, storeId: terminal.storeId },
  };
}

export function registerPullRoutes(api: FastifyInstance, deps: PullRouteDeps): void {
  const { pool } = deps;

  api.get('/pull/:stream', async (request, reply) => {
    const at = await position(deps, request, reply);
    if (!at.ok) return reply;
    const query = request.query as { limit?: string };
    const limit = query.limit === undefined ? DEFAULT_PULL_LIMIT : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PULL_LIMIT) {
      return fail(reply, 400, 'BAD_REQUEST', `limit must be an integer from 1 to ${MAX_PULL_LIMIT}`);
    }
    const rows = await readFeed(pool, at.stream, at.scope, at.key, limit);
    const last = rows.at(-1);
    const key = last ? { xid: last.xid, seq: last.seq } : at.key;
    const cursor = key ? encodeCursor(at.epoch, key) : null;
    const hasMore = at.stream !== 'reco' && rows.length === limit;
    const body =
      `{"stream":"${at.stream}","items":[${rows.map((row) => row.item).join(',')}],` +
      `"cursor":${JSON.stringify(cursor)},"hasMore":${hasMore}}`;
    reply.type('application/json');
    return sendMaybeGzipped(request, reply, body);
  });

  api.get('/snapshot/:stream', async (request, reply) => {
    const at = await position(deps, request, reply);
    if (!at.ok) return reply;
    if (at.stream === 'reco') {
      return fail(reply, 404, 'NOT_FOUND', 'The recommendation model is pulled, not snapshotted');
    }
    const every = Number((request.query as { every?: string }).every ?? SNAPSHOT_PAGE);
    if (!Number.isInteger(every) || every < SNAPSHOT_PAGE_RANGE.min || every > SNAPSHOT_PAGE_RANGE.max) {
      return fail(
        reply,
        400,
        'BAD_REQUEST',
        `every must be an integer from ${SNAPSHOT_PAGE_RANGE.min} to ${SNAPSHOT_PAGE_RANGE.max}`,
      );
    }
    const total = await countFeed(pool, at.stream, at.scope, at.key);
    const { stream, scope, epoch } = at;
    let key = at.key;
    const closed = () => request.raw.destroyed;

    async function* lines(): AsyncGenerator<string> {
      let items = 0;
      // The next read runs while the previous one is compressed and sent.
      let next = readFeed(pool, stream, scope, key, every);
      for (;;) {
        const rows = await next;
        const last = rows.at(-1);
        if (last) key = { xid: last.xid, seq: last.seq };
        const full = rows.length === every;
        if (full && !closed()) next = readFeed(pool, stream, scope, key, every);
        items += rows.length;
        const cursor = key ? encodeCursor(epoch, key) : null;
        if (rows.length > 0) yield `${rows.map((row) => row.item).join('\n')}\n`;
        if (!full) {
          yield `{"@end":${JSON.stringify(cursor)},"items":${items}}\n`;
          return;
        }
        if (closed()) return;
        yield `{"@checkpoint":${JSON.stringify(cursor)},"items":${items}}\n`;
      }
    }

    const body = Readable.from(lines());
    reply.type('application/x-ndjson').header('x-omnitill-items', String(total));
    if (!acceptsGzip(request)) return reply.send(body);
    const compressed = createGzip({ level: 1 });
    body.on('error', (error) => compressed.destroy(error));
    compressed.on('close', () => body.destroy());
    return reply.header('content-encoding', 'gzip').send(body.pipe(compressed));
  });

  api.get('/reco-models/:version', async (request, reply) => {
    const version = Number((request.params as { version?: string }).version);
    if (!Number.isInteger(version) || version < 1) return fail(reply, 400, 'BAD_REQUEST', 'No such version');
    const { rows } = await pool.query<{ body: Buffer; sha256: string }>(
      'SELECT body, sha256 FROM reco_models WHERE version = $1',
      [version],
    );
    const model = rows[0];
    if (!model) return fail(reply, 404, 'NOT_FOUND', `No recommendation model ${version}`);
    reply.type('application/json').header('x-content-sha256', model.sha256);
    return sendMaybeGzipped(request, reply, model.body);
  });
}
