// The same contract as Electron IPC, over HTTP and a WebSocket on 127.0.0.1, so the real UI runs
// in a plain Chromium for development, end-to-end tests and headless tills. Every request needs
// the random per-run token; a page from another origin cannot use it (no CORS is ever granted).
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { fail } from '../../contract/common';
import type { ErrorCode, Result } from '../../contract/common';
import type { Dispatch } from '../ipc/dispatcher';
import type { EventBus } from '../services/events';
import type { Logger } from '../log';
import { CONTENT_SECURITY_POLICY } from './csp';

const MAX_BODY_BYTES = 64 * 1024;
const PROTOCOL = 'omnitill.v1';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  UNKNOWN_METHOD: 404,
  NOT_LOGGED_IN: 401,
  FORBIDDEN: 403,
  INTERNAL: 500,
};

export interface HostOptions {
  dispatch: Dispatch;
  events: EventBus;
  log: Logger;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  token?: string;
}

export interface Host {
  url: string;
  /** The URL to open: the token travels in the fragment, which browsers never send or log. */
  appUrl: string;
  token: string;
  close(): Promise<void>;
}

export async function startHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const tokenBytes = Buffer.from(token);
  const { log } = options;
  let origin = '';

  const authorized = (presented: string | undefined) => {
    const bytes = Buffer.from(presented ?? '');
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  };
  // Browsers send Origin on POST and WebSocket upgrades; a foreign page is refused even before the token.
  const sameOrigin = (request: IncomingMessage) =>
    !request.headers.origin || request.headers.origin === origin;

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error('host.exception', { error: String(error) });
      if (!response.headersSent) send(response, 500, fail('INTERNAL', 'Something went wrong'));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname.startsWith('/api/call/')) {
      if (request.method !== 'POST') return send(response, 405, fail('BAD_REQUEST', 'Use POST'));
      if (!sameOrigin(request) || !authorized(bearer(request))) {
        log.warn('host.refused', { path: url.pathname.slice(0, 80), origin: request.headers.origin ?? '' });
        return send(response, 403, fail('FORBIDDEN', 'This request did not come from the till'));
      }
      const body = await readBody(request);
      if (body === 'too-large') return send(response, 413, fail('BAD_REQUEST', 'The request is too large'));
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body);
      } catch {
        return send(response, 400, fail('BAD_REQUEST', 'The request body is not JSON'));
      }
      const result = await options.dispatch(
        decodeURIComponent(url.pathname.slice('/api/call/'.length)),
        input,
      );
      return send(response, result.ok ? 200 : (STATUS[result.error.code] ?? 422), result);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(response, 405, fail('BAD_REQUEST', 'Not allowed'));
    }
    return serveStatic(url.pathname, response);
  }

  async function serveStatic(pathname: string, response: ServerResponse) {
    const relative = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname));
    const file = join(options.staticDir, relative);
    if (!file.startsWith(options.staticDir + sep)) return plain(response, 404, 'not found');
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch {
      return plain(response, 404, 'not found');
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': relative.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    response.end(content);
  }

  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: 4096,
    handleProtocols: (protocols) => (protocols.has(PROTOCOL) ? PROTOCOL : false),
  });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', origin);
    const offered = String(request.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((part) => part.trim());
    const presented = offered.find((part) => part.startsWith('token.'))?.slice('token.'.length);
    if (url.pathname !== '/api/events' || !sameOrigin(request) || !authorized(presented)) {
      log.warn('host.refused_socket', { origin: request.headers.origin ?? '' });
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws));
  });
  const unsubscribe = options.events.subscribe((event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(message);
  });
  // The renderer only listens; anything it sends on the socket is ignored.
  sockets.on('connection', (ws: WebSocket) => ws.on('message', () => undefined));

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  log.info('host.listening', { url: origin });

  return {
    url: origin,
    appUrl: `${origin}/#token=${token}`,
    token,
    close: async () => {
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function bearer(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

function readBody(request: IncomingMessage): Promise<string | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks).toString('utf8')),
    );
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: Result<unknown>) {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(JSON.stringify(body));
}

function plain(response: ServerResponse, status: number, text: string) {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}
