// A payment terminal for the demo store and tests. The store manager (or a test) chooses how it
// answers: approve, decline, or never answer so the till's timeout is exercised.
import { randomInt } from 'node:crypto';
import type {
  AuthorizeRequest,
  PaymentTerminal,
  RefundRequest,
  TerminalAnswer,
  TerminalStage,
} from '../payment-terminal/types';

export type SimulatedOutcome = 'approve' | 'decline' | 'timeout';

export interface SimulatorTiming {
  /** Time the customer takes to present the card. */
  presentMs: number;
  /** Time the acquirer takes to answer. */
  authorizeMs: number;
}

const TEST_CARDS = ['4242', '1881', '0005', '4444'];

export class PaymentTerminalSimulator implements PaymentTerminal {
  readonly simulated = true;
  private outcome: SimulatedOutcome = 'approve';
  private sequence = 0;

  constructor(private readonly timing: SimulatorTiming = { presentMs: 600, authorizeMs: 400 }) {}

  get currentOutcome(): SimulatedOutcome {
    return this.outcome;
  }

  setOutcome(outcome: SimulatedOutcome): void {
    this.outcome = outcome;
  }

  async authorize(
    request: AuthorizeRequest,
    signal: AbortSignal,
    onStage: (stage: TerminalStage) => void,
  ): Promise<TerminalAnswer> {
    onStage('present-card');
    await delay(this.timing.presentMs, signal);
    onStage('authorizing');
    if (this.outcome === 'timeout') await never(signal);
    await delay(this.timing.authorizeMs, signal);
    if (this.outcome === 'decline') return { status: 'declined', reason: 'insufficient funds (simulated)' };
    return this.approval(request);
  }

  async refund(request: RefundRequest, signal: AbortSignal): Promise<TerminalAnswer> {
    await delay(this.timing.authorizeMs, signal);
    return this.approval(request);
  }

  async reverse(terminalRef: string, signal: AbortSignal): Promise<TerminalAnswer> {
    await delay(this.timing.authorizeMs, signal);
    return { status: 'approved', cardMasked: '', authCode: '', terminalRef: `${terminalRef}-R` };
  }

  private approval(request: AuthorizeRequest): TerminalAnswer {
    this.sequence += 1;
    const last4 = TEST_CARDS[this.sequence % TEST_CARDS.length] ?? '4242';
    return {
      status: 'approved',
      cardMasked: `**** ${last4}`,
      authCode: String(randomInt(100000, 999999)),
      terminalRef: `SIM-${request.reference.slice(0, 8)}-${this.sequence}`,
    };
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

const never = (signal: AbortSignal) => delay(2 ** 31 - 1, signal);
