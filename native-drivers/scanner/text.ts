// Scanners send label bytes; QR and DataMatrix labels carry UTF-8 (Cyrillic product names, URLs with
// Russian paths). Decoding is strict: a byte sequence that is not UTF-8 is reported, never turned into
// U+FFFD, because a silently altered marking code or member id is worse than a refused scan.
import { err, ok } from './result';
import type { Result } from './result';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeUtf8(bytes: Uint8Array): Result<string, { kind: 'encoding' }> {
  try {
    return ok(utf8.decode(bytes));
  } catch {
    // TextDecoder's only way to say "not UTF-8" is a TypeError; it is data, not a bug.
    return err({ kind: 'encoding' });
  }
}
