// A till enrols with HQ once: the HQ address and a one-time code from HQ's admin buy a terminal id
// and a credential, which are stored (credentials.ts) and never shown.
import { hostname } from 'node:os';
import { EnrolResponse, HqError } from '../../contract/sync';
import type { EnrolRequest } from '../../contract/sync';
import { credentialsFile, writeCredentials } from './credentials';

export interface EnrolTillOptions {
  dataDir: string;
  terminalCode: string;
  /** The store this till is configured for; HQ refuses a code of another store and keeps it usable. */
  storeCode?: string;
  deviceName?: string;
  fetch?: typeof fetch;
  now?: () => Date;
  timeoutMs?: number;
}

export type EnrolTillError = {
  /** HQ's error code (ENROL_CODE_REFUSED, STORE_MISMATCH, RATE_LIMITED…), or BAD_URL / HQ_UNREACHABLE. */
  code: string;
  message: string;
};

export type EnrolTillResult =
  | { ok: true; value: { terminalId: string; storeCode: string; hqEpoch: string; file: string } }
  | { ok: false; error: EnrolTillError };

/** `https://hq.example/` → `https://hq.example`; null when it is not an http(s) address. */
export function normaliseHqUrl(text: string): string | null {
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.toString().replace(/\/+$/, '');
  } catch {
    return null;
  }
}

export async function enrolTill(
  hqUrl: string,
  code: string,
  options: EnrolTillOptions,
): Promise<EnrolTillResult> {
  const base = normaliseHqUrl(hqUrl);
  if (!base) return { ok: false, error: { code: 'BAD_URL', message: `${hqUrl} is not an http(s) address` } };
  const request: EnrolRequest = {
    code,
    terminalCode: options.terminalCode,
    deviceName: (options.deviceName ?? hostname()).slice(0, 100) || 'till',
    ...(options.storeCode !== undefined && { storeCode: options.storeCode }),
  };
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(`${base}/v1/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (error) {
    return {
      ok: false,
      error: { code: 'HQ_UNREACHABLE', message: `HQ at ${base} did not answer: ${(error as Error).message}` },
    };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.status !== 201) {
    const refusal = HqError.safeParse(body);
    return {
      ok: false,
      error: refusal.success
        ? { code: refusal.data.error, message: refusal.data.message }
        : { code: 'HQ_UNREACHABLE', message: `HQ at ${base} answered ${response.status}` },
    };
  }
  const enrolled = EnrolResponse.safeParse(body);
  if (!enrolled.success) {
    return {
      ok: false,
      error: { code: 'HQ_UNREACHABLE', message: `HQ at ${base} answered with an unexpected body` },
    };
  }
  const { terminalId, credential, storeCode, hqEpoch } = enrolled.data;
  await writeCredentials(options.dataDir, {
    hqUrl: base,
    terminalId,
    credential,
    storeCode,
    terminalCode: options.terminalCode,
    hqEpoch,
    enrolledAt: (options.now?.() ?? new Date()).toISOString(),
  });
  return { ok: true, value: { terminalId, storeCode, hqEpoch, file: credentialsFile(options.dataDir) } };
}
