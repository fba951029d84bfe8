// One-dimensional PostgreSQL arrays in the binary wire format (array_recv), sent as a Buffer, which
// pg binds as a binary parameter. A push hands PostgreSQL each table's rows as one array per column
// (hq/db/pool.ts); in text form PostgreSQL spent a quarter of its time per sale parsing them —
// timestamps and UUIDs above all — and HQ a good part of its own building the quoted literals.
// Binary elements are copied, not parsed (json and jsonb are the exception: PostgreSQL reads their text).

/** The element types HQ writes through arrays, with their type OIDs (pg_type.oid). */
const OIDS = {
  boolean: 16,
  bigint: 20,
  integer: 23,
  text: 25,
  json: 114,
  jsonb: 3802,
  uuid: 2950,
  timestamptz: 1184,
} as const;

export type ElementType = keyof typeof OIDS;
export type ElementValue = string | number | boolean | null | undefined;

export const isElementType = (type: string): type is ElementType => Object.hasOwn(OIDS, type);

const TWO_POW_32 = 2 ** 32;
/** PostgreSQL's epoch, 2000-01-01T00:00:00Z, in Unix milliseconds. */
const PG_EPOCH_MS = 946_684_800_000;
const JSONB_VERSION = 1;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const HEX = new Int8Array(128).fill(-1);
for (let digit = 0; digit < 16; digit += 1) {
  HEX['0123456789abcdef'.charCodeAt(digit)] = digit;
  HEX['0123456789ABCDEF'.charCodeAt(digit)] = digit;
}

/** Bytes appended to a buffer that doubles when full. */
class Writer {
  private buffer: Buffer;
  private length = 0;

  constructor(estimate: number) {
    this.buffer = Buffer.allocUnsafe(Math.max(64, estimate));
  }

  private room(bytes: number) {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  int32(value: number) {
    this.room(4);
    this.length = this.buffer.writeInt32BE(value, this.length);
  }

  /** A whole number up to 2^53 in magnitude as int8: high word floored, so negatives work too. */
  int64(value: number) {
    const high = Math.floor(value / TWO_POW_32);
    this.room(8);
    this.buffer.writeInt32BE(high, this.length);
    this.length = this.buffer.writeUInt32BE(value - high * TWO_POW_32, this.length + 4);
  }

  byte(value: number) {
    this.room(1);
    this.buffer[this.length] = value;
    this.length += 1;
  }

  /** A length word, then `text` as UTF-8, with `prefix` bytes (jsonb's version) counted in. */
  lengthAndText(text: string, prefix?: number) {
    const extra = prefix === undefined ? 0 : 1;
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    this.room(4 + extra + text.length * 3);
    const start = this.length;
    this.length += 4;
    if (prefix !== undefined) this.byte(prefix);
    this.length += this.buffer.write(text, this.length, 'utf8');
    this.buffer.writeInt32BE(this.length - start - 4, start);
  }

  uuid(value: string) {
    if (
      value.length !== 36 ||
      value[8] !== '-' ||
      value[13] !== '-' ||
      value[18] !== '-' ||
      value[23] !== '-'
    ) {
      throw new TypeError(`not a UUID: ${value}`);
    }
    this.room(16);
    let at = 0;
    for (let byte = 0; byte < 16; byte += 1) {
      if (at === 8 || at === 13 || at === 18 || at === 23) at += 1;
      const high = HEX[value.charCodeAt(at)] ?? -1;
      const low = HEX[value.charCodeAt(at + 1)] ?? -1;
      if (high < 0 || low < 0) throw new TypeError(`not a UUID: ${value}`);
      this.buffer[this.length + byte] = (high << 4) | low;
      at += 2;
    }
    this.length += 16;
  }

  done(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

/**
 * Microseconds since PostgreSQL's epoch of an ISO 8601 instant. Date.parse stops at milliseconds;
 * the fraction's further digits are read here and rounded to the microsecond.
 */
export function pgMicroseconds(iso: string): number {
  // With its zone written out: Date.parse would read a time without one in HQ's own zone.
  const ms = ISO_INSTANT.test(iso) ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms)) throw new TypeError(`not a timestamp: ${iso}`);
  const fraction = /\.(\d+)/.exec(iso)?.[1] ?? '';
  if (fraction.length <= 3) return (ms - PG_EPOCH_MS) * 1000;
  const roundUp = fraction.length > 6 && fraction.charCodeAt(6) >= 0x35; // '5'
  return (ms - PG_EPOCH_MS) * 1000 + Number(fraction.slice(3, 6).padEnd(3, '0')) + (roundUp ? 1 : 0);
}

type ElementWriter = (writer: Writer, value: string | number | boolean) => void;

// A sale's time is written with each of its lines and payments: the last one read is kept.
let lastInstant = '';
let lastMicroseconds = 0;

const ELEMENT_WRITERS: Record<ElementType, ElementWriter> = {
  text: (writer, value) => writer.lengthAndText(String(value)),
  json: (writer, value) => writer.lengthAndText(String(value)),
  jsonb: (writer, value) => writer.lengthAndText(String(value), JSONB_VERSION),
  uuid: (writer, value) => {
    writer.int32(16);
    writer.uuid(String(value));
  },
  timestamptz: (writer, value) => {
    const iso = String(value);
    if (iso !== lastInstant) {
      lastMicroseconds = pgMicroseconds(iso);
      lastInstant = iso;
    }
    writer.int32(8);
    writer.int64(lastMicroseconds);
  },
  bigint: (writer, value) => {
    writer.int32(8);
    writer.int64(wholeNumber(value));
  },
  integer: (writer, value) => {
    writer.int32(4);
    writer.int32(wholeNumber(value));
  },
  boolean: (writer, value) => {
    if (typeof value !== 'boolean') throw new TypeError(`not a boolean: ${String(value)}`);
    writer.int32(1);
    writer.byte(value ? 1 : 0);
  },
};

function wholeNumber(value: string | number | boolean): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new TypeError(`not a whole number: ${String(value)}`);
  }
  return value;
}

/** `count` elements of `type`, the i-th being `valueAt(i)`; null and undefined are NULL. */
export function binaryArray(
  type: ElementType,
  count: number,
  valueAt: (index: number) => ElementValue,
): Buffer {
  const writer = new Writer(20 + count * 24);
  writer.int32(1); // dimensions
  writer.int32(0); // "has nulls": array_recv works it out and ignores this word
  writer.int32(OIDS[type]);
  writer.int32(count);
  writer.int32(1); // lower bound
  const write = ELEMENT_WRITERS[type];
  for (let index = 0; index < count; index += 1) {
    const value = valueAt(index);
    if (value === null || value === undefined) writer.int32(-1);
    else write(writer, value);
  }
  return writer.done();
}

/** `values` as an array parameter of `type`. */
export const arrayOf = (type: ElementType, values: readonly ElementValue[]): Buffer =>
  binaryArray(type, values.length, (index) => values[index]);
