// A network receipt printer on loopback, like an Ethernet printer's raw port 9100: it decodes the
// ESC/POS stream into receipts (one per cut), answers status requests, and can be put into the
// states that matter at a till — paper out (also in the middle of a receipt), cover open, offline,
// unplugged — so the print queue and the device manager can be tested without hardware.
//
// Like a real printer it has one byte stream and one roll of paper, whichever connection the bytes
// come from, and two paths through it:
// - real time: DLE EOT n is answered the moment it is decoded, also while the printer cannot print;
// - print order: text, barcodes, cuts, drawer pulses and GS r (the end-of-job check) wait in the
//   buffer while the paper is out or the cover open, and print when the cause is fixed. When more
//   than `receiveBufferBytes` wait, the printer stops reading: TCP backpressure, as with a full buffer.
import { EventEmitter } from 'node:events';
import type { Server, Socket } from 'node:net';
import { createServer } from 'node:net';
import type { EscPosEvent } from '../printer/decoder';
import { EscPosDecoder } from '../printer/decoder';
import type { PrinterProfile, PrinterProfileId } from '../printer/profiles';
import { printerProfiles } from '../printer/profiles';
import type { PrinterCondition, StatusQuery } from '../printer/status';
import { readyCondition, statusAnswerByte, transmitStatusByte } from '../printer/status';
import type { PaperItem, PrintedReceipt } from './printed-receipt';
import { PaperRoll } from './printed-receipt';

export interface VirtualPrinterOptions {
  profile?: PrinterProfile | PrinterProfileId;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  condition?: Partial<PrinterCondition>;
  /** Bytes the printer accepts while it cannot print before it stops reading. */
  receiveBufferBytes?: number;
}

export interface StatusRequestEvent {
  command: 'DLE EOT' | 'GS r';
  n: number;
  /** The byte sent back, or null for a request this printer does not answer. */
  answer: number | null;
}

export interface VirtualPrinterEvents {
  receipt: (receipt: PrintedReceipt) => void;
  cut: (cut: { mode: 'full' | 'partial'; feed: number }) => void;
  drawer: (kick: { pin: 2 | 5; onMs: number; offMs: number }) => void;
  'status-request': (request: StatusRequestEvent) => void;
  'paper-out': () => void;
  /** Every decoded event, in stream order, for debugging and tests. */
  decoded: (event: EscPosEvent) => void;
}

interface Queued {
  event: EscPosEvent;
  socket: Socket;
}

export class VirtualPrinter {
  readonly profile: PrinterProfile;
  readonly host: string;
  private portNumber: number;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly emitter = new EventEmitter();
  private decoder: EscPosDecoder;
  private readonly roll = new PaperRoll();
  private readonly queue: Queued[] = [];
  private readonly printed: PrintedReceipt[] = [];
  private state: PrinterCondition;
  private readonly receiveBufferBytes: number;
  /** Bytes left before the paper runs out, when a test armed it. */
  private paperLeft: number | null = null;
  private heldBytes = 0;
  private reading = true;
  private bytesReceived = 0;

  private constructor(options: VirtualPrinterOptions) {
    const profile = options.profile ?? 'generic-80';
    this.profile = typeof profile === 'string' ? printerProfiles[profile] : profile;
    this.host = options.host ?? '127.0.0.1';
    this.portNumber = options.port ?? 0;
    this.state = { ...readyCondition, ...options.condition };
    this.receiveBufferBytes = options.receiveBufferBytes ?? 4096;
    this.decoder = new EscPosDecoder({ profile: this.profile });
  }

  static async start(options: VirtualPrinterOptions = {}): Promise<VirtualPrinter> {
    const printer = new VirtualPrinter(options);
    await printer.listen();
    return printer;
  }

  get port(): number {
    return this.portNumber;
  }

  /** The address a TCP transport connects to, e.g. "tcp://127.0.0.1:40123". */
  get address(): string {
    return `tcp://${this.host}:${this.portNumber}`;
  }

  get receipts(): readonly PrintedReceipt[] {
    return this.printed;
  }

  /** What is on the paper since the last cut, e.g. the first half of a receipt the paper ran out on. */
  get unfinished(): readonly PaperItem[] {
    return this.roll.pending;
  }

  get condition(): Readonly<PrinterCondition> {
    return this.state;
  }

  get pluggedIn(): boolean {
    return this.server !== null;
  }

  /** Bytes received since start, across connections and power cycles. */
  get received(): number {
    return this.bytesReceived;
  }

  on<E extends keyof VirtualPrinterEvents>(event: E, listener: VirtualPrinterEvents[E]): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  /** The next receipt cut from now on. */
  nextReceipt(timeoutMs = 2000): Promise<PrintedReceipt> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`no receipt within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.on('receipt', (receipt) => {
        clearTimeout(timer);
        off();
        resolve(receipt);
      });
    });
  }

  /** Changes sensors and errors; printing resumes by itself once nothing stops it. */
  setCondition(change: Partial<PrinterCondition>): void {
    const wasOut = this.state.paperOut;
    this.state = { ...this.state, ...change };
    if (!wasOut && this.state.paperOut) this.emitter.emit('paper-out');
    if (change.paperOut === false) this.paperLeft = null;
    this.drain();
  }

  /** The paper runs out after `bytes` more bytes of the stream have been printed. */
  runOutOfPaperAfter(bytes: number): void {
    const left = Math.max(0, Math.floor(bytes));
    this.paperLeft = left > 0 ? left : null;
    if (left === 0) this.setCondition({ paperOut: true });
  }

  /** A new roll: near end and paper out clear, and what waited in the buffer prints. */
  loadPaper(): void {
    this.setCondition({ paperOut: false, paperNearEnd: false });
  }

  /** The cable is pulled (or the power): connections drop, new ones are refused, the buffer is lost. */
  async unplug(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.queue.length = 0;
    this.heldBytes = 0;
    this.reading = true;
    this.roll.clear();
    this.decoder = new EscPosDecoder({ profile: this.profile });
  }

  /** Back on the same port. */
  async plugIn(): Promise<void> {
    if (this.server) return;
    await this.listen();
  }

  async close(): Promise<void> {
    await this.unplug();
    this.emitter.removeAllListeners();
  }

  private listen(): Promise<void> {
    const server = createServer((socket) => this.accept(socket));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.portNumber, this.host, () => {
        server.off('error', reject);
        const address = server.address();
        if (address && typeof address === 'object') this.portNumber = address.port;
        this.server = server;
        resolve();
      });
    });
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    if (!this.reading) socket.pause();
    socket.on('data', (chunk: Buffer) => this.receive(socket, chunk));
    socket.on('close', () => this.sockets.delete(socket));
    // A client resetting its connection is routine for a network printer; 'close' follows.
    socket.on('error', () => socket.destroy());
  }

  private receive(socket: Socket, chunk: Uint8Array): void {
    this.bytesReceived += chunk.length;
    let offset = 0;
    while (offset < chunk.length) {
      const left = this.paperLeft;
      const size =
        left !== null && !this.state.paperOut ? Math.min(left, chunk.length - offset) : chunk.length - offset;
      this.decode(socket, chunk.subarray(offset, offset + size));
      offset += size;
      if (left !== null && !this.state.paperOut) {
        this.paperLeft = left - size;
        if (this.paperLeft === 0) {
          this.paperLeft = null;
          this.setCondition({ paperOut: true });
        }
      }
    }
  }

  private decode(socket: Socket, bytes: Uint8Array): void {
    if (!this.canPrint()) this.holdBytes(bytes.length);
    for (const event of this.decoder.push(bytes)) {
      this.emitter.emit('decoded', event);
      if (event.type === 'status-request' && event.command === 'DLE EOT') {
        this.answer(socket, event.command, event.n, statusAnswerByte(event.n as StatusQuery, this.state));
      } else if (event.type === 'clear-buffer') {
        this.queue.length = 0;
      } else {
        this.queue.push({ event, socket });
      }
    }
    this.drain();
  }

  private canPrint(): boolean {
    const { paperOut, coverOpen, offline, autocutterError, unrecoverableError } = this.state;
    return !paperOut && !coverOpen && !offline && !autocutterError && !unrecoverableError;
  }

  private holdBytes(count: number): void {
    this.heldBytes += count;
    if (this.reading && this.heldBytes > this.receiveBufferBytes) {
      this.reading = false;
      for (const socket of this.sockets) socket.pause();
    }
  }

  private drain(): void {
    while (this.canPrint()) {
      const next = this.queue.shift();
      if (!next) break;
      this.print(next);
    }
    if (this.canPrint()) {
      this.heldBytes = 0;
      if (!this.reading) {
        this.reading = true;
        for (const socket of this.sockets) socket.resume();
      }
    }
  }

  private print({ event, socket }: Queued): void {
    switch (event.type) {
      case 'status-request':
        this.answer(
          socket,
          event.command,
          event.n,
          event.n === 1 || event.n === 2 ? transmitStatusByte(event.n, this.state) : null,
        );
        return;
      case 'drawer':
        this.emitter.emit('drawer', { pin: event.pin, onMs: event.onMs, offMs: event.offMs });
        break;
      case 'cut':
        this.emitter.emit('cut', { mode: event.mode, feed: event.feed });
        break;
    }
    const receipt = this.roll.apply(event);
    if (receipt) {
      this.printed.push(receipt);
      this.emitter.emit('receipt', receipt);
    }
  }

  private answer(socket: Socket, command: 'DLE EOT' | 'GS r', n: number, answer: number | null): void {
    if (answer !== null && !socket.destroyed) socket.write(Uint8Array.of(answer));
    this.emitter.emit('status-request', { command, n, answer } satisfies StatusRequestEvent);
  }
}
