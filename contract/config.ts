// The machine-wide configuration file IT places on a store PC (omnitill.json). Validated at start;
// a bad file stops the app with a message naming the field, never with a half-applied config.
import { z } from 'zod';
import { CurrencyCode, Locale } from './common';

/**
 * In-store EAN-13 codes with prefixes 20–29 carry a PLU and a weight or a price instead of a
 * manufacturer's GTIN. The layout is a store setting: `2T PPPPP VVVVV C` with T the second prefix
 * digit, P the PLU, V the value (grams or minor units) and C the check digit.
 */
export const EmbeddedBarcodeRule = z
  .object({
    prefix: z.string().regex(/^2\d$/, 'a two-digit prefix from 20 to 29'),
    kind: z.enum(['weight', 'price']),
    pluDigits: z.number().int().min(4).max(6),
  })
  .strict();
export type EmbeddedBarcodeRule = z.infer<typeof EmbeddedBarcodeRule>;

export const TillConfig = z
  .object({
    store: z
      .object({
        code: z.string().regex(/^\d{4}$/, 'four digits'),
        name: z.string().min(1),
        address: z.string(),
        currency: CurrencyCode,
        locale: Locale,
      })
      .strict(),
    terminal: z.object({ code: z.string().regex(/^\d{2}$/, 'two digits') }).strict(),
    embeddedBarcodes: z.array(EmbeddedBarcodeRule),
    paymentTerminal: z
      .object({
        kind: z.literal('simulator'),
        /** How long the cashier waits for the customer and the bank before the card tender fails. */
        timeoutMs: z.number().int().min(100).max(300_000),
      })
      .strict(),
    /** Failed PIN attempts before a user is locked out for `lockoutSeconds`. */
    login: z
      .object({ maxAttempts: z.number().int().min(1).max(20), lockoutSeconds: z.number().int().min(1) })
      .strict(),
  })
  .strict();
export type TillConfig = z.infer<typeof TillConfig>;

export const defaultTillConfig: TillConfig = {
  store: {
    code: '0001',
    name: 'Omnitill Demo Store',
    address: 'Tverskaya 1, Moscow',
    currency: 'RUB',
    locale: 'ru',
  },
  terminal: { code: '01' },
  embeddedBarcodes: [
    { prefix: '21', kind: 'weight', pluDigits: 5 },
    { prefix: '22', kind: 'weight', pluDigits: 5 },
    { prefix: '23', kind: 'price', pluDigits: 5 },
  ],
  paymentTerminal: { kind: 'simulator', timeoutMs: 60_000 },
  login: { maxAttempts: 5, lockoutSeconds: 60 },
};
