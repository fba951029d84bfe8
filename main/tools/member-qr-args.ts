// `npm run member-qr` arguments: parsed into a command or a one-line message for the person typing
// them. Pure: the caller prints the message and exits with 2.
import { parseArgs } from 'node:util';

export interface MemberQrCommand {
  /** As typed: a customer id, a loyalty card number or a phone number (member-qr-command.ts reads it). */
  customer: string;
  /** The phone's clock; now when null. */
  at: Date | null;
  /** A key of the keyring; the current signing key when null. */
  keyId: string | null;
  /** Where to write the QR as a PNG image, besides printing it. */
  png: string | null;
  json: boolean;
  /** The till's data folder; $OMNITILL_DATA_DIR or the till's default when null. */
  dataDir: string | null;
}

export type ParsedMemberQrArgs =
  { ok: true; command: MemberQrCommand | 'help' } | { ok: false; message: string };

export const usage = `Usage: npm run member-qr -- <customer> [--at TIME] [--key ID] [--png FILE] [--json] [--data-dir DIR]

Shows the member QR a customer's phone would show, signed with the till's keyring, for demos and tests.

  <customer>      a customer id (up to 9 digits: 42), a loyalty card number (2700000000176) or a
                  phone number ("+7 916 111-22-33"), looked up in the till's database
  --at TIME       the phone's clock, ISO 8601 with a zone: 2026-11-23T12:00:00Z (default: now);
                  a till accepts the token from one 30-second step before TIME to one after
  --key ID        sign with this key of the keyring (default: the current signing key); a retired
                  key makes a token that tills refuse, as a demo of key rotation
  --png FILE      also write the QR as a PNG image
  --json          print {token, customerId, keyId, step, expiresAt} instead of drawing the QR
  --data-dir DIR  the till's data folder: its till.sqlite, and its omnitill.json unless
                  $OMNITILL_CONFIG or the machine-wide config exists, as the till reads them
                  (default: $OMNITILL_DATA_DIR, else the till's own data folder)`;

const KEY_ID = /^[A-Za-z0-9]{1,16}$/;
// A zone is required: without one, Date reads the time as the machine's local time, and a demo
// token made on a laptop in another time zone would be hours off.
const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-](\d{2}):(\d{2}))$/;

function time(text: string): Date | string {
  const expected = `--at takes an ISO 8601 time with a zone, like 2026-11-23T12:00:00Z, got "${text}"`;
  const parts = ISO_TIME.exec(text);
  if (!parts) return expected;
  const field = (index: number) => Number(parts[index] ?? 0);
  const [year, month, day, hour, minute, second] = [
    field(1),
    field(2),
    field(3),
    field(4),
    field(5),
    field(6),
  ];
  // Date rolls 2026-02-30 over to 2 March and reads 24:00 as the next midnight; a round trip of the
  // fields as written catches both.
  const fields = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (
    fields.getUTCFullYear() !== year ||
    fields.getUTCMonth() !== month - 1 ||
    fields.getUTCDate() !== day ||
    fields.getUTCHours() !== hour ||
    fields.getUTCMinutes() !== minute ||
    fields.getUTCSeconds() !== second ||
    field(9) > 23 ||
    field(10) > 59
  ) {
    return expected;
  }
  const at = new Date(text);
  // Time steps count from the Unix epoch and a token's step has no sign.
  if (at.getTime() < 0) return `--at must be 1970-01-01T00:00:00Z or later, got "${text}"`;
  return at;
}

export function parseMemberQrArgs(argv: readonly string[]): ParsedMemberQrArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      tokens: true,
      options: {
        at: { type: 'string' },
        key: { type: 'string' },
        png: { type: 'string' },
        json: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    // Node's own wording ("Unknown option '--jsn'"), first line only.
    return { ok: false, message: String((error as Error).message).split('\n')[0] ?? 'bad arguments' };
  }
  const { values, positionals, tokens } = parsed;
  if (values.help) return { ok: true, command: 'help' };

  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) return { ok: false, message: `--${token.name} is given more than once` };
    seen.add(token.name);
  }

  const [customer, ...more] = positionals.map((positional) => positional.trim());
  if (customer === undefined || customer === '') {
    return { ok: false, message: 'name the customer: an id, a loyalty card number or a phone number' };
  }
  if (more.length > 0) {
    return {
      ok: false,
      message: `one customer at a time, got ${positionals.length} arguments; quote a phone number with spaces: "+7 916 111-22-33"`,
    };
  }
  const at = values.at === undefined ? null : time(values.at);
  if (typeof at === 'string') return { ok: false, message: at };
  if (values.key !== undefined && !KEY_ID.test(values.key)) {
    return { ok: false, message: `--key takes a key id of 1–16 letters or digits, got "${values.key}"` };
  }
  if (values.png !== undefined && values.png.trim() === '')
    return { ok: false, message: '--png needs a file' };
  const dataDir = values['data-dir'];
  if (dataDir !== undefined && dataDir.trim() === '')
    return { ok: false, message: '--data-dir needs a folder' };
  return {
    ok: true,
    command: {
      customer,
      at,
      keyId: values.key ?? null,
      png: values.png ?? null,
      json: values.json,
      dataDir: dataDir ?? null,
    },
  };
}
