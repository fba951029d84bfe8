// The payment terminal (PIN pad) is a separate, certified device: it reads the card and talks to
// the acquirer. Omnitill only asks it for an amount and keeps what it answers — a masked number,
// an authorisation code and the terminal's reference — never the card number itself.

export interface AuthorizeRequest {
  /** Our id for this tender, echoed on the terminal's slip and used to reverse it. */
  reference: string;
  amountMinor: number;
  currency: string;
}

export interface RefundRequest extends AuthorizeRequest {
  /** The terminal reference of the original approval. */
  originalTerminalRef: string;
}

export type TerminalAnswer =
  | { status: 'approved'; cardMasked: string; authCode: string; terminalRef: string }
  | { status: 'declined'; reason: string };

export type TerminalStage = 'present-card' | 'authorizing';

export interface PaymentTerminal {
  readonly simulated: boolean;
  /** Resolves when the terminal answers; rejects with an AbortError when `signal` aborts (timeout, cancel). */
  authorize(
    request: AuthorizeRequest,
    signal: AbortSignal,
    onStage: (stage: TerminalStage) => void,
  ): Promise<TerminalAnswer>;
  refund(request: RefundRequest, signal: AbortSignal): Promise<TerminalAnswer>;
  /** Cancels an approval of the current, not yet completed, sale. */
  reverse(terminalRef: string, signal: AbortSignal): Promise<TerminalAnswer>;
}
