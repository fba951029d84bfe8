// Clienteling shapes the renderer sees: who the customer is (masked unless the user's role may see
// personal data), what they bought across channels, what to offer them. The calls are in ipc.ts.
import { z } from 'zod';
import { IsoTimestamp, LocalizedNames, NonNegativeMinorUnits, QuantityMilli, Unit } from './common';
import { SuggestionReason } from './reco';

export const CustomerId = z.number().int().positive();

export const MarketingChannel = z.enum(['sms', 'email', 'push', 'call']);
export type MarketingChannel = z.infer<typeof MarketingChannel>;

/** A row of a pick list, shown across the counter: the phone is always masked. */
export const CustomerCandidate = z.object({
  id: CustomerId,
  name: z.string(),
  phoneMasked: z.string().nullable(),
});
export type CustomerCandidate = z.infer<typeof CustomerCandidate>;

export const IdentifyBy = z.enum(['card', 'phone', 'last4', 'email', 'receipt', 'name', 'member-qr']);
export type IdentifyBy = z.infer<typeof IdentifyBy>;

/** The customer attached to the cart: enough for the cart header and the receipt. */
export const CartCustomer = z.object({
  id: CustomerId,
  name: z.string(),
  tier: z.string().nullable(),
  /** The card that identified them, masked (`•••• 1234`), or null when found otherwise. */
  cardMasked: z.string().nullable(),
});
export type CartCustomer = z.infer<typeof CartCustomer>;

export const RfmSegment = z.enum([
  'champions',
  'loyal',
  'potential-loyalist',
  'new',
  'promising',
  'need-attention',
  'about-to-sleep',
  'at-risk',
  'cannot-lose',
  'hibernating',
  'lost',
]);
export type RfmSegment = z.infer<typeof RfmSegment>;

const Score = z.number().int().min(1).max(5);

export const Rfm = z.object({ r: Score, f: Score, m: Score, segment: RfmSegment });
export type Rfm = z.infer<typeof Rfm>;

export const Channel = z.enum(['store', 'online']);
export type Channel = z.infer<typeof Channel>;

export const HistoryLine = z.object({
  productId: z.number().int(),
  names: LocalizedNames,
  unit: Unit,
  quantityMilli: QuantityMilli,
  totalMinor: NonNegativeMinorUnits,
  /** Sold in this store now: "add again to cart" is offered only then. */
  inAssortment: z.boolean(),
});
export type HistoryLine = z.infer<typeof HistoryLine>;

export const Purchase = z.object({
  documentNo: z.string(),
  channel: Channel,
  storeCode: z.string(),
  at: IsoTimestamp,
  totalMinor: NonNegativeMinorUnits,
  lines: z.array(HistoryLine),
});
export type Purchase = z.infer<typeof Purchase>;

export const CouponKind = z.enum([
  'first_purchase',
  'winback',
  'anniversary',
  'birthday',
  'segment',
  'manual',
]);
export type CouponKind = z.infer<typeof CouponKind>;

export const CouponOffer = z.object({
  code: z.string(),
  kind: CouponKind,
  percentBp: z.number().int().nullable(),
  amountMinor: NonNegativeMinorUnits.nullable(),
  minSpendMinor: NonNegativeMinorUnits,
  validUntil: IsoTimestamp,
  /** Only this customer may use it (false: a campaign code anyone may use). */
  personal: z.boolean(),
});
export type CouponOffer = z.infer<typeof CouponOffer>;

export const BagItem = z.object({
  productId: z.number().int(),
  names: LocalizedNames,
  unit: Unit,
  quantityMilli: QuantityMilli,
  savedAt: IsoTimestamp,
  /** Today's price; null when the item is no longer sold here. */
  priceMinor: NonNegativeMinorUnits.nullable(),
});
export type BagItem = z.infer<typeof BagItem>;

export const Recommendation = z.object({
  productId: z.number().int(),
  names: LocalizedNames,
  unit: Unit,
  priceMinor: NonNegativeMinorUnits,
  reasons: z.array(SuggestionReason).min(1),
  /** Names of the products the reasons refer to, by id, so the UI can say "often bought with Milk". */
  refers: z.record(z.string(), LocalizedNames),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const CustomerNote = z.object({
  id: z.number().int(),
  text: z.string(),
  authorName: z.string(),
  storeCode: z.string(),
  createdAt: IsoTimestamp,
});
export type CustomerNote = z.infer<typeof CustomerNote>;

/** The 360° panel beside the cart. */
export const CustomerProfile = z.object({
  id: CustomerId,
  /** Set when the id asked for was merged at HQ into this profile. */
  mergedFrom: CustomerId.nullable(),
  name: z.string(),
  /** Masked (`+7 *** ***-12-34`, `a•••@mail.ru`) unless `personalVisible`. */
  phone: z.string().nullable(),
  email: z.string().nullable(),
  /** `--MM-DD` when masked: the day matters for a birthday offer, the year is nobody's business. */
  birthday: z.string().nullable(),
  personalVisible: z.boolean(),
  cards: z.array(z.string()),
  tier: z.string().nullable(),
  pointsBalance: z.number().int(),
  memberSince: IsoTimestamp,
  marketing: z.record(MarketingChannel, z.boolean()),
  stats: z.object({
    visits: z.number().int().min(0),
    revenueMinor: NonNegativeMinorUnits,
    averageCheckMinor: NonNegativeMinorUnits,
    /** HQ's model; null until it has sent one. */
    expectedLtvMinor: NonNegativeMinorUnits.nullable(),
    firstVisitAt: IsoTimestamp.nullable(),
    lastVisitAt: IsoTimestamp.nullable(),
    onlineShare: z.number().min(0).max(1),
  }),
  rfm: Rfm.nullable(),
  favouriteCategories: z.array(z.object({ names: LocalizedNames, share: z.number().min(0).max(1) })),
  attributes: z.array(z.object({ key: z.string(), value: z.string() })),
  tags: z.array(z.string()),
  notes: z.array(CustomerNote),
  history: z.array(Purchase),
  /** More purchases than `history` holds: `customers.history` pages on. */
  historyMore: z.boolean(),
  coupons: z.array(CouponOffer),
  bag: z.array(BagItem),
  recommendations: z.array(Recommendation),
});
export type CustomerProfile = z.infer<typeof CustomerProfile>;

export const Identification = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('one'), by: IdentifyBy, profile: CustomerProfile }),
  z.object({
    kind: z.literal('many'),
    by: IdentifyBy,
    candidates: z.array(CustomerCandidate),
    more: z.boolean(),
  }),
  z.object({ kind: z.literal('none'), by: IdentifyBy }),
]);
export type Identification = z.infer<typeof Identification>;

const Trimmed = (max: number) => z.string().trim().max(max);

export const EnrolInput = z
  .object({
    name: Trimmed(200),
    phone: Trimmed(40).optional(),
    email: Trimmed(254).optional(),
    /** YYYY-MM-DD. */
    birthday: Trimmed(10).optional(),
    /** A card from the store's stack handed to the customer. */
    cardNo: Trimmed(32).optional(),
    consent: z
      .object({
        processing: z.boolean(),
        marketing: z.partialRecord(MarketingChannel, z.boolean()).optional(),
      })
      .strict(),
    attributes: z.record(z.string().max(40), z.string().max(200)).optional(),
  })
  .strict();
export type EnrolInput = z.infer<typeof EnrolInput>;

/**
 * What an associate changed on a profile; a field left out stays as it is. `phone`, `email` and
 * `birthday` set to null (or blank) clear the field. Preferences are set or removed one by one;
 * consents to offers are granted or withdrawn per channel. Withdrawing consent to processing is not an
 * edit: it is a request to erase the profile, which HQ carries out (refused here with ERASURE_REQUIRED).
 */
export const CustomerUpdateInput = z
  .object({
    customerId: CustomerId,
    name: Trimmed(200).optional(),
    phone: Trimmed(40).nullable().optional(),
    email: Trimmed(254).nullable().optional(),
    /** YYYY-MM-DD. */
    birthday: Trimmed(10).nullable().optional(),
    preferences: z
      .object({
        set: z.record(z.string().max(40), z.string().max(200)).optional(),
        remove: z.array(z.string().max(40)).max(50).optional(),
      })
      .strict()
      .optional(),
    consent: z
      .object({
        processing: z.boolean().optional(),
        marketing: z.partialRecord(MarketingChannel, z.boolean()).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type CustomerUpdateInput = z.infer<typeof CustomerUpdateInput>;

export const Enrolment = z.object({
  kind: z.enum(['created', 'existing']),
  /** For `existing`: which contact already belonged to the profile offered instead. */
  matchedBy: z.enum(['phone', 'email']).nullable(),
  profile: CustomerProfile,
});
export type Enrolment = z.infer<typeof Enrolment>;

export const HistoryPage = z.object({ history: z.array(Purchase), more: z.boolean() });
export type HistoryPage = z.infer<typeof HistoryPage>;
