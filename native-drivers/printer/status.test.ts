import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PrinterCondition, StatusQuery } from './status';
import {
  fullStatusRequest,
  parsePrinterStatus,
  parseStatusByte,
  readyCondition,
  statusAnswerByte,
  statusRequest,
  transmitStatusByte,
} from './status';

const answersFor = (condition: Partial<PrinterCondition>): Uint8Array =>
  Uint8Array.from([1, 2, 3, 4] as const, (query) =>
    statusAnswerByte(query, { ...readyCondition, ...condition }),
  );

describe('real-time printer status', () => {
  it('asks with DLE EOT n', () => {
    expect([...statusRequest(1)]).toEqual([0x10, 0x04, 0x01]);
    expect([...statusRequest(4)]).toEqual([0x10, 0x04, 0x04]);
    expect([...fullStatusRequest()]).toEqual([16, 4, 1, 16, 4, 2, 16, 4, 3, 16, 4, 4]);
  });

  it('reads a ready printer: every answer is 0x12 (bits 1 and 4 fixed on)', () => {
    expect(parsePrinterStatus(Uint8Array.of(0x12, 0x12, 0x12, 0x12))).toEqual({
      ok: true,
      value: {
        online: true,
        coverOpen: false,
        paperOut: false,
        paperNearEnd: false,
        drawerOpen: false,
        error: false,
      },
    });
  });

  it('reads paper out: offline (n=1 bit 3), paper-end stop (n=2 bit 5), roll end (n=4 0x60)', () => {
    expect([...answersFor({ paperOut: true })]).toEqual([0x1a, 0x32, 0x12, 0x7e]);
    expect(parsePrinterStatus(Uint8Array.of(0x1a, 0x32, 0x12, 0x7e))).toEqual({
      ok: true,
      value: {
        online: false,
        coverOpen: false,
        paperOut: true,
        paperNearEnd: true,
        drawerOpen: false,
        error: false,
      },
    });
  });

  it('reads paper near end from n=4 bits 2 and 3 while the printer stays online', () => {
    const answers = Uint8Array.of(0x12, 0x12, 0x12, 0x1e);
    expect(parsePrinterStatus(answers)).toMatchObject({
      ok: true,
      value: { online: true, paperNearEnd: true, paperOut: false },
    });
  });

  it('reads an open cover from n=2 bit 2', () => {
    expect(parseStatusByte(2, 0x16)).toEqual({
      ok: true,
      value: { query: 2, coverOpen: true, feedButton: false, paperEndStop: false, error: false },
    });
    expect(parsePrinterStatus(answersFor({ coverOpen: true }))).toMatchObject({
      ok: true,
      value: { online: false, coverOpen: true, paperOut: false },
    });
  });

  it('reads autocutter and unrecoverable errors from n=3', () => {
    expect(parseStatusByte(3, 0x3a)).toEqual({
      ok: true,
      value: { query: 3, recoverable: false, autocutter: true, unrecoverable: true, autoRecoverable: false },
    });
    expect(parsePrinterStatus(answersFor({ autocutterError: true }))).toMatchObject({
      ok: true,
      value: { error: true },
    });
  });

  it('reads the drawer from pin 3, with the open level a setting of the drawer', () => {
    const answers = Uint8Array.of(0x16, 0x12, 0x12, 0x12);
    expect(parsePrinterStatus(answers)).toMatchObject({ ok: true, value: { drawerOpen: true } });
    expect(parsePrinterStatus(answers, { drawerOpenWhen: 'low' })).toMatchObject({
      ok: true,
      value: { drawerOpen: false },
    });
  });

  it('refuses bytes that cannot be a DLE EOT answer with a typed error', () => {
    for (const byte of [0x00, 0xff, 0x10 /* a GS a auto-status first byte */, 0x13, 0x92]) {
      const result = parseStatusByte(1, byte);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_STATUS_BYTE', query: 1, byte } });
    }
    expect(parsePrinterStatus(Uint8Array.of(0x12, 0x12, 0x00, 0x12))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATUS_BYTE', query: 3, byte: 0 },
    });
    expect(parsePrinterStatus(Uint8Array.of(0x12, 0x12))).toMatchObject({
      ok: false,
      error: { code: 'WRONG_ANSWER_LENGTH', expected: 4, received: 2 },
    });
  });

  it('accepts exactly the bytes with the fixed bits right, for every query', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<StatusQuery>(1, 2, 3, 4),
        fc.integer({ min: -5, max: 300 }),
        (query, byte) => {
          const valid = byte >= 0 && byte <= 255 && (byte & 0x93) === 0x12;
          expect(parseStatusByte(query, byte).ok).toBe(valid);
        },
      ),
    );
  });

  it('reads back every condition the virtual printer can be in', () => {
    const condition = fc.record({
      paperOut: fc.boolean(),
      paperNearEnd: fc.boolean(),
      coverOpen: fc.boolean(),
      offline: fc.boolean(),
      drawerPin3High: fc.boolean(),
      autocutterError: fc.boolean(),
      unrecoverableError: fc.boolean(),
    });
    fc.assert(
      fc.property(condition, (state) => {
        const result = parsePrinterStatus(answersFor(state));
        const error = state.autocutterError || state.unrecoverableError;
        expect(result).toEqual({
          ok: true,
          value: {
            online: !(state.paperOut || state.coverOpen || state.offline || error),
            coverOpen: state.coverOpen,
            paperOut: state.paperOut,
            paperNearEnd: state.paperNearEnd || state.paperOut,
            drawerOpen: state.drawerPin3High,
            error,
          },
        });
      }),
    );
  });

  it('answers GS r 1 with the paper sensors and GS r 2 with the drawer pin', () => {
    expect(transmitStatusByte(1, readyCondition)).toBe(0x00);
    expect(transmitStatusByte(1, { ...readyCondition, paperNearEnd: true })).toBe(0x03);
    expect(transmitStatusByte(1, { ...readyCondition, paperOut: true })).toBe(0x0f);
    expect(transmitStatusByte(2, { ...readyCondition, drawerPin3High: true })).toBe(0x01);
  });
});
