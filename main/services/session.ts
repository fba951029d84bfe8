// Who is at the till. A PIN is checked against its scrypt hash; too many wrong PINs lock the user
// out for a while, so a 4-digit PIN cannot be guessed at the counter.
import { fail, ok } from '../../contract/common';
import type { Result } from '../../contract/common';
import type { TillConfig } from '../../contract/config';
import type { SessionStatus, SimulatedOutcome, User } from '../../contract/ipc';
import { RECEIPT_NO_PATTERN } from '../domain/receipt';
import { verifyPin } from '../security/pin';
import type { Users } from '../store/users';
import type { Logger } from '../log';

export interface SessionDeps {
  config: TillConfig;
  users: Users;
  demo: boolean;
  /** What the simulated payment terminal answers next; null when the terminal is real. */
  paymentSimulatorOutcome: () => SimulatedOutcome | null;
  now: () => Date;
  log: Logger;
}

export class SessionService {
  private current: User | null = null;

  constructor(private readonly deps: SessionDeps) {}

  get user(): User | null {
    return this.current;
  }

  status(): SessionStatus {
    const { config } = this.deps;
    return {
      store: { ...config.store },
      terminalCode: config.terminal.code,
      user: this.current,
      demo: this.deps.demo,
      paymentSimulator: ((outcome) => (outcome ? { outcome } : null))(this.deps.paymentSimulatorOutcome()),
      receiptNoPattern: RECEIPT_NO_PATTERN,
    };
  }

  cashiers(): User[] {
    return this.deps.users.activeUsers();
  }

  login(userId: number, pin: string): Result<User> {
    const { users, config, now, log } = this.deps;
    const user = users.userById(userId);
    if (!user) return fail('BAD_PIN', 'Unknown user or wrong PIN');
    const at = now();
    if (user.lockedUntil && new Date(user.lockedUntil) > at) return lockedOut(user.lockedUntil, at);
    if (!verifyPin(pin, user.pinHash)) {
      const attempts = user.failedAttempts + 1;
      const lock = attempts % config.login.maxAttempts === 0;
      const until = lock ? new Date(at.getTime() + config.login.lockoutSeconds * 1000).toISOString() : null;
      users.recordFailedLogin(user.id, until);
      log.warn('login.failed', { userId: user.id, attempts, locked: lock });
      return until
        ? lockedOut(until, at)
        : fail('BAD_PIN', 'Unknown user or wrong PIN', {
            left: config.login.maxAttempts - (attempts % config.login.maxAttempts),
          });
    }
    users.recordSuccessfulLogin(user.id);
    this.current = { id: user.id, name: user.name, role: user.role };
    log.info('login', { userId: user.id, role: user.role });
    return ok(this.current);
  }

  logout(): void {
    if (this.current) this.deps.log.info('logout', { userId: this.current.id });
    this.current = null;
  }
}

/** The UI tells the cashier how long to wait: `seconds` is what its message names ("Try again in {seconds} s"). */
const lockedOut = (until: string, at: Date) =>
  fail('LOCKED_OUT', 'Too many wrong PINs', {
    until,
    seconds: Math.max(1, Math.ceil((new Date(until).getTime() - at.getTime()) / 1000)),
  });
