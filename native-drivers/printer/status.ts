// Real-time status: DLE EOT n asks, the printer answers one byte at once, even while its buffer is
// full or it is offline, so a driver can tell "paper out" from "unplugged" while a job waits.
//
// Bit positions: Epson ESC/POS reference, DLE EOT (download4.epson.biz/sec_pubs/pos/reference_en/
// escpos/dle_eot.html), as printed in Epson's model manuals — TM-U295 commands p. 5-4 (n=1;
// easymanua.ls/epson/tm-u295-b-w-dot-matrix-printer/manual?p=44), TM-L60II technical reference
// p. 1217 (n=2; manualshive.com/en/manual/epson/esc-pos-tm-l60ii/…-280.html), TM-T88III
// specification p. 73 (n=3 and 4; easymanua.ls/epson/tm-t88iii-series/manual?p=84) — and identical
// in Bixolon SRP-350 and Citizen CT-S2000 manuals. Every answer has bit 0 = 0, bit 1 = 1, bit 4 = 1,
// bit 7 = 0:
//   n=1 printer:       bit 2 drawer kick-out connector pin 3 HIGH, bit 3 offline
//   n=2 offline cause: bit 2 cover open, bit 3 paper fed by the feed button, bit 5 printing stopped
//                      by a paper end, bit 6 an error occurred
//   n=3 error cause:   bit 2 recoverable/mechanical error (model-dependent), bit 3 autocutter error,
//                      bit 5 unrecoverable error, bit 6 auto-recoverable error (head too hot)
//   n=4 paper sensor:  bits 2+3 roll near end (0x0C), bits 5+6 roll end, no paper (0x60)
// GS r n (Epson TM-U220A manual, easymanua.ls/epson/tm-u220a/manual?p=84; the same in Bixolon
// SRP-330II and Samsung SRP-275 manuals) answers only after the data before it has printed, which
// makes it an end-of-job check: n=1 bits 0+1 near end (0x03), bits 2+3 paper end (0x0C), bits 4 and
// 7 = 0; n=2 bit 0 drawer pin 3 HIGH.

export type StatusQuery = 1 | 2 | 3 | 4;

const DLE = 0x10;
const EOT = 0x04;
const FIXED_MASK = 0b1001_0011;
const FIXED_VALUE = 0b0001_0010;

export const statusRequest = (query: StatusQuery): Uint8Array => Uint8Array.of(DLE, EOT, query);

/** DLE EOT 1, 2, 3 and 4 in one write; the four answer bytes come back in this order. */
export const fullStatusRequest = (): Uint8Array =>
  Uint8Array.of(DLE, EOT, 1, DLE, EOT, 2, DLE, EOT, 3, DLE, EOT, 4);

export interface PrinterByte {
  query: 1;
  drawerPin3High: boolean;
  offline: boolean;
}

export interface OfflineCause {
  query: 2;
  coverOpen: boolean;
  feedButton: boolean;
  paperEndStop: boolean;
  error: boolean;
}

export interface ErrorCause {
  query: 3;
  recoverable: boolean;
  autocutter: boolean;
  unrecoverable: boolean;
  autoRecoverable: boolean;
}

export interface PaperSensor {
  query: 4;
  nearEnd: boolean;
  paperOut: boolean;
}

export type StatusAnswer = PrinterByte | OfflineCause | ErrorCause | PaperSensor;

export interface PrinterStatus {
  online: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  drawerOpen: boolean;
  /** Any error the printer reports: autocutter, unrecoverable, head temperature. */
  error: boolean;
}

export type StatusError =
  | { code: 'INVALID_STATUS_BYTE'; query: StatusQuery; byte: number; message: string }
  | { code: 'WRONG_ANSWER_LENGTH'; expected: number; received: number; message: string };

export type StatusResult<T> = { ok: true; value: T } | { ok: false; error: StatusError };

export interface StatusOptions {
  /**
   * The level of drawer pin 3 that means "open": drawers wire their switch either way, so it is a
   * setting of the drawer, not of the printer.
   */
  drawerOpenWhen?: 'high' | 'low';
}

const bit = (byte: number, n: number): boolean => (byte & (1 << n)) !== 0;
const hex = (byte: number): string => `0x${byte.toString(16).padStart(2, '0')}`;

/** One answer byte to DLE EOT `query`, or a typed error if it cannot be such an answer. */
export function parseStatusByte(query: StatusQuery, byte: number): StatusResult<StatusAnswer> {
  if (!Number.isInteger(byte) || byte < 0 || byte > 0xff || (byte & FIXED_MASK) !== FIXED_VALUE) {
    return {
      ok: false,
      error: {
        code: 'INVALID_STATUS_BYTE',
        query,
        byte,
        message: `${hex(byte)} is not an answer to DLE EOT ${query}: bits 0, 1, 4, 7 must read 0, 1, 1, 0`,
      },
    };
  }
  switch (query) {
    case 1:
      return { ok: true, value: { query, drawerPin3High: bit(byte, 2), offline: bit(byte, 3) } };
    case 2:
      return {
        ok: true,
        value: {
          query,
          coverOpen: bit(byte, 2),
          feedButton: bit(byte, 3),
          paperEndStop: bit(byte, 5),
          error: bit(byte, 6),
        },
      };
    case 3:
      return {
        ok: true,
        value: {
          query,
          recoverable: bit(byte, 2),
          autocutter: bit(byte, 3),
          unrecoverable: bit(byte, 5),
          autoRecoverable: bit(byte, 6),
        },
      };
    case 4:
      return {
        ok: true,
        value: { query, nearEnd: bit(byte, 2) || bit(byte, 3), paperOut: bit(byte, 5) || bit(byte, 6) },
      };
  }
}

/** The four answers to `fullStatusRequest()`, in order, as one status. */
export function parsePrinterStatus(
  answers: Uint8Array,
  options: StatusOptions = {},
): StatusResult<PrinterStatus> {
  if (answers.length !== 4) {
    return {
      ok: false,
      error: {
        code: 'WRONG_ANSWER_LENGTH',
        expected: 4,
        received: answers.length,
        message: `expected 4 answer bytes to DLE EOT 1–4, got ${answers.length}`,
      },
    };
  }
  const parsed: StatusAnswer[] = [];
  for (const query of [1, 2, 3, 4] as const) {
    const result = parseStatusByte(query, answers[query - 1] ?? 0);
    if (!result.ok) return result;
    parsed.push(result.value);
  }
  const [printer, offline, error, paper] = parsed as [PrinterByte, OfflineCause, ErrorCause, PaperSensor];
  const openLevelHigh = (options.drawerOpenWhen ?? 'high') === 'high';
  return {
    ok: true,
    value: {
      online: !printer.offline,
      coverOpen: offline.coverOpen,
      paperOut: paper.paperOut || offline.paperEndStop,
      paperNearEnd: paper.nearEnd,
      drawerOpen: printer.drawerPin3High === openLevelHigh,
      error: offline.error || error.autocutter || error.unrecoverable || error.autoRecoverable,
    },
  };
}

/** What a printer in this condition answers; the virtual printer uses it, tests check it against the parser. */
export interface PrinterCondition {
  paperOut: boolean;
  paperNearEnd: boolean;
  coverOpen: boolean;
  /** Offline for another reason (the feed button is held, waiting for online recovery). */
  offline: boolean;
  drawerPin3High: boolean;
  autocutterError: boolean;
  unrecoverableError: boolean;
}

export const readyCondition: PrinterCondition = {
  paperOut: false,
  paperNearEnd: false,
  coverOpen: false,
  offline: false,
  drawerPin3High: false,
  autocutterError: false,
  unrecoverableError: false,
};

const flags = (...bits: [boolean, number][]): number =>
  bits.reduce((byte, [on, n]) => (on ? byte | (1 << n) : byte), FIXED_VALUE);

export function statusAnswerByte(query: StatusQuery, condition: PrinterCondition): number {
  const error = condition.autocutterError || condition.unrecoverableError;
  const offline = condition.paperOut || condition.coverOpen || condition.offline || error;
  switch (query) {
    case 1:
      return flags([condition.drawerPin3High, 2], [offline, 3]);
    case 2:
      return flags([condition.coverOpen, 2], [condition.offline, 3], [condition.paperOut, 5], [error, 6]);
    case 3:
      return flags([condition.autocutterError, 3], [condition.unrecoverableError, 5]);
    case 4:
      return (
        flags(
          [condition.paperNearEnd || condition.paperOut, 2],
          [condition.paperNearEnd || condition.paperOut, 3],
        ) | (condition.paperOut ? 0x60 : 0)
      );
  }
}

/** The answer to GS r n (1: paper sensors, 2: drawer pin 3), sent once the data before it has printed. */
export function transmitStatusByte(n: 1 | 2, condition: PrinterCondition): number {
  if (n === 2) return condition.drawerPin3High ? 0x01 : 0x00;
  return (condition.paperNearEnd || condition.paperOut ? 0x03 : 0) | (condition.paperOut ? 0x0c : 0);
}
