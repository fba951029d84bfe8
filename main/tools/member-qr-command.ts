// What `npm run member-qr` does, apart from reading process.argv: find the customer in the till's
// database (opened read-only, never created), sign a token with the till's keyring as the customer
// app would, and print it. Exit codes: 0 printed, 2 refused (bad arguments, unknown or erased
// customer, unknown key, no database), 1 failed unexpectedly. The key's secret is never printed.
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import QRCode from 'qrcode';
import type { TillConfig } from '../../contract/config';
import { ConfigError, loadConfig } from '../config/load';
import { databaseFile, defaultDataDir } from '../config/paths';
import { acceptedUntil } from '../domain/member-qr';
import { issueMemberToken } from '../security/member-qr';
import { createCustomerService } from '../services/customers';
import { openDatabase } from '../store/db';
import { matchCardRange } from '../../native-drivers/scanner/card-ranges';
import { TILL_CUSTOMER_ID_BASE } from '../../contract/sync';
import type { Db } from '../store/db';
import { migrations } from '../store/migrations';
import type { Customers } from '../store/customers';
import { parseMemberQrArgs, usage } from './member-qr-args';
import type { MemberQrCommand } from './member-qr-args';

export const ExitCode = { printed: 0, failed: 1, refused: 2 } as const;

export interface MemberQrIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

/** What `--json` prints. `customerId` is the token's, the decimal id as a string. */
export interface MemberQrOutput {
  token: string;
  customerId: string;
  keyId: string;
  step: number;
  /** When a till with a right clock stops accepting the token. */
  expiresAt: string;
}

/** A refusal the person running the tool can act on: one line, exit code 2. */
export class MemberQrRefusal extends Error {
  override name = 'MemberQrRefusal';
}

// Customer ids are integers: HQ's short ones, and from 2^40 up those a till enrolled itself. Other
// digit strings are cards or phone numbers.
const HQ_CUSTOMER_ID = /^[1-9]\d{0,8}$/;
const TILL_CUSTOMER_ID = /^1\d{12,15}$/;

function isCustomerId(text: string, config: TillConfig): boolean {
  if (HQ_CUSTOMER_ID.test(text)) return true;
  if (!TILL_CUSTOMER_ID.test(text) || matchCardRange(text, config.scanner.loyaltyCards) !== null)
    return false;
  const id = Number(text);
  return Number.isSafeInteger(id) && id > TILL_CUSTOMER_ID_BASE;
}

function openTillDatabase(dataDir: string): Db {
  const file = databaseFile(dataDir);
  if (!existsSync(file)) {
    throw new MemberQrRefusal(
      `no till database at ${file}; start the till once or seed one (npm run seed -- --data-dir DIR), or give --data-dir`,
    );
  }
  let db: Db | null = null;
  try {
    db = openDatabase(file, { readonly: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    const latest = migrations.at(-1)?.version ?? 0;
    if (version !== latest) {
      throw new MemberQrRefusal(
        version < latest
          ? `${file} has database schema ${version}, this Omnitill ${latest}: start the till once to update it`
          : `${file} has database schema ${version}, newer than this Omnitill (${latest}); update the app`,
      );
    }
    return db;
  } catch (error) {
    db?.close();
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_NOTADB') throw new MemberQrRefusal(`${file} is not an SQLite database`);
    throw error;
  }
}

/** Whether a profile the customer service does not return is absent, erased, or merged into one that is. */
function missingCustomer(customers: Customers, id: number): string {
  // The customers repository resolves merges and hides erased profiles on purpose; only this
  // tool needs to tell the person running it why a known id yields no one.
  const state = customers.rowState(id);
  if (state === 'absent') return `no customer ${id} in this till's database`;
  if (state === 'erased')
    return `customer ${id} was erased at the customer's request; no token can name them`;
  return `customer ${id} was merged into a profile that was erased or is missing`;
}

/** The id of the customer `text` names, after HQ's merges; a refusal when there is none. */
function findCustomer(db: Db, config: TillConfig, text: string, io: MemberQrIo): number {
  const customers = createCustomerService({ db, config, now: io.now });
  if (isCustomerId(text, config)) {
    const id = Number(text);
    const customer = customers.customers.customerById(id);
    if (!customer) throw new MemberQrRefusal(missingCustomer(customers.customers, id));
    if (customer.id !== id)
      io.stderr.write(`customer ${id} was merged into ${customer.id}: the token is theirs\n`);
    return customer.id;
  }
  const notACustomer = `"${text}" is not a customer id, a loyalty card number or a phone number`;
  const found = customers.identify(text);
  if (!found.ok) {
    const reason = found.error.code === 'BAD_CARD' ? 'a loyalty card number with a wrong check digit' : null;
    throw new MemberQrRefusal(reason ? `"${text}" is ${reason}` : notACustomer);
  }
  const identification = found.value;
  if (identification.by !== 'card' && identification.by !== 'phone') throw new MemberQrRefusal(notACustomer);
  switch (identification.kind) {
    case 'one':
      return identification.customer.id;
    case 'none':
      throw new MemberQrRefusal(`no customer with ${identification.by} ${text} in this till's database`);
    case 'many': {
      const ids = identification.candidates.map((candidate) => candidate.id).join(', ');
      throw new MemberQrRefusal(
        `${identification.candidates.length}${identification.more ? '+' : ''} customers have phone ${text} (ids ${ids}); give the id`,
      );
    }
  }
}

function keyring(config: TillConfig, file: string | null): string {
  const ids = config.memberQr.keys.map((key) => (key.retired ? `${key.id} (retired)` : key.id));
  return `${file ?? 'the demo defaults'}: ${ids.join(', ')}`;
}

/** Signs the command's token; throws MemberQrRefusal (and others) when it cannot. */
export function issueDemoToken(command: MemberQrCommand, io: MemberQrIo): MemberQrOutput {
  const dataDir = resolve(command.dataDir ?? defaultDataDir(io.env));
  const { config, file } = loadConfig(dataDir, io.env);
  const db = openTillDatabase(dataDir);
  let customerId: number;
  try {
    customerId = findCustomer(db, config, command.customer, io);
  } finally {
    db.close();
  }
  const at = command.at ?? io.now();
  const keys = config.memberQr.keys;
  const issued = issueMemberToken(String(customerId), at, keys, command.keyId ?? undefined);
  if (!issued.ok) {
    throw new MemberQrRefusal(
      issued.error === 'unknown-key'
        ? `no key "${command.keyId}" in the keyring of ${keyring(config, file)}`
        : `cannot sign a token for customer ${customerId} (${issued.error})`,
    );
  }
  const { token, text } = issued.value;
  if (keys.find((key) => key.id === token.keyId)?.retired) {
    io.stderr.write(`key ${token.keyId} is retired: tills refuse this token as unknown-key\n`);
  }
  return {
    token: text,
    customerId: token.customerId,
    keyId: token.keyId,
    step: token.step,
    expiresAt: acceptedUntil(token.step).toISOString(),
  };
}

function writePng(file: string, png: Buffer): void {
  try {
    writeFileSync(file, png);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new MemberQrRefusal(`cannot write ${file} (${typeof code === 'string' ? code : 'failed'})`);
  }
}

/** `npm run member-qr` without the process: returns the exit code. */
export async function runMemberQrCli(argv: readonly string[], io: MemberQrIo): Promise<number> {
  const parsed = parseMemberQrArgs(argv);
  if (!parsed.ok) {
    io.stderr.write(`member-qr: ${parsed.message} (npm run member-qr -- --help)\n`);
    return ExitCode.refused;
  }
  if (parsed.command === 'help') {
    io.stdout.write(`${usage}\n`);
    return ExitCode.printed;
  }
  const command = parsed.command;
  try {
    const output = issueDemoToken(command, io);
    if (command.png !== null) {
      writePng(resolve(command.png), await QRCode.toBuffer(output.token, { type: 'png', scale: 8 }));
    }
    if (command.json) {
      io.stdout.write(`${JSON.stringify(output)}\n`);
    } else {
      // The token alone on the first line, so `| head -1` gives something to paste into the till.
      io.stdout.write(`${output.token}\n`);
      const drawn = await QRCode.toString(output.token, { type: 'terminal', small: true });
      io.stdout.write(drawn.endsWith('\n') ? drawn : `${drawn}\n`);
      io.stderr.write(
        `customer ${output.customerId}, key ${output.keyId}: a till accepts it until ${output.expiresAt}\n`,
      );
    }
    return ExitCode.printed;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const refused = error instanceof MemberQrRefusal || error instanceof ConfigError;
    io.stderr.write(`member-qr: ${refused ? message : `failed: ${message}`}\n`);
    return refused ? ExitCode.refused : ExitCode.failed;
  }
}
