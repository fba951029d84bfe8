// A TCP proxy on loopback between tills and HQ that understands just enough HTTP/1.1 (a header
// block and a Content-Length body) to act on whole requests: it can take HQ off the network, drop
// HQ's answer after HQ acted (the lost ack of FIELD.md), deliver a push twice at once, hold a
// request or an answer until the test releases it (so requests reach HQ out of order, or a till is
// killed while its batch is in flight), and replay captured requests later. Every request is kept
// with what HQ answered, for the test's assertions.
import { EventEmitter } from 'node:events';
import { connect, createServer } from 'node:net';
import type { Socket } from 'node:net';

/**
 * What happens to one push request:
 * - `forward`: through to HQ and back;
 * - `refuse`: the till's connection is cut; HQ never sees the request;
 * - `drop-answer`: HQ acts, its answer is dropped and the till's connection cut;
 * - `duplicate`: sent to HQ twice at once, the till gets the answer of the first copy;
 * - `hold`: kept here until `release()`; the till waits (or gives up and sends again);
 * - `hold-answer`: HQ acts, its answer is kept here until `release()`.
 */
export type Fault = 'forward' | 'refuse' | 'drop-answer' | 'duplicate' | 'hold' | 'hold-answer';

export interface ProxiedRequest {
  no: number;
  /** `POST /v1/push` */
  line: string;
  /** The request's bytes as the till sent them, for replays. */
  raw: Buffer;
  /** For a push: whose, and which seqs. */
  push: { terminalId: string; firstSeq: number; lastSeq: number; ids: string[] } | null;
  fault: Fault;
  /** HQ's status for each copy delivered (a duplicate has two; a refused or held request none yet). */
  statuses: number[];
  /** The till received HQ's answer. */
  answered: boolean;
}

export interface ReplayAnswer {
  status: number;
  body: unknown;
}

export interface FaultProxy {
  url: string;
  port: number;
  /** Existing connections are cut, new ones refused: HQ is unreachable. Held requests stay held. */
  down(): void;
  up(): void;
  readonly isDown: boolean;
  /** Faults for the next push requests, in order; when none is queued, `defaultFault` applies. */
  inject(...faults: Fault[]): void;
  defaultFault: Fault;
  /** Back on the network with no fault queued; what is held stays held until `release()`. */
  heal(): void;
  /** Held requests and held answers, oldest first. */
  held(): ProxiedRequest[];
  /** Lets what is held go: requests to HQ (in this order), answers to their tills when still listening. */
  release(order?: 'oldest-first' | 'newest-first'): Promise<void>;
  /** Sends captured requests to HQ again, one after another, answering what HQ said to each. */
  replay(requests: readonly ProxiedRequest[]): Promise<ReplayAnswer[]>;
  requests: ProxiedRequest[];
  pushes(): ProxiedRequest[];
  /** `received` (request), `answered` (request, status): for tests that act at the moment a batch moves. */
  events: EventEmitter;
  close(): Promise<void>;
}

interface Message {
  head: string;
  raw: Buffer;
}

/** Splits a byte stream into HTTP/1.1 messages with Content-Length bodies (what undici and Fastify send). */
function messageReader(onMessage: (message: Message) => void) {
  let buffer = Buffer.alloc(0);
  return (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffer.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
        throw new Error('the fault proxy does not read chunked bodies');
      }
      const total = end + 4 + length;
      if (buffer.length < total) return;
      const raw = Buffer.from(buffer.subarray(0, total));
      buffer = buffer.subarray(total);
      onMessage({ head, raw });
    }
  };
}

function pushFacts(raw: Buffer): ProxiedRequest['push'] {
  const body = raw.subarray(raw.indexOf('\r\n\r\n') + 4).toString('utf8');
  try {
    const parsed = JSON.parse(body) as { terminalId?: string; mutations?: { id: string; seq: number }[] };
    const mutations = parsed.mutations ?? [];
    return {
      terminalId: parsed.terminalId ?? '',
      firstSeq: mutations[0]?.seq ?? 0,
      lastSeq: mutations.at(-1)?.seq ?? 0,
      ids: mutations.map((mutation) => mutation.id),
    };
  } catch {
    return null;
  }
}

export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  const sockets = new Set<Socket>();
  const queued: Fault[] = [];
  const requests: ProxiedRequest[] = [];
  const holding: { request: ProxiedRequest; client: Socket; answer: Buffer | null }[] = [];
  const events = new EventEmitter();
  let isDown = false;
  let closed = false;

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    return socket;
  };

  /** One request on its own connection to HQ; resolves with HQ's whole answer, or null when cut. */
  const deliver = (raw: Buffer): Promise<Message | null> =>
    new Promise((resolve) => {
      if (closed) {
        resolve(null);
        return;
      }
      const upstream = track(connect(targetPort, '127.0.0.1'));
      let answer: Message | null = null;
      const read = messageReader((message) => {
        answer = message;
        upstream.destroy();
      });
      upstream.on('data', (chunk: Buffer) => read(chunk));
      upstream.on('close', () => resolve(answer));
      upstream.write(raw);
    });

  const statusOf = (answer: Message) => Number(answer.head.split(' ', 3)[1]);

  const answerClient = (request: ProxiedRequest, client: Socket, answer: Message | null) => {
    if (answer === null || client.destroyed || isDown) {
      client.destroy();
      return;
    }
    request.answered = true;
    client.write(answer.raw);
  };

  async function handle(client: Socket, message: Message) {
    const line = message.head.split('\r\n', 1)[0]?.replace(/ HTTP\/1\.1$/, '') ?? '';
    const isPush = line === 'POST /v1/push';
    const fault: Fault = isPush ? (queued.shift() ?? proxy.defaultFault) : 'forward';
    const request: ProxiedRequest = {
      no: requests.length + 1,
      line,
      raw: message.raw,
      push: isPush ? pushFacts(message.raw) : null,
      fault,
      statuses: [],
      answered: false,
    };
    requests.push(request);
    events.emit('received', request);
    const delivered = async () => {
      const answer = await deliver(request.raw);
      if (answer) request.statuses.push(statusOf(answer));
      return answer;
    };
    switch (fault) {
      case 'refuse':
        client.destroy();
        return;
      case 'hold':
        holding.push({ request, client, answer: null });
        return;
      case 'duplicate': {
        const [first] = await Promise.all([delivered(), delivered()]);
        answerClient(request, client, first);
        break;
      }
      case 'drop-answer':
        await delivered();
        client.destroy();
        break;
      case 'hold-answer': {
        const answer = await delivered();
        if (answer) holding.push({ request, client, answer: answer.raw });
        else client.destroy();
        break;
      }
      case 'forward':
        answerClient(request, client, await delivered());
        break;
    }
    events.emit('answered', request, request.statuses.at(-1));
  }

  const server = createServer((client) => {
    track(client);
    if (isDown) {
      client.destroy();
      return;
    }
    // One request at a time per connection, as undici sends them (no pipelining).
    let chain = Promise.resolve();
    const read = messageReader((message) => {
      chain = chain
        .then(() => handle(client, message))
        .catch(() => {
          client.destroy();
        });
    });
    client.on('data', (chunk: Buffer) => {
      try {
        read(chunk);
      } catch {
        client.destroy();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${port}`,
    port,
    defaultFault: 'forward',
    down() {
      isDown = true;
      for (const socket of sockets) socket.destroy();
    },
    up() {
      isDown = false;
    },
    get isDown() {
      return isDown;
    },
    inject(...faults) {
      queued.push(...faults);
    },
    heal() {
      isDown = false;
      queued.length = 0;
      proxy.defaultFault = 'forward';
    },
    held: () => holding.map((entry) => entry.request),
    async release(order = 'oldest-first') {
      const entries = holding.splice(0);
      if (order === 'newest-first') entries.reverse();
      for (const { request, client, answer } of entries) {
        if (answer) {
          answerClient(request, client, { head: '', raw: answer });
          continue;
        }
        const delivered = await deliver(request.raw);
        if (delivered) request.statuses.push(statusOf(delivered));
        answerClient(request, client, delivered);
        events.emit('answered', request, request.statuses.at(-1));
      }
    },
    async replay(captured) {
      const answers: ReplayAnswer[] = [];
      for (const request of captured) {
        const answer = await deliver(request.raw);
        if (!answer) throw new Error(`HQ did not answer the replay of request ${request.no}`);
        const body = answer.raw.subarray(answer.raw.indexOf('\r\n\r\n') + 4).toString('utf8');
        answers.push({ status: statusOf(answer), body: JSON.parse(body) as unknown });
      }
      return answers;
    },
    requests,
    pushes: () => requests.filter((request) => request.push !== null),
    events,
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
