// A transport is a byte pipe to one device (HID, USB bulk, serial, TCP). Drivers speak protocols
// over it and never care which kind it is. Errors are typed so the device manager can decide
// between "retry with back-off" and "tell IT".

export type TransportErrorKind =
  | 'not-found' // the device is not there (unplugged, wrong path or address)
  | 'access-denied' // present but the OS refuses (udev rule missing, keyboard-class HID on Windows)
  | 'busy' // claimed by another process or kernel driver (usblp)
  | 'disconnected' // was open and went away
  | 'timeout'
  | 'io';

export class TransportError extends Error {
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface TransportEvents {
  data: (chunk: Uint8Array) => void;
  error: (error: TransportError) => void;
  close: () => void;
}

export interface Transport {
  /** A stable description for logs and the devices page, e.g. "tcp://192.168.1.50:9100". */
  readonly address: string;
  open(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  on<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): () => void;
}
