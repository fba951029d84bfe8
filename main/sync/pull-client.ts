// The till's HTTP side of pulling: a page of a change feed (validated whole against contract/sync.ts
// before anyone may apply it), a recommendation model's bytes, a snapshot stream. Answers are values:
// what went wrong is a code the puller and the bootstrap act on, never an exception.
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { compiledPerKey } from '../../contract/compiled-parse';
import { CursorStale, HqError, pullPage } from '../../contract/sync';
import type { PullPage, PullStream } from '../../contract/sync';
import { authorization } from './credentials';
import type { TillCredentials } from './credentials';

// A page is up to 5,000 items, validated on the till's main thread: by the contract's schemas
// compiled to plain functions, with zod's verdicts and messages (contract/compiled-parse.ts).
const pageParser = compiledPerKey((stream: PullStream) => pullPage(stream));

export type PullFailure =
  /** HQ did not answer, or answered 5xx/429: try again later. */
  | { kind: 'offline'; code: string; message: string; retryAfterMs?: number }
  /** HQ refuses this till (credential, a bad request): a person must look. */
  | { kind: 'refused'; code: string; message: string }
  /** The cursor is of another HQ epoch (HQ restored from a backup): pull the stream from its start. */
  | { kind: 'stale'; code: 'CURSOR_STALE'; message: string }
  /** HQ answered something the contract does not allow: nothing of it may be applied. */
  | { kind: 'invalid'; code: string; message: string };

export type PullAnswer<T> = { ok: true; value: T } | { ok: false; failure: PullFailure };

export interface PullClientOptions {
  credentials: TillCredentials;
  fetch?: typeof fetch;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const failed = <T>(failure: PullFailure): PullAnswer<T> => ({ ok: false, failure });

const issueOf = (issues: readonly { path: PropertyKey[]; message: string }[]) => {
  const issue = issues[0];
  return issue ? `${issue.path.map(String).join('.')}: ${issue.message}` : 'unknown';
};

export function createPullClient(options: PullClientOptions) {
  const { credentials } = options;
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const signal = () =>
    options.signal
      ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)])
      : AbortSignal.timeout(timeoutMs);

  async function request(path: string, init: { signal?: AbortSignal } = {}): Promise<PullAnswer<Response>> {
    try {
      const response = await send(`${credentials.hqUrl}${path}`, {
        headers: { authorization: authorization(credentials), 'accept-encoding': 'gzip' },
        signal: init.signal ?? signal(),
      });
      if (response.ok) return { ok: true, value: response };
      return failed(await refusal(response));
    } catch (error) {
      return failed({ kind: 'offline', code: 'HQ_UNREACHABLE', message: (error as Error).message });
    }
  }

  async function refusal(response: Response): Promise<PullFailure> {
    const body: unknown = await response.json().catch(() => null);
    if (response.status === 409) {
      const stale = CursorStale.safeParse(body);
      if (stale.success) return { kind: 'stale', code: 'CURSOR_STALE', message: stale.data.message };
    }
    const known = HqError.safeParse(body);
    const code = known.success ? known.data.error : `HTTP_${response.status}`;
    const message = known.success ? known.data.message : `HQ answered ${response.status}`;
    if (response.status === 429) {
      const seconds = Number(response.headers.get('retry-after') ?? 1);
      return { kind: 'offline', code, message, retryAfterMs: seconds * 1000 };
    }
    return response.status >= 500 ? { kind: 'offline', code, message } : { kind: 'refused', code, message };
  }

  const query = (cursor: string | null, extra = '') =>
    `${cursor === null ? '' : `after=${encodeURIComponent(cursor)}`}${cursor !== null && extra ? '&' : ''}${extra}`;

  return {
    /** A page after `cursor`, validated whole; `invalid` when any item does not match its schema. */
    async page<S extends PullStream>(
      stream: S,
      cursor: string | null,
      limit: number,
    ): Promise<PullAnswer<PullPage<S>>> {
      const answer = await request(`/v1/pull/${stream}?${query(cursor, `limit=${limit}`)}`);
      if (!answer.ok) return answer;
      let body: unknown;
      try {
        body = await answer.value.json();
      } catch (error) {
        const message = (error as Error).message;
        // A cut in the middle of the body is the network's doing; a body that is not JSON is HQ's.
        return failed(
          error instanceof SyntaxError
            ? { kind: 'invalid', code: 'PAGE_INVALID', message: `not JSON: ${message}` }
            : { kind: 'offline', code: 'HQ_UNREACHABLE', message },
        );
      }
      const parsed = pageParser(stream)(body);
      if (!parsed.success) {
        return failed({ kind: 'invalid', code: 'PAGE_INVALID', message: issueOf(parsed.error.issues) });
      }
      return { ok: true, value: parsed.data as PullPage<S> };
    },

    /** A recommendation model's bytes, as published (checked by the caller against the announced hash). */
    async artefact(version: number): Promise<PullAnswer<Buffer>> {
      const answer = await request(`/v1/reco-models/${version}`, {
        signal: AbortSignal.timeout(timeoutMs * 10),
      });
      if (!answer.ok) return answer;
      try {
        return { ok: true, value: Buffer.from(await answer.value.arrayBuffer()) };
      } catch (error) {
        return failed({ kind: 'offline', code: 'HQ_UNREACHABLE', message: (error as Error).message });
      }
    },

    /**
     * The snapshot of `stream` after `cursor`, a checkpoint every `every` items: about how many items
     * follow, and the NDJSON bytes as they arrive. Streamed with node:http rather than fetch: a
     * bootstrap reads hundreds of megabytes, and web streams cost a tenth of the till's time on them.
     */
    async snapshot(
      stream: PullStream,
      cursor: string | null,
      every: number,
      abort: AbortSignal,
    ): Promise<PullAnswer<{ items: number; body: AsyncIterable<Buffer> }>> {
      const url = new URL(`${credentials.hqUrl}/v1/snapshot/${stream}?${query(cursor, `every=${every}`)}`);
      let response: IncomingMessage;
      try {
        const outgoing = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
          headers: { authorization: authorization(credentials), 'accept-encoding': 'gzip' },
          signal: abort,
        });
        outgoing.end();
        [response] = (await once(outgoing, 'response')) as [IncomingMessage];
      } catch (error) {
        return failed({ kind: 'offline', code: 'HQ_UNREACHABLE', message: (error as Error).message });
      }
      const body: Readable =
        response.headers['content-encoding'] === 'gzip' ? response.pipe(createGunzip()) : response;
      if (body !== response) {
        // A cut connection must end the read with an error, not a quiet end of the inflated stream.
        response.once('error', (error) => body.destroy(error));
        response.once('aborted', () => body.destroy(new Error('the connection was cut')));
      }
      if (response.statusCode === 200) {
        return { ok: true, value: { items: Number(response.headers['x-omnitill-items'] ?? 0), body } };
      }
      try {
        const chunks: Buffer[] = [];
        for await (const chunk of body) chunks.push(chunk);
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          if (typeof value === 'string' && name !== 'content-encoding') headers.set(name, value);
        }
        return failed(
          await refusal(new Response(Buffer.concat(chunks), { status: response.statusCode ?? 500, headers })),
        );
      } catch (error) {
        return failed({ kind: 'offline', code: 'HQ_UNREACHABLE', message: (error as Error).message });
      }
    },
  };
}
export type PullClient = ReturnType<typeof createPullClient>;
