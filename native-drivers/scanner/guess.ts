// A symbology from the data alone, for scanners that send no AIM identifier (wedge, serial without
// prefix). Only EAN/UPC can be told with confidence — by length and a valid check digit; anything
// else could have come from several symbologies, so it stays 'unknown' rather than a wrong guess.
import { expandUpcE, hasValidGtinCheckDigit } from './gtin';
import type { Symbology } from './types';

export function guessSymbology(data: string): Symbology {
  if (!/^\d+$/.test(data)) return 'unknown';
  switch (data.length) {
    case 8:
      // EAN-8 first, like the till always did; an 8-digit UPC-E's check digit is the expanded UPC-A's.
      if (hasValidGtinCheckDigit(data)) return 'ean8';
      return expandUpcE(data).ok ? 'upce' : 'unknown';
    case 12:
      return hasValidGtinCheckDigit(data) ? 'upca' : 'unknown';
    case 13:
      return hasValidGtinCheckDigit(data) ? 'ean13' : 'unknown';
    default:
      return 'unknown';
  }
}
