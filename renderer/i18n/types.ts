import type { HqErrorCode } from '../../contract/sync';
import type { en } from './en';
import type { PluralForms } from './plural';

/** Every catalogue has exactly the shape of the English one: a missing key does not compile. */
export type Messages = typeof en;

export type MessageParams = Readonly<Record<string, string | number>>;

type Leaf = string | PluralForms;

type LeafPaths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends Leaf ? `${Prefix}${K}` : LeafPaths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A dotted path to one message, e.g. `checkout.pay`. */
export type MessageKey = LeafPaths<Messages>;

/** What a scan or swipe that is not for the cart was (SCAN_NOT_FOR_CART's `kind`). */
export type ScanNotForCartKind = 'loyalty-card' | 'gift-card' | 'coupon' | 'member' | 'unknown';

/** Why a card swipe could not be read (CARD_MISREAD's `reason`, the card reader's error code). */
export type CardMisreadReason =
  'unreadable' | 'start-sentinel' | 'end-sentinel' | 'lrc' | 'format' | 'too-long' | 'empty' | 'check-digit';

/** Why a coupon cannot be used today (COUPON_NOT_VALID's `reason`). */
export type CouponInvalidity = 'not-yet' | 'expired';

/** Why a member QR code was refused (MEMBER_QR_REFUSED's `reason`, main's member token error kind). */
export type MemberQrRefusal =
  'replayed' | 'expired' | 'not-yet-valid' | 'forged' | 'unknown-key' | 'malformed';

/** Why HQ refused to enrol the till (ENROL_REFUSED's `reason`, HQ's error code). */
export type EnrolRefusal = Extract<HqErrorCode, 'ENROL_CODE_REFUSED' | 'STORE_MISMATCH' | 'RATE_LIMITED'>;

/**
 * The last problem of the link to HQ (SyncStatus `lastError.code`) that the till has words for: the
 * error codes HQ answers a push with, the pusher's own (HQ did not answer, answered nonsense, the
 * credential file is damaged), and the puller's and the bootstrap's for data that breaks the contract. Any other code gets a general text; its code is on the details line.
 */
export type SyncProblem =
  | 'HQ_UNREACHABLE'
  | 'BAD_ANSWER'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'CROSS_STORE'
  | 'PAYLOAD_INVALID'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'BAD_REQUEST'
  | 'SEQ_GAP'
  | 'EPOCH_MISMATCH'
  | 'CONFLICT'
  | 'CREDENTIALS_DAMAGED'
  | 'NOT_FOUND'
  | 'INTERNAL'
  | 'SNAPSHOT_INVALID'
  | 'PAGE_INVALID'
  | 'STORE_BUSY';
