// RS-232 and USB-CDC devices (scanners in serial mode, card readers, some printers and customer
// displays) through serialport. The native module loads on the first open, so code that only
// lists or describes devices does not need it.
import { read } from 'node:fs';
import { promisify } from 'node:util';
import type { SerialPort } from 'serialport';
import { Listeners } from './listeners';
import { TransportError } from './types';
import type { Transport, TransportErrorKind, TransportEvents } from './types';

export interface SerialOptions {
  /** `/dev/ttyACM0`, `/dev/ttyUSB0`, `COM3`… */
  path: string;
  baudRate: number;
  dataBits?: 5 | 6 | 7 | 8;
  stopBits?: 1 | 1.5 | 2;
  parity?: 'none' | 'even' | 'odd' | 'mark' | 'space';
  /** Hardware flow control, for printers that raise CTS when their buffer is full. */
  rtscts?: boolean;
  xon?: boolean;
  xoff?: boolean;
  /** An exclusive lock, so a second program cannot read the same scanner. Default true. */
  lock?: boolean;
}

export class SerialTransport implements Transport {
  readonly address: string;
  private readonly listeners = new Listeners<TransportEvents>();
  private port: SerialPort | null = null;
  private opening: Promise<void> | null = null;

  constructor(private readonly options: SerialOptions) {
    this.address = `serial://${options.path}`;
  }

  on<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): () => void {
    return this.listeners.on(event, listener);
  }

  open(): Promise<void> {
    if (this.port) return Promise.resolve();
    this.opening ??= this.openPort().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port) return Promise.reject(new TransportError('disconnected', `${this.address} is not open`));
    return new Promise((resolve, reject) => {
      const failed = (error: Error | null | undefined) => {
        if (!error) return false;
        reject(serialError(error, this.address, 'disconnected'));
        return true;
      };
      // drain() waits until the OS has sent the bytes, so a slow 9600-baud printer paces the writer.
      port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (error) => {
        if (!failed(error)) port.drain((drainError) => failed(drainError) || resolve());
      });
    });
  }

  async close(): Promise<void> {
    await this.opening?.catch(() => undefined);
    const port = this.port;
    if (!port) return;
    this.port = null;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private async openPort(): Promise<void> {
    const { SerialPort } = await import('serialport');
    const { path, baudRate, dataBits = 8, stopBits = 1, parity = 'none', rtscts = false } = this.options;
    const port = new SerialPort({
      path,
      baudRate,
      dataBits,
      stopBits,
      parity,
      rtscts,
      xon: this.options.xon ?? false,
      xoff: this.options.xoff ?? false,
      lock: this.options.lock ?? true,
      autoOpen: false,
    });
    await new Promise<void>((resolve, reject) =>
      port.open((error) => (error ? reject(serialError(error, this.address, 'io')) : resolve())),
    );
    endReadsAtHangup(port);
    this.port = port;
    port.on('data', (chunk: Buffer) => this.listeners.emit('data', chunk));
    // serialport reports errors of writes without a callback here; ours all have one.
    port.on('error', (error: Error) => this.listeners.emit('error', serialError(error, this.address, 'io')));
    port.on('close', (error: (Error & { disconnected?: boolean }) | null) => {
      const unexpected = this.port === port;
      this.port = null;
      if (unexpected) {
        this.listeners.emit(
          'error',
          new TransportError('disconnected', `${this.address} went away (${error?.message ?? 'closed'})`, {
            cause: error,
          }),
        );
      }
      this.listeners.emit('close');
    });
  }
}

// serialport gives messages, not codes: "Error: No such file or directory, cannot open /dev/x",
// "Error Resource temporarily unavailable Cannot lock port" (Unix), "Opening COM3: Access denied" (Windows).
const patterns: [RegExp, TransportErrorKind, string][] = [
  [/No such file or directory|File not found|ENOENT/i, 'not-found', 'no such port'],
  [/Permission denied|EACCES/i, 'access-denied', 'permission denied (is the user in the dialout group?)'],
  // Windows opens COM ports exclusively: "Access denied" there means another program has it.
  [/Cannot lock port|Resource busy|EBUSY|Access denied/i, 'busy', 'the port is in use by another program'],
  [/Inappropriate ioctl|Not a typewriter|ENOTTY/i, 'not-found', 'not a serial port'],
];

/** Maps a serialport error to a TransportError; exported for the errors a test machine cannot produce. */
export function serialError(error: Error, address: string, fallback: TransportErrorKind): TransportError {
  for (const [pattern, kind, text] of patterns) {
    if (pattern.test(error.message)) {
      return new TransportError(kind, `${address}: ${text}`, { cause: error });
    }
  }
  return new TransportError(fallback, `${address}: ${error.message}`, { cause: error });
}

const readFile = promisify(read);

/**
 * serialport 13 on Linux and macOS retries a read that returns 0 bytes, and on a hung-up tty (a USB
 * scanner unplugged, the far end of a pty gone) every read returns 0: it spins on the CPU and never
 * reports the loss (serialport/bindings-cpp issue 162; the fix, PR 164, is not in 13.0). With VMIN=1
 * and O_NONBLOCK, as serialport opens ports, 0 bytes only ever means hang-up, so this read ends there
 * with an error, which serialport turns into a close with a disconnect. Windows reports it itself.
 */
function endReadsAtHangup(port: SerialPort): void {
  const binding = port.port;
  if (!binding || !('poller' in binding)) return;
  const readable = () =>
    new Promise<void>((resolve, reject) =>
      binding.poller.once('readable', (error: Error | null) => (error ? reject(error) : resolve())),
    );
  const canceled = () => Object.assign(new Error('Port is not open'), { canceled: true });
  binding.read = async (buffer: Buffer, offset: number, length: number) => {
    for (;;) {
      if (!binding.isOpen || binding.fd === null) throw canceled();
      try {
        const { bytesRead } = await readFile(binding.fd, buffer, offset, length, null);
        if (bytesRead > 0) return { buffer, bytesRead };
        throw Object.assign(new Error('the serial device hung up'), { code: 'EOF' });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK' && code !== 'EINTR') throw error;
        if (!binding.isOpen) throw canceled();
        await readable();
      }
    }
  };
}
