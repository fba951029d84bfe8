// The one door into main. Both transports (Electron IPC and the loopback host) hand every call
// here: unknown names and wrong shapes are refused before any service runs, outputs are checked
// against the contract too (a mismatch is our bug, reported as INTERNAL), and exceptions never
// leak a stack to the renderer. Inputs are never logged: a PIN is an input.
import type { z } from 'zod';
import { fail } from '../../contract/common';
import type { Result } from '../../contract/common';
import { calls, isCallName } from '../../contract/ipc';
import type { CallName, CallOutput } from '../../contract/ipc';
import type { Logger } from '../log';

export type Handlers = {
  [N in CallName]: (
    input: z.infer<(typeof calls)[N]['input']>,
  ) => Result<CallOutput<N>> | Promise<Result<CallOutput<N>>>;
};

export interface Policy {
  /** Calls that work without a logged-in user. */
  public: ReadonlySet<CallName>;
  isLoggedIn: () => boolean;
}

export type Dispatch = (name: string, input: unknown) => Promise<Result<unknown>>;

export function createDispatcher(handlers: Handlers, policy: Policy, log: Logger): Dispatch {
  return async (name, input) => {
    if (typeof name !== 'string' || !isCallName(name)) {
      log.warn('ipc.unknown_method', { name: String(name).slice(0, 64) });
      return fail('UNKNOWN_METHOD', `There is no call named ${String(name).slice(0, 64)}`);
    }
    const parsed = calls[name].input.safeParse(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || '(input)';
      log.warn('ipc.bad_request', { name, field });
      return fail('BAD_REQUEST', `${name}: ${field}: ${issue?.message ?? 'invalid'}`, { field });
    }
    if (!policy.public.has(name) && !policy.isLoggedIn()) {
      return fail('NOT_LOGGED_IN', 'Log in first');
    }
    try {
      const handler = handlers[name] as (input: unknown) => Result<unknown> | Promise<Result<unknown>>;
      const result = await handler(parsed.data);
      if (!result.ok) return result;
      const checked = calls[name].output.safeParse(result.value);
      if (!checked.success) {
        log.error('ipc.bad_output', { name, issue: checked.error.issues[0]?.path.join('.') ?? '' });
        return fail('INTERNAL', 'Something went wrong; the operation was not completed');
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      log.error('ipc.exception', {
        name,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      return fail('INTERNAL', 'Something went wrong; the operation was not completed');
    }
  };
}
