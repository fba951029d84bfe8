// The terminal -> HQ contract: the documents the outbox carries, and the HTTP API a till enrols and
// pushes them with. Each outbox row is one mutation with a global id and this terminal's sequence
// number; HQ applies each id exactly once.
import { z } from 'zod';
import {
  CurrencyCode,
  IsoTimestamp,
  LocalizedNames,
  NonNegativeMinorUnits,
  QuantityMilli,
  TaxRateBp,
  Unit,
  Uuid,
} from './common';
import { MemberQrSettings } from './config';
import { Channel, CouponKind, MarketingChannel } from './customers';
import { CustomerFieldKey, FieldClocks, Hlc } from './hlc';
import { Receipt } from './ipc';
import { PullStream } from './pull-stream';

export const OutboxKind = z.enum([
  'sale.completed',
  'return.completed',
  'customer.enrolled',
  'customer.bag',
  'customer.note',
  'customer.tag',
  'customer.updated',
]);
export type OutboxKind = z.infer<typeof OutboxKind>;

export const SaleCompleted = z.object({
  saleId: Uuid,
  cashierId: z.number().int(),
  customerId: z.number().int().nullable(),
  receipt: Receipt,
  /**
   * The till's own line ids and product ids, in the order of `receipt.lines`. A receipt line names
   * its product only by barcode (weighed items carry a weight in theirs) and has no id a return
   * could refer to; with these HQ links returns to lines and sales to products exactly.
   */
  lineRefs: z.array(z.object({ lineId: Uuid, productId: z.number().int() })).optional(),
});
export type SaleCompleted = z.infer<typeof SaleCompleted>;

export const ReturnCompleted = z.object({
  returnId: Uuid,
  saleId: Uuid,
  cashierId: z.number().int(),
  lines: z.array(
    z.object({ saleLineId: Uuid, quantityMilli: QuantityMilli, refundMinor: NonNegativeMinorUnits }),
  ),
  refunds: z.array(
    z.object({ paymentId: Uuid, kind: z.enum(['cash', 'card']), amountMinor: NonNegativeMinorUnits }),
  ),
  receipt: Receipt,
});
export type ReturnCompleted = z.infer<typeof ReturnCompleted>;

/** A profile created at this till, with the consent it was created under. HQ assigns the chain id. */
export const CustomerEnrolled = z.object({
  customerId: z.number().int(),
  name: z.string(),
  phoneE164: z.string().nullable(),
  email: z.string().nullable(),
  birthday: z.string().nullable(),
  cardNo: z.string().nullable(),
  consents: z.array(
    z.object({
      purpose: z.enum(['processing', 'marketing']),
      channel: z.enum(['sms', 'email', 'push', 'call']).nullable(),
      granted: z.boolean(),
    }),
  ),
  attributes: z.record(z.string(), z.string()),
  storeCode: z.string(),
  terminalCode: z.string(),
  cashierId: z.number().int().nullable(),
  at: z.iso.datetime(),
});
export type CustomerEnrolled = z.infer<typeof CustomerEnrolled>;

/** The saved bag as it now is (the whole bag, so HQ can apply the latest and remind the customer). */
export const CustomerBag = z.object({
  customerId: z.number().int(),
  items: z.array(
    z.object({ productId: z.number().int(), quantityMilli: QuantityMilli, savedAt: z.string() }),
  ),
  at: z.iso.datetime(),
});
export type CustomerBag = z.infer<typeof CustomerBag>;

export const CustomerNoteAdded = z.object({
  customerId: z.number().int(),
  text: z.string(),
  authorId: z.number().int().nullable(),
  storeCode: z.string(),
  at: z.iso.datetime(),
});

export const CustomerTagged = z.object({
  customerId: z.number().int(),
  tag: z.string(),
  on: z.boolean(),
  at: z.iso.datetime(),
});
export type CustomerNoteAdded = z.infer<typeof CustomerNoteAdded>;
export type CustomerTagged = z.infer<typeof CustomerTagged>;

/** A consent as an edit carries it. */
export const ConsentValue = z.enum(['granted', 'withdrawn']);
export type ConsentValue = z.infer<typeof ConsentValue>;

const E164 = /^\+[1-9]\d{6,14}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What a value of each field may be; null clears the field (a name and a consent cannot be cleared). */
function fieldValueProblem(field: CustomerFieldKey, value: string | null): string | null {
  if (field === 'name') return value !== null && value.length >= 1 && value.length <= 200 ? null : 'a name';
  if (field.startsWith('consent:'))
    return ConsentValue.safeParse(value).success ? null : "'granted' or 'withdrawn'";
  if (value === null) return null;
  if (field === 'phoneE164') return E164.test(value) ? null : 'E.164';
  if (field === 'email') return value.length <= 254 && value.includes('@') ? null : 'an e-mail address';
  if (field === 'birthday') return ISO_DATE.test(value) ? null : 'YYYY-MM-DD';
  return value.length >= 1 && value.length <= 500 ? null : 'a preference of 1 to 500 characters';
}

/**
 * One field as an associate set it, stamped with the till's hybrid logical clock (contract/hlc.ts):
 * per field the later stamp wins (contract/field-merge.ts). `value` null clears the field or removes
 * the preference; a consent is 'granted' or 'withdrawn'.
 */
export const CustomerFieldEdit = z
  .object({ field: CustomerFieldKey, value: z.string().max(500).nullable(), hlc: Hlc })
  .strict()
  .superRefine((edit, context) => {
    const problem = fieldValueProblem(edit.field, edit.value);
    if (problem !== null)
      context.addIssue({ code: 'custom', path: ['value'], message: `${edit.field}: ${problem}` });
  });
export type CustomerFieldEdit = z.infer<typeof CustomerFieldEdit>;

/**
 * Fields of a profile changed at this till (the customer's own id at the till, as the other customer
 * kinds). Consents carry the till, store and cashier they were recorded with, like an enrolment's.
 * `fields` is empty only after HQ erased the person while the row waited: the till scrubbed it.
 */
export const CustomerUpdated = z.object({
  customerId: z.number().int(),
  fields: z.array(CustomerFieldEdit).max(64),
  storeCode: z.string(),
  terminalCode: z.string(),
  cashierId: z.number().int().nullable(),
  at: z.iso.datetime(),
});
export type CustomerUpdated = z.infer<typeof CustomerUpdated>;

/** The schema each outbox kind's payload must satisfy; HQ refuses a batch holding one that does not. */
export const outboxPayloads = {
  'sale.completed': SaleCompleted,
  'return.completed': ReturnCompleted,
  'customer.enrolled': CustomerEnrolled,
  'customer.bag': CustomerBag,
  'customer.note': CustomerNoteAdded,
  'customer.tag': CustomerTagged,
  'customer.updated': CustomerUpdated,
} as const satisfies Record<OutboxKind, z.ZodType>;

// ---------------------------------------------------------------------------------------------
// HTTP between a till and HQ. Errors are `{ error, message, ...facts }` with a 4xx status; the
// message is English for logs, the till acts on `error` and the facts.

export const StoreCode = z.string().regex(/^\d{4}$/, 'four digits');
export const TerminalCode = z.string().regex(/^\d{2}$/, 'two digits');
/** Identifies one life of the HQ database; a database restored from a backup gets a new one. */
export const HqEpoch = z.string().min(1).max(64);

/** POST /v1/enrol: a till trades a one-time code from HQ's admin for its identity. */
export const EnrolRequest = z
  .object({
    code: z.string().trim().min(4).max(64),
    terminalCode: TerminalCode,
    deviceName: z.string().trim().min(1).max(100),
    /** The store this till is configured for: a code of another store is refused and stays unused. */
    storeCode: StoreCode.optional(),
  })
  .strict();
export type EnrolRequest = z.infer<typeof EnrolRequest>;

export const EnrolResponse = z.object({
  terminalId: Uuid,
  /** `<terminalId>.<secret>`, sent as `Authorization: Bearer <credential>`. Shown once, never stored at HQ. */
  credential: z.string().min(40).max(200),
  storeCode: StoreCode,
  hqEpoch: HqEpoch,
});
export type EnrolResponse = z.infer<typeof EnrolResponse>;

/** Mutations per push request; the body limit caps the bytes. */
export const MAX_PUSH_MUTATIONS = 500;

/** One outbox row on the wire. `seq` is the till's gap-free outbox sequence. */
export const PushMutation = z
  .object({
    id: Uuid,
    seq: z.number().int().positive(),
    kind: OutboxKind,
    payload: z.unknown(),
    createdAt: IsoTimestamp,
  })
  .strict();
export type PushMutation = z.infer<typeof PushMutation>;

/** POST /v1/push: consecutive outbox rows of one terminal, oldest first. */
export const PushRequest = z
  .object({
    terminalId: Uuid,
    hqEpoch: HqEpoch,
    mutations: z.array(PushMutation).min(1).max(MAX_PUSH_MUTATIONS),
  })
  .strict();
export type PushRequest = z.infer<typeof PushRequest>;

/**
 * Inconsistencies HQ books for review instead of refusing: a completed sale happened, whatever its
 * data says. `terminal.seq_reused`: a new mutation came with a seq HQ had already applied (the till's
 * database was probably restored from a backup); it was applied all the same. `customer.erased`: an
 * edit of a profile HQ had erased, ignored. `customer.clock_ahead`: an edit stamped more than a day
 * ahead of HQ's clock (a till's clock is wrong), ignored: it would win over every edit for that long.
 */
export const ReviewFlagCode = z.enum([
  'product.unknown',
  'price.unknown',
  'price.differs',
  'sale.totals_mismatch',
  'sale.duplicate',
  'sale.not_a_sale_receipt',
  'coupon.unknown',
  'coupon.already_redeemed',
  'coupon.not_for_customer',
  'customer.unknown',
  'customer.already_enrolled',
  'customer.card_taken',
  'customer.possible_duplicate',
  'customer.erased',
  'customer.clock_ahead',
  'return.sale_unknown',
  'return.line_unknown',
  'return.exceeds_sold',
  'return.totals_mismatch',
  'return.duplicate',
  'terminal.code_differs',
  'terminal.seq_reused',
]);
export type ReviewFlagCode = z.infer<typeof ReviewFlagCode>;

/** What applying a mutation did; stored with it and answered again, unchanged, when it is re-sent. */
export const MutationResult = z.object({
  flags: z.array(ReviewFlagCode),
  /** customer.enrolled: the chain-wide id HQ gave the profile the till enrolled. */
  customerId: z.number().int().optional(),
});
export type MutationResult = z.infer<typeof MutationResult>;

export const PushAck = z.object({
  id: Uuid,
  seq: z.number().int().positive(),
  /** True when HQ had applied this id before: `result` is the stored one and nothing changed. */
  replayed: z.boolean(),
  result: MutationResult,
});
export type PushAck = z.infer<typeof PushAck>;

export const PushResponse = z.object({
  /** The highest seq of this terminal HQ has applied; the next push starts after it. */
  lastSeq: z.number().int().nonnegative(),
  acks: z.array(PushAck),
});
export type PushResponse = z.infer<typeof PushResponse>;

/** 409 answers to a push: nothing was applied, the till corrects its position and pushes again. */
export const PushConflict = z.discriminatedUnion('error', [
  z.object({ error: z.literal('SEQ_GAP'), message: z.string(), expectedSeq: z.number().int().positive() }),
  z.object({
    error: z.literal('EPOCH_MISMATCH'),
    message: z.string(),
    hqEpoch: HqEpoch,
    expectedSeq: z.number().int().positive(),
  }),
]);
export type PushConflict = z.infer<typeof PushConflict>;

export const HqErrorCode = z.enum([
  'BAD_REQUEST',
  'PAYLOAD_INVALID',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CROSS_STORE',
  'RATE_LIMITED',
  'ENROL_CODE_REFUSED',
  'STORE_MISMATCH',
  'SEQ_GAP',
  'EPOCH_MISMATCH',
  'NOT_FOUND',
  'INTERNAL',
]);
export type HqErrorCode = z.infer<typeof HqErrorCode>;

export const HqError = z.looseObject({ error: HqErrorCode, message: z.string() });
export type HqError = z.infer<typeof HqError>;

// The till's link to HQ as the UI shows it lives apart, so contract/ipc.ts can use it without a cycle.
export { SyncStatus } from './sync-status';

// ---------------------------------------------------------------------------------------------
// Pull (HQ -> till). HQ owns these streams; a till never writes them, so pulls never wait for
// pushes. Each stream is a change feed in HQ's commit order: `GET /v1/pull/<stream>?after=<cursor>`
// answers a page of items (each the entity's current state, tombstones included) and the cursor to
// ask after next. A till applies a page and stores its cursor in one SQLite transaction.

export { PullStream };

/**
 * Where a till is in a stream: `v1.<hqEpoch>.<xid>.<seq>`, opaque to the till. A cursor of another
 * HQ epoch (HQ restored from a backup) is answered 409 CURSOR_STALE: the till pulls the stream again.
 */
export const PullCursor = z.string().regex(/^v1\.[A-Za-z0-9-]{1,64}\.\d{1,20}\.\d{1,20}$/, 'a pull cursor');
export type PullCursor = z.infer<typeof PullCursor>;

/** Items per page a till may ask for; HQ answers at most this many. */
export const MAX_PULL_LIMIT = 5000;

/**
 * Customer ids from this number on are a till's own (profiles enrolled there before HQ knew them);
 * HQ's ids stay below it, so a profile pulled from HQ never lands on a till's own row. HQ maps a
 * till's own id to its profile (terminal_customers) and tells the till, as `localIds`.
 */
export const TILL_CUSTOMER_ID_BASE = 2 ** 40;
const HqCustomerId = z.number().int().positive().lt(TILL_CUSTOMER_ID_BASE);
const EntityId = z.number().int().positive();

export const CatalogueItem = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('category'),
    id: EntityId,
    parentId: EntityId.nullable(),
    names: LocalizedNames,
  }),
  z.object({
    kind: z.literal('product'),
    id: EntityId,
    sku: z.string().min(1).max(64),
    categoryId: EntityId.nullable(),
    unit: Unit,
    taxRateBp: TaxRateBp,
    plu: z.string().min(1).max(16).nullable(),
    /** false: delisted (HQ never deletes a product; old receipts name it). */
    active: z.boolean(),
    names: LocalizedNames,
    barcodes: z.array(z.string().min(1).max(64)).max(64),
  }),
]);
export type CatalogueItem = z.infer<typeof CatalogueItem>;

/** One price from `validFrom` on: the chain's, or this till's store's own (which wins). */
export const PriceItem = z.object({
  productId: EntityId,
  scope: z.enum(['chain', 'store']),
  priceMinor: NonNegativeMinorUnits,
  validFrom: IsoTimestamp,
});
export type PriceItem = z.infer<typeof PriceItem>;

const PullConsent = z
  .object({
    purpose: z.enum(['processing', 'marketing']),
    channel: MarketingChannel.nullable(),
    granted: z.boolean(),
    recordedAt: IsoTimestamp,
    /** '' when given online. */
    storeCode: z.string().max(16),
    terminalCode: z.string().max(16),
  })
  .refine((consent) => (consent.purpose === 'processing') === (consent.channel === null), {
    message: 'processing consent has no channel; marketing consent has one',
  });

/**
 * A customer as HQ holds it now. `merged` and `erased` are tombstones: a merged profile leads to its
 * survivor, an erased one carries nothing personal. `localIds` are this till's own ids of the profile
 * (it enrolled it before HQ knew it), so the till can join them to HQ's.
 */
export const CustomerItem = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('profile'),
    id: HqCustomerId,
    localIds: z.array(EntityId).max(16),
    name: z.string().max(200),
    phoneE164: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'E.164')
      .nullable(),
    email: z.string().max(254).nullable(),
    birthday: z.string().max(10).nullable(),
    tier: z.string().max(32).nullable(),
    pointsBalance: z.number().int(),
    expectedLtvMinor: NonNegativeMinorUnits.nullable(),
    createdAt: IsoTimestamp,
    cards: z.array(z.object({ cardNo: z.string().min(1).max(64), issuedAt: IsoTimestamp })).max(32),
    attributes: z.record(z.string().max(64), z.string().max(500)),
    /** The consent in force per purpose and channel (the one with the latest stamp). */
    consents: z.array(PullConsent).max(16),
    /**
     * The stamp of each field's value, for the fields edited with one (contract/field-merge.ts): a
     * till keeps its own edit of a field while it is stamped later than HQ's value.
     */
    clocks: FieldClocks,
  }),
  z.object({
    state: z.literal('merged'),
    id: HqCustomerId,
    localIds: z.array(EntityId).max(16),
    mergedInto: HqCustomerId,
  }),
  z.object({
    state: z.literal('erased'),
    id: HqCustomerId,
    localIds: z.array(EntityId).max(16),
    erasedAt: IsoTimestamp,
  }),
]);
export type CustomerItem = z.infer<typeof CustomerItem>;

/** A coupon HQ issued: personal ones (for this store's customers) and campaign codes. */
export const CouponItem = z
  .object({
    code: z.string().min(1).max(64),
    customerId: HqCustomerId.nullable(),
    kind: CouponKind,
    percentBp: z.number().int().min(1).max(10_000).nullable(),
    amountMinor: NonNegativeMinorUnits.positive().nullable(),
    minSpendMinor: NonNegativeMinorUnits,
    validFrom: IsoTimestamp,
    validUntil: IsoTimestamp,
    /** A personal coupon already used (at any till or online). */
    redeemedAt: IsoTimestamp.nullable(),
  })
  .refine((coupon) => (coupon.percentBp === null) !== (coupon.amountMinor === null), {
    message: 'a coupon takes off a percentage or an amount',
  });
export type CouponItem = z.infer<typeof CouponItem>;

/** A purchase the till did not ring up itself: another till's or store's receipt, an online order. */
export const HistoryItem = z.object({
  documentId: z.string().min(1).max(100),
  customerId: HqCustomerId,
  channel: Channel,
  /** The store's code, or the online shop's. */
  storeCode: z.string().min(1).max(32),
  /** Receipt or order number. */
  documentNo: z.string().min(1).max(64),
  purchasedAt: IsoTimestamp,
  lines: z
    .array(
      z.object({
        lineNo: z.number().int().positive(),
        productId: EntityId,
        names: LocalizedNames,
        categoryId: EntityId.nullable(),
        quantityMilli: QuantityMilli.positive(),
        totalMinor: NonNegativeMinorUnits,
      }),
    )
    .max(1000),
});
export type HistoryItem = z.infer<typeof HistoryItem>;

const Quintiles = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export const RfmBoundariesSetting = z.object({
  recency: Quintiles,
  frequency: Quintiles,
  monetary: Quintiles,
  computedAt: IsoTimestamp,
});
export type RfmBoundariesSetting = z.infer<typeof RfmBoundariesSetting>;

/** Chain settings HQ owns: the member QR keyring (secrets: never logged), the RFM boundaries. */
export const SettingItem = z.discriminatedUnion('key', [
  z.object({ key: z.literal('member-qr.keyring'), value: MemberQrSettings }),
  z.object({ key: z.literal('rfm.boundaries'), value: RfmBoundariesSetting }),
]);
export type SettingItem = z.infer<typeof SettingItem>;
export type SettingKey = SettingItem['key'];

/**
 * The recommendation model HQ built, announced by version and SHA-256 of its bytes; the till fetches
 * `GET /v1/reco-models/<version>`, checks the hash, then the schema (contract/reco.ts RecoModel),
 * before it uses it. Only the newest version is announced.
 */
export const RecoArtefact = z.object({
  version: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a hex SHA-256'),
  bytes: z
    .number()
    .int()
    .positive()
    .max(512 * 1024 * 1024),
  builtAt: IsoTimestamp,
});
export type RecoArtefact = z.infer<typeof RecoArtefact>;

/** Each stream's item schema: a till validates a whole page before it applies any of it. */
export const pullItems = {
  catalogue: CatalogueItem,
  prices: PriceItem,
  customers: CustomerItem,
  coupons: CouponItem,
  history: HistoryItem,
  settings: SettingItem,
  reco: RecoArtefact,
} as const satisfies Record<PullStream, z.ZodType>;
export type PullItem<S extends PullStream> = z.infer<(typeof pullItems)[S]>;

export const pullPage = <S extends PullStream>(stream: S) =>
  z
    .object({
      stream: z.literal(stream),
      items: z.array(pullItems[stream]).max(MAX_PULL_LIMIT),
      /** Ask after this next time; unchanged when the page is empty. Null only before the stream's first item. */
      cursor: PullCursor.nullable(),
      hasMore: z.boolean(),
    })
    .strict();
export type PullPage<S extends PullStream> = {
  stream: S;
  items: PullItem<S>[];
  cursor: PullCursor | null;
  hasMore: boolean;
};

/**
 * 409 to a pull or snapshot: the cursor is of another HQ epoch; pull the stream from the start. Its
 * own code rather than one of HqErrorCode: the till acts on it by itself and never shows it.
 */
export const CursorStale = z.object({
  error: z.literal('CURSOR_STALE'),
  message: z.string(),
  hqEpoch: HqEpoch,
});

/**
 * `GET /v1/snapshot/<stream>?after=<cursor>`: a new till's bootstrap, the stream from `after` to its
 * end as gzip'd NDJSON, one item per line. Control lines start with `{"@`: a checkpoint names the
 * cursor after every item before it (apply them, store it: a cut connection resumes from there),
 * the last line says the stream ended. Header `x-omnitill-items`: about how many items follow.
 */
export const SnapshotControl = z.union([
  z.object({ '@checkpoint': PullCursor, items: z.number().int().nonnegative() }).strict(),
  z.object({ '@end': PullCursor.nullable(), items: z.number().int().nonnegative() }).strict(),
]);
export type SnapshotControl = z.infer<typeof SnapshotControl>;

// ---------------------------------------------------------------------------------------------
// Admin API (`Authorization: Bearer <HQ_ADMIN_TOKEN>`), never open to terminals.

/** `POST /v1/admin/online-orders`: orders of the web shop, so a customer's history spans channels. */
export const OnlineOrder = z
  .object({
    orderNo: z.string().min(1).max(64),
    /** The online shop's code, shown where a store's code would be. */
    shopCode: z.string().min(1).max(32),
    /** HQ's id when the shop knows it; otherwise found by phone or e-mail, or created with the name. */
    customer: z
      .object({
        id: HqCustomerId.optional(),
        phoneE164: z
          .string()
          .regex(/^\+[1-9]\d{6,14}$/, 'E.164')
          .optional(),
        email: z.string().max(254).optional(),
        name: z.string().min(1).max(200).optional(),
      })
      .strict()
      .refine((c) => c.id !== undefined || c.phoneE164 !== undefined || c.email !== undefined, {
        message: 'an id, a phone or an e-mail',
      }),
    orderedAt: IsoTimestamp,
    currency: CurrencyCode,
    lines: z
      .array(
        z
          .object({
            /** HQ's product id, or its SKU. */
            productId: EntityId.optional(),
            sku: z.string().min(1).max(64).optional(),
            names: LocalizedNames.optional(),
            quantityMilli: QuantityMilli.positive(),
            totalMinor: NonNegativeMinorUnits,
          })
          .strict(),
      )
      .min(1)
      .max(1000),
  })
  .strict();
export type OnlineOrder = z.infer<typeof OnlineOrder>;

export const OnlineOrdersImport = z.object({ orders: z.array(OnlineOrder).min(1).max(1000) }).strict();
export type OnlineOrdersImport = z.infer<typeof OnlineOrdersImport>;

export const OnlineOrdersImported = z.object({
  imported: z.number().int().nonnegative(),
  /** Order numbers HQ had already: left as they were. */
  duplicates: z.number().int().nonnegative(),
  customersCreated: z.number().int().nonnegative(),
  orders: z.array(z.object({ orderNo: z.string(), customerId: HqCustomerId, duplicate: z.boolean() })),
});
export type OnlineOrdersImported = z.infer<typeof OnlineOrdersImported>;
