// A barcode scanner in serial mode (RS-232 or USB-CDC) on a pseudo-terminal: the driver opens
// `devicePath` with serialport and reads what `scan` sends, framed as the scanner is configured
// (an optional prefix such as an AIM id or STX, the data, a suffix such as CR or CR LF).
import { PtyPair } from './pty-pair';

export interface SerialScanOptions {
  /** Sent before the data, e.g. "]E0" when the scanner transmits AIM ids, or "\x02" (STX). Default none. */
  prefix?: string | Uint8Array;
  /** Sent after the data. Default "\r", the factory setting of most scanners. */
  suffix?: string | Uint8Array;
  /** Wait between bytes; 0 sends the whole frame at once. Default 0. */
  interByteDelayMs?: number;
}

export class VirtualSerialScanner {
  private constructor(private readonly pty: PtyPair) {}

  static async start(): Promise<VirtualSerialScanner> {
    return new VirtualSerialScanner(await PtyPair.create());
  }

  /** The serial port path the driver opens. */
  get devicePath(): string {
    return this.pty.hostPath;
  }

  /** Sends one decoded symbol; text is sent as UTF-8, as scanners send QR codes with non-ASCII text. */
  async scan(data: string | Uint8Array, options: SerialScanOptions = {}): Promise<void> {
    const frame = concat([bytesOf(options.prefix ?? ''), bytesOf(data), bytesOf(options.suffix ?? '\r')]);
    await this.pty.write(frame, { interByteDelayMs: options.interByteDelayMs ?? 0 });
  }

  /** Unplugs the scanner: the driver's port goes away. */
  async close(): Promise<void> {
    await this.pty.close();
  }
}

export function bytesOf(value: string | Uint8Array): Uint8Array {
  return typeof value === 'string' ? new TextEncoder().encode(value) : value;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
