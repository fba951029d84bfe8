// The till's HQ identity: where HQ is, the terminal id, the credential and the HQ epoch, in one
// file in the data folder that only this OS user can read (0600), never in the database the
// renderer's data comes from and never in a log line. On Windows the mode bits mean little: the
// Electron main process can wrap the file with safeStorage (DPAPI / Keychain / libsecret) later,
// behind these same two functions.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { HqEpoch, StoreCode, TerminalCode } from '../../contract/sync';
import { IsoTimestamp, Uuid } from '../../contract/common';

export const TillCredentials = z
  .object({
    hqUrl: z.url({ protocol: /^https?$/ }),
    terminalId: Uuid,
    /** `<terminalId>.<secret>`: the bearer token. */
    credential: z.string().min(40),
    storeCode: StoreCode,
    terminalCode: TerminalCode,
    hqEpoch: HqEpoch,
    enrolledAt: IsoTimestamp,
  })
  .strict();
export type TillCredentials = z.infer<typeof TillCredentials>;

export const credentialsFile = (dataDir: string) => join(dataDir, 'hq-credentials.json');

/** The stored identity, or null when this till has not enrolled. A damaged file is an error. */
export async function readCredentials(dataDir: string): Promise<TillCredentials | null> {
  const file = credentialsFile(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  // Someone copied the file with looser rights: take them back before using it.
  if (process.platform !== 'win32' && ((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  const parsed = TillCredentials.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(
      `${file} is damaged (${parsed.error.issues[0]?.path.join('.') ?? '?'}): enrol this till again`,
    );
  }
  return parsed.data;
}

/** Replaces the file in one step (write aside, then rename), created 0600 from the first byte. */
export async function writeCredentials(dataDir: string, credentials: TillCredentials): Promise<void> {
  const valid = TillCredentials.parse(credentials);
  await mkdir(dataDir, { recursive: true });
  const file = credentialsFile(dataDir);
  const aside = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(aside, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  await chmod(aside, 0o600);
  await rename(aside, file);
}

export const authorization = (credentials: TillCredentials) => `Bearer ${credentials.credential}`;
