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

/** A regular expression in a config file: refused at start when it does not compile. */
const RegexSource = z
  .string()
  .min(1)
  .refine((source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  }, 'a valid regular expression');

/**
 * Cards the retailer issues (loyalty, gift) are told apart by number ranges, as card printers number
 * them: numbers of `length` digits whose leading digits, read as many as `from` has, lie between
 * `from` and `to`. `check` is the check digit the numbers carry: GS1 mod 10 for EAN-13 cards, Luhn
 * for ISO/IEC 7812 style cards. Payment card numbers are refused before ranges are looked at.
 */
export const CardNumberRange = z
  .object({
    from: z.string().regex(/^\d{1,12}$/, 'one to twelve digits'),
    to: z.string().regex(/^\d{1,12}$/, 'one to twelve digits'),
    length: z.number().int().min(6).max(24),
    check: z.enum(['gtin', 'luhn', 'none']),
  })
  .strict()
  .refine((range) => range.from.length === range.to.length && range.from <= range.to, {
    message: 'from and to have the same number of digits and from ≤ to',
    path: ['to'],
  })
  .refine((range) => range.from.length <= range.length, {
    message: 'the prefix is shorter than the number',
    path: ['length'],
  });
export type CardNumberRange = z.infer<typeof CardNumberRange>;

/**
 * Member QR codes, shown by the customer app. A pattern names the member id `(?<id>…)` and the
 * signature `(?<sig>…)` the app signed it with; the scanner only recognises the code,
 * main/services/member-qr.ts verifies the signature (`<keyId>-<step>-<mac>`, main/domain/member-qr.ts),
 * which stays within base64url so these patterns need not change. Default formats:
 *   OMNI:M:<id>:<sig>                      compact, for the app's QR
 *   https://omnitill.app/m/<id>?s=<sig>    the same as a link, so a phone camera opens the member page
 * with <id> 1–64 of [A-Za-z0-9-] and <sig> 16–128 base64url characters (RFC 4648 §5).
 */
const MemberQrPattern = RegexSource.refine(
  (source) => source.includes('(?<id>') && source.includes('(?<sig>'),
  'a pattern with the named groups (?<id>…) and (?<sig>…)',
);

const ByteSequence = z.array(z.number().int().min(0).max(255)).min(1).max(8);

/**
 * How a serial (RS-232 or USB CDC) scanner frames a label. `EOL` ends a label at CR, LF or CRLF,
 * whichever the scanner was programmed with; `none` ends it when the line goes quiet for
 * `interByteTimeoutMs`. Custom delimiters are byte lists, e.g. [2] for STX.
 */
export const SerialScannerFraming = z
  .object({
    prefix: z.union([z.enum(['none', 'STX']), ByteSequence]).default('none'),
    suffix: z.union([z.enum(['EOL', 'CR', 'LF', 'CRLF', 'TAB', 'ETX', 'none']), ByteSequence]).default('EOL'),
    maxFrameBytes: z.number().int().min(16).max(65_536).default(4096),
    /** A scanner sends a label's bytes back to back; a longer gap ends or abandons the frame. */
    interByteTimeoutMs: z.number().int().min(5).max(5_000).default(100),
    /** Strip and use a leading AIM identifier ("]E0") when the scanner sends one. */
    aimIds: z.boolean().default(true),
  })
  .strict();
export type SerialScannerFraming = z.infer<typeof SerialScannerFraming>;

/** What the till makes of a scan beyond product barcodes. Every field has a default. */
export const ScannerSettings = z
  .object({
    /** Default: the demo store's EAN-13 loyalty cards, 27… (see main/store/seed/identifiers.ts). */
    loyaltyCards: z.array(CardNumberRange).default([{ from: '27', to: '27', length: 13, check: 'gtin' }]),
    giftCards: z.array(CardNumberRange).default([{ from: '26', to: '26', length: 13, check: 'gtin' }]),
    /** Coupon codes; the default is the GS1 coupon prefix 99 on an EAN-13 (check digit verified). */
    couponPatterns: z.array(RegexSource).default(['^99\\d{11}$']),
    memberQrPatterns: z
      .array(MemberQrPattern)
      .default([
        '^OMNI:M:(?<id>[A-Za-z0-9-]{1,64}):(?<sig>[A-Za-z0-9_-]{16,128})$',
        '^https://omnitill\\.app/m/(?<id>[A-Za-z0-9-]{1,64})\\?s=(?<sig>[A-Za-z0-9_-]{16,128})$',
      ]),
    /**
     * Keyboard-wedge scanners cannot type GS (ASCII 29), the separator of GS1 element strings: they
     * drop it unless programmed to send a printable character instead. Name that character here
     * (e.g. "~") so GS1 and marking codes read through a wedge parse; null when none is programmed.
     */
    gs1Separator: z
      .string()
      .regex(/^[\x21-\x7e]$/, 'one printable ASCII character')
      .nullable()
      .default(null),
    serial: SerialScannerFraming.prefault({}),
  })
  .strict();
export type ScannerSettings = z.infer<typeof ScannerSettings>;

/** Bytes a base64 string (RFC 4648 §4, padded or not) decodes to; contract/ has no Buffer. */
const base64Bytes = (text: string) => Math.floor((text.replace(/=+$/, '').length * 3) / 4);

/**
 * One key of the member QR keyring. The customer app signs its QR with the current key; the till
 * verifies with any key that is not retired, so HQ can roll keys without a flag day: add the new key,
 * let apps pick it up, then mark the old one retired. `id` travels in every token.
 */
export const MemberQrKey = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9]{1,16}$/, '1–16 letters or digits'),
    /** HMAC-SHA256 key, base64; at least 32 bytes (RFC 2104 §3: no shorter than the hash output). */
    secret: z
      .string()
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64')
      .refine((secret) => base64Bytes(secret) >= 32, 'at least 32 bytes'),
    retired: z.boolean().default(false),
  })
  .strict();
export type MemberQrKey = z.infer<typeof MemberQrKey>;

/**
 * Keys of the member QR codes the customer app shows (main/domain/member-qr.ts has the format).
 * The default is a DEMO-ONLY key, published in this file and good for nothing but the demo store:
 * HQ delivers the real keyring with sync, and IT never types secrets into omnitill.json by hand.
 * Secrets are never logged nor sent to the renderer.
 */
export const MemberQrSettings = z
  .object({
    keys: z
      .array(MemberQrKey)
      .min(1)
      .refine((keys) => new Set(keys.map((key) => key.id)).size === keys.length, 'key ids are unique')
      .refine((keys) => keys.some((key) => !key.retired), 'at least one key is not retired'),
  })
  .strict();
export type MemberQrSettings = z.infer<typeof MemberQrSettings>;

/** DEMO ONLY: anyone can read this secret; a real store runs with the keys HQ delivered. */
export const DEMO_MEMBER_QR_KEY: MemberQrKey = {
  id: 'demo',
  // base64 of "omnitill demo member QR key, not a secret!"
  secret: 'b21uaXRpbGwgZGVtbyBtZW1iZXIgUVIga2V5LCBub3QgYSBzZWNyZXQh',
  retired: false,
};

const SerialPort = z
  .object({
    path: z.string().min(1),
    baudRate: z.number().int().min(300).max(921_600).default(9600),
  })
  .strict();

/** Receipt printer models whose code tables and column counts the driver knows. */
export const PrinterProfileId = z.enum([
  'epson-tm-t20',
  'epson-tm-t88',
  'xprinter-xp-80',
  'xprinter-xp-58',
  'star-escpos',
  'generic-80',
  'generic-58',
]);

export const PrinterConnection = z.discriminatedUnion('transport', [
  z
    .object({
      transport: z.literal('tcp'),
      host: z.string().min(1),
      port: z.number().int().min(1).max(65_535).default(9100),
    })
    .strict(),
  z.object({ transport: z.literal('serial'), ...SerialPort.shape }).strict(),
  z
    .object({
      transport: z.literal('usb'),
      /** Omit both to take the first receipt printer found (known vendor or USB printer class). */
      vendorId: z.number().int().min(0).max(0xffff).optional(),
      productId: z.number().int().min(0).max(0xffff).optional(),
    })
    .strict(),
]);
export type PrinterConnection = z.infer<typeof PrinterConnection>;

/**
 * The till's peripherals. HID POS scanners are found by themselves (usage page 0x8C); serial
 * scanners and card readers, and network printers, are named here. `simulate: 'auto'` attaches
 * virtual devices for roles with nothing configured or found, so a demo till works out of the box.
 */
export const DeviceSettings = z
  .object({
    simulate: z.enum(['auto', 'always', 'never']).default('auto'),
    printer: z
      .object({
        /** null: the first USB receipt printer found. */
        connection: PrinterConnection.nullable().default(null),
        profile: PrinterProfileId.default('generic-80'),
        /** The language receipts are printed in; the store's by default. */
        locale: Locale.nullable().default(null),
        /** Link printed as a QR for the e-receipt; {store} and {receiptNo} are filled in. Empty: no QR. */
        eReceiptUrl: z.string().default('https://r.omnitill.example/{store}/{receiptNo}'),
        /** How often the printer's status is read while it reports a problem or a job waits. */
        statusPollMs: z.number().int().min(200).max(60_000).default(2000),
      })
      .strict()
      .prefault({}),
    serialScanners: z.array(SerialPort).default([]),
    serialCardReaders: z.array(SerialPort).default([]),
  })
  .strict();
export type DeviceSettings = z.infer<typeof DeviceSettings>;

export const TillConfig = z
  .object({
    store: z
      .object({
        code: z.string().regex(/^\d{4}$/, 'four digits'),
        name: z.string().min(1),
        address: z.string(),
        currency: CurrencyCode,
        locale: Locale,
        /**
         * ISO 3166-1 alpha-2: how customers' phone numbers are read when typed without a country
         * code. Optional, so older config files stay valid; derived from the currency when absent.
         */
        country: z
          .string()
          .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as RU')
          .optional(),
      })
      .strict(),
    terminal: z.object({ code: z.string().regex(/^\d{2}$/, 'two digits') }).strict(),
    embeddedBarcodes: z.array(EmbeddedBarcodeRule),
    /** Optional in the file: config files written before scanners had settings stay valid. */
    scanner: ScannerSettings.prefault({}),
    devices: DeviceSettings.prefault({}),
    /** Optional in the file: until HQ has delivered keys, the till knows only the demo key. */
    memberQr: MemberQrSettings.prefault({ keys: [DEMO_MEMBER_QR_KEY] }),
    /** Roles that see customers' phone, e-mail, birthday and cards unmasked; others see them masked. */
    privacy: z
      .object({ revealPersonalDataTo: z.array(z.enum(['cashier', 'manager'])).max(2) })
      .strict()
      .prefault({ revealPersonalDataTo: ['manager'] }),
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
  scanner: ScannerSettings.parse({}),
  devices: DeviceSettings.parse({}),
  memberQr: { keys: [DEMO_MEMBER_QR_KEY] },
  privacy: { revealPersonalDataTo: ['manager'] },
  paymentTerminal: { kind: 'simulator', timeoutMs: 60_000 },
  login: { maxAttempts: 5, lockoutSeconds: 60 },
};
