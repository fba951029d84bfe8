// A transport is a byte pipe to one device (HID, USB bulk, serial, TCP). Drivers speak protocols
// over it and never care which kind it is. Errors are typed so the device manager can decide
// between "retry with back-off" and "tell IT".

export type TransportErrorKind =
  | 'not-found' // the device is not there (unplugged, wrong path or address, connection refused)
  | 'access-denied' // present but the OS refuses (udev rule missing, keyboard-class HID on Windows)
  | 'busy' // held by another process or kernel driver (usblp), or the serial port is locked
  | 'claimed' // held by another claimant inside this app (UnifiedPOS claim/release)
  | 'disconnected' // was open and went away, or is not open
  | 'timeout'
  | 'io';

export class TransportError extends Error {
  /** The OS or library code behind the error when there is one (ECONNREFUSED, EBUSY…), for logs. */
  readonly code: string | undefined;

  constructor(
    readonly kind: TransportErrorKind,
    message: string,
    options: { code?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TransportError';
    this.code = options.code;
  }
}

export function isTransportError(error: unknown): error is TransportError {
  return error instanceof TransportError;
}

/**
 * Events of an opened transport. `open()` and `write()` report their own failures by rejecting;
 * `error` is only for an open transport that fails on its own (unplugged, peer closed), and is
 * followed by `close`. `close` fires once each time an open transport becomes closed, whether by
 * `close()` or by failure.
 */
export interface TransportEvents {
  data: (chunk: Uint8Array) => void;
  error: (error: TransportError) => void;
  close: () => void;
}

export interface Transport {
  /** A stable description for logs and the devices page, e.g. "tcp://192.168.1.50:9100". */
  readonly address: string;
  /** Opens the device; resolves at once if it is open. A closed transport may be opened again. */
  open(): Promise<void>;
  /** Resolves when the bytes are handed to the OS; rejects with a TransportError. */
  write(bytes: Uint8Array): Promise<void>;
  /** Closes the device; resolves at once if it is closed. */
  close(): Promise<void>;
  /** Returns a function that removes the listener. */
  on<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): () => void;
}
