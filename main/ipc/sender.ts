// Who may call main over Electron IPC: only the top frame of our own window, showing our own origin.
// Kept free of Electron so the rule is unit-tested; main/app/ gathers the facts from the event.

export interface SenderFacts {
  /** The event came from the webContents of the till's window (not a devtools or another window). */
  fromTillWindow: boolean;
  /** The event came from that window's main frame, not an iframe inside it. */
  fromMainFrame: boolean;
  /** The URL the sending frame shows. */
  url: string;
}

export function isTrustedSender(facts: SenderFacts, origin: string): boolean {
  if (!facts.fromTillWindow || !facts.fromMainFrame) return false;
  try {
    // Compared by scheme and host: URL.origin is "null" for a custom scheme such as app://.
    const from = new URL(facts.url);
    const expected = new URL(origin);
    return from.protocol === expected.protocol && from.host === expected.host && from.host !== '';
  } catch {
    return false;
  }
}
