import type { Result } from '../../contract/common';
import type { CallInput, CallName, CallOutput } from '../../contract/ipc';

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

const internal = (message: string): { ok: false; error: { code: 'INTERNAL'; message: string } } => ({
  ok: false,
  error: { code: 'INTERNAL', message },
});

function isResult(body: unknown): body is Result<unknown> {
  if (typeof body !== 'object' || body === null) return false;
  const { ok } = body as { ok?: unknown };
  return ok === true
    ? 'value' in body
    : ok === false && typeof (body as { error?: unknown }).error === 'object';
}

/** One call over the loopback host: the body is always a Result, whatever the HTTP status. */
export async function httpCall<N extends CallName>(
  fetchFn: Fetch,
  token: string | null,
  name: N,
  input: CallInput<N>,
): Promise<Result<CallOutput<N>>> {
  let response: Response;
  try {
    response = await fetchFn(`/api/call/${name}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token ?? ''}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
  } catch (error) {
    return internal(`${name}: network failure: ${String(error)}`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return internal(`${name}: HTTP ${response.status} without a Result body`);
  }
  return isResult(body) ? (body as Result<CallOutput<N>>) : internal(`${name}: malformed Result body`);
}
