import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultTillConfig } from '../../contract/config';
import type { MemberQrKey, TillConfig } from '../../contract/config';
import { gtinCheckDigit } from '../domain/barcode';
import { MEMBER_QR_STEP_SECONDS, timeStep } from '../domain/member-qr';
import { createCustomerService } from '../services/customers';
import { createMemberQrService } from '../services/member-qr';
import type { MemberQrVerification } from '../services/member-qr';
import { openDatabase } from '../store/db';
import { createCustomers } from '../store/customers';
import { ExitCode, runMemberQrCli } from './member-qr-command';
import type { MemberQrOutput } from './member-qr-command';

const repoRoot = join(import.meta.dirname, '..', '..');
const key = (id: string, fill: number, retired = false): MemberQrKey => ({
  id,
  secret: Buffer.alloc(32, fill).toString('base64'),
  retired,
});
// The store's own keyring, not the demo key: the tool must sign with what the till's config says.
const config: TillConfig = {
  ...defaultTillConfig,
  memberQr: { keys: [key('k2025', 25, true), key('k2026', 26)] },
};
const secrets = config.memberQr.keys.map((ring) => ring.secret);

const card = (n: number) => {
  const body = `2700${String(n).padStart(8, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
};
const at = new Date('2026-11-23T12:00:10Z');
const stepsFrom = (base: Date, steps: number) =>
  new Date(base.getTime() + steps * MEMBER_QR_STEP_SECONDS * 1000);

let dataDir: string;
let configFile: string;
const people = { maria: 0, pyotr: 0, erased: 0, mergedAway: 0, twinA: 0, twinB: 0 };

/** A till's data folder: its database with a few customers, and its config beside it. */
function seedDataDir(): void {
  dataDir = mkdtempSync(join(tmpdir(), 'omnitill-member-qr-tool-'));
  configFile = join(dataDir, 'omnitill.json');
  writeFileSync(configFile, JSON.stringify(config));
  const db = openDatabase(join(dataDir, 'till.sqlite'));
  const service = createCustomerService({ db, config, now: () => at });
  const enrol = (name: string, phone: string, cardNo: string | null = null) => {
    const result = service.enrol({ name, phone, cardNo, consent: { processing: true } }, { cashierId: null });
    if (!result.ok || result.value.kind !== 'created') throw new Error(`not enrolled: ${name}`);
    return result.value.customer.id;
  };
  people.maria = enrol('Мария Иванова', '+7 916 111-22-33', card(17));
  people.pyotr = enrol('Пётр Смирнов', '+7 916 222-33-44');
  people.erased = enrol('Ольга Кузнецова', '+7 916 333-44-55', card(18));
  people.mergedAway = enrol('Мария Иванова', '+7 916 444-55-66');
  const customers = createCustomers(db);
  customers.erase(people.erased, at.toISOString());
  customers.markMerged(people.mergedAway, people.maria);
  // Two profiles with one phone, as happens until HQ merges them; enrolment would refuse the second.
  const twin = (name: string) =>
    customers.insertCustomer(
      {
        name,
        phoneE164: '+79165556677',
        email: null,
        emailNorm: null,
        birthday: null,
        cardNo: null,
        createdAt: at.toISOString(),
      },
      name,
    );
  people.twinA = twin('Анна Орлова');
  people.twinB = twin('Анна Орлова');
  db.close();
}

beforeAll(seedDataDir);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runMemberQrCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { OMNITILL_DATA_DIR: dataDir, OMNITILL_CONFIG: configFile, ...env },
    now: () => at,
  });
  for (const secret of secrets) expect(stdout + stderr).not.toContain(secret);
  return { code, stdout, stderr };
}

/** The token on the first line of the default output. */
async function tokenFor(customer: string, ...options: string[]): Promise<string> {
  const result = await run([customer, ...options]);
  expect(result).toMatchObject({ code: ExitCode.printed, stderr: expect.not.stringContaining('member-qr:') });
  return result.stdout.split('\n')[0] ?? '';
}

async function refusal(argv: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const result = await run(argv, env);
  expect(result.code).toBe(ExitCode.refused);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^member-qr: [^\n]+\n$/);
  return result.stderr;
}

/** A till on the same data folder and config, verifying what the phone shows. */
function verifiedAt(text: string, now: Date): MemberQrVerification {
  const db = openDatabase(join(dataDir, 'till.sqlite'));
  try {
    const till = createMemberQrService({
      db,
      memberQr: config.memberQr,
      patterns: config.scanner.memberQrPatterns,
    });
    return till.verifyMemberToken(text, now);
  } finally {
    db.close();
  }
}

describe('npm run member-qr', () => {
  it('prints a token the till accepts once, and draws it as a QR', async () => {
    const result = await run([String(people.pyotr)]);
    expect(result.code).toBe(ExitCode.printed);
    const [token, ...qr] = result.stdout.split('\n');
    expect(token).toMatch(new RegExp(`^OMNI:M:${people.pyotr}:k2026-${timeStep(at)}-[A-Za-z0-9_-]{22}$`));
    expect(qr.join('\n')).toMatch(/[▄▀█]/);
    expect(result.stderr).toContain('a till accepts it until 2026-11-23T12:01:00.000Z');
    expect(verifiedAt(token ?? '', at)).toEqual({
      ok: true,
      value: { customerId: String(people.pyotr), keyId: 'k2026', step: timeStep(at) },
    });
    expect(verifiedAt(token ?? '', at)).toEqual({ ok: false, error: { kind: 'replayed' } });
  });

  it('finds the customer by id, loyalty card or phone number alike', async () => {
    const byId = await tokenFor(String(people.maria));
    expect(byId).toContain(`OMNI:M:${people.maria}:`);
    for (const typed of [
      card(17),
      `${card(17).slice(0, 6)} ${card(17).slice(6)}`,
      '+7 916 111-22-33',
      '89161112233',
    ]) {
      expect(await tokenFor(typed)).toBe(byId);
    }
  });

  it('prints {token, customerId, keyId, step, expiresAt} with --json', async () => {
    const result = await run([card(17), '--json']);
    expect(result.code).toBe(ExitCode.printed);
    const output = JSON.parse(result.stdout) as MemberQrOutput;
    expect(output).toEqual({
      token: expect.stringMatching(/^OMNI:M:/),
      customerId: String(people.maria),
      keyId: 'k2026',
      step: timeStep(at),
      expiresAt: '2026-11-23T12:01:00.000Z',
    });
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('plays a phone with a wrong clock: --at two steps back is refused as expired, one step ahead accepted', async () => {
    const stale = await tokenFor(String(people.pyotr), '--at', stepsFrom(at, -2).toISOString());
    expect(verifiedAt(stale, at)).toMatchObject({ ok: false, error: { kind: 'expired' } });
    const ahead = await tokenFor(String(people.pyotr), '--at', stepsFrom(at, 1).toISOString());
    expect(verifiedAt(ahead, at)).toMatchObject({ ok: true });
  });

  it('signs with a retired key on request, warns, and the till refuses the token', async () => {
    const result = await run([String(people.pyotr), '--key', 'k2025', '--json']);
    expect(result.code).toBe(ExitCode.printed);
    expect(result.stderr).toBe('key k2025 is retired: tills refuse this token as unknown-key\n');
    const { token } = JSON.parse(result.stdout) as MemberQrOutput;
    expect(verifiedAt(token, at)).toEqual({
      ok: false,
      error: { kind: 'unknown-key', keyId: 'k2025', retired: true },
    });
  });

  it('follows HQ’s merge to the surviving profile and says so', async () => {
    const result = await run([String(people.mergedAway), '--json']);
    expect(result.code).toBe(ExitCode.printed);
    expect(JSON.parse(result.stdout)).toMatchObject({ customerId: String(people.maria) });
    expect(result.stderr).toBe(
      `customer ${people.mergedAway} was merged into ${people.maria}: the token is theirs\n`,
    );
  });

  it('writes the QR as a PNG with --png', async () => {
    const file = join(dataDir, 'member.png');
    const token = await tokenFor(String(people.maria), '--png', file);
    expect(token).toMatch(/^OMNI:M:/);
    expect(readFileSync(file).subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
  });

  it.each([
    [['999999'], /no customer 999999 in this till's database/],
    [[card(99)], new RegExp(`no customer with card ${card(99)}`)],
    [['+7 916 999-99-99'], /no customer with phone \+7 916 999-99-99/],
    [[`${card(17).slice(0, 12)}0`], /is a loyalty card number with a wrong check digit/],
    [['Мария'], /"Мария" is not a customer id, a loyalty card number or a phone number/],
    [['+7 916 555-66-77'], /2 customers have phone \+7 916 555-66-77 \(ids \d+, \d+\); give the id/],
    [
      ['<pyotr>', '--key', 'k2099'],
      /no key "k2099" in the keyring of .*omnitill\.json: k2025 \(retired\), k2026$/m,
    ],
    [['1', '--at', 'now'], /--at takes an ISO 8601 time/],
    [
      ['<pyotr>', '--png', join(tmpdir(), 'no-such-folder-omnitill', 'qr.png')],
      /cannot write .*qr\.png \(ENOENT\)/,
    ],
  ])('refuses %j on stderr with one line and exit code 2', async (argv, message) => {
    // `<pyotr>`: a customer who exists, so the refusal is about the other argument.
    expect(await refusal(argv.map((arg) => (arg === '<pyotr>' ? String(people.pyotr) : arg)))).toMatch(
      message,
    );
  });

  it('refuses an erased customer, by id and by the card they had', async () => {
    expect(await refusal([String(people.erased)])).toMatch(
      new RegExp(`customer ${people.erased} was erased at the customer's request`),
    );
    expect(await refusal([card(18)])).toMatch(/no customer with card/);
  });

  it('refuses a data folder without a database and does not create one', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'omnitill-member-qr-empty-'));
    expect(await refusal(['1'], { OMNITILL_DATA_DIR: empty })).toMatch(
      /no till database at .*till\.sqlite; start the till once or seed one/,
    );
    expect(existsSync(join(empty, 'till.sqlite'))).toBe(false);
  });

  it('refuses a broken config file naming the field', async () => {
    const broken = join(dataDir, 'broken.json');
    writeFileSync(
      broken,
      JSON.stringify({ ...config, memberQr: { keys: [{ id: 'k1', secret: 'c2hvcnQ=' }] } }),
    );
    const message = await refusal(['1'], { OMNITILL_CONFIG: broken });
    expect(message).toMatch(/memberQr\.keys\.0\.secret: at least 32 bytes/);
    expect(message).not.toContain('c2hvcnQ');
  });
});

describe('npm run member-qr as a process', () => {
  const execTool = promisify(execFile);
  const tool = (argv: string[]) =>
    execTool(process.execPath, ['--import', 'tsx', join('main', 'tools', 'member-qr.ts'), ...argv], {
      cwd: repoRoot,
      env: { ...process.env, OMNITILL_DATA_DIR: '', OMNITILL_CONFIG: configFile },
      timeout: 30_000,
    });

  it('prints a token for now that a till with the same config accepts', async () => {
    const { stdout } = await tool([String(people.pyotr), '--data-dir', dataDir]);
    const token = stdout.split('\n')[0] ?? '';
    expect(verifiedAt(token, new Date())).toMatchObject({
      ok: true,
      value: { customerId: String(people.pyotr), keyId: 'k2026' },
    });
  }, 40_000);

  it('prints valid JSON with --json, and a one-line error with exit code 2', async () => {
    const { stdout } = await tool([
      card(17),
      '--json',
      '--at',
      '2026-11-23T15:00:10+03:00',
      '--data-dir',
      dataDir,
    ]);
    const output = JSON.parse(stdout) as MemberQrOutput;
    expect(output).toMatchObject({ customerId: String(people.maria), keyId: 'k2026', step: timeStep(at) });
    expect(verifiedAt(output.token, stepsFrom(at, 1))).toMatchObject({ ok: true });

    const failed = await tool(['999999', '--data-dir', dataDir]).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed).toMatchObject({
      code: 2,
      stdout: '',
      stderr: "member-qr: no customer 999999 in this till's database\n",
    });
  }, 40_000);
});
