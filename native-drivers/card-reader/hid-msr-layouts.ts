// Where each field sits in the input report of a magnetic stripe reader in HID mode, per layout, and
// which layout a listed HID interface sends.
//
// What we relied on (checked with the code and docs search, not from memory):
// - MagTek "USB HID Swipe Reader Technical Reference Manual" (99875191; the same table in the USB
//   Insertion Reader 99875205 and IntelliHead manuals): vendor usage page 0xFF00, one input report
//   per swipe, no report id, 337 bytes: offsets 0–2 track 1–3 decode status (bit 0 set: the track
//   held data that could not be decoded, and its length is then 0; bits 1–7 reserved), 3–5 track 1–3
//   data length, 6 card encode type (0 ISO/ABA, 1 AAMVA, 3 blank, 4 other, 5 undetermined…), then
//   three 110-byte track data fields at 7, 117 and 227, decoded to ASCII "starting with the start
//   sentinel and ending with the end sentinel". Public code reading the reader (Micah Carrick's
//   magtek-pyusb, MagTek 0801:0002) reads the same 337 bytes.
// - ID TECH SecureMag User Manual (80096504-001), §10: in HID mode (product id 0x2010) at security
//   levels 1 and 2 it sends the same 337-byte structure ("Other Mode Reader Data Structure", 110-byte
//   track fields, status 0 or 1). ID TECH's own HID format (MiniMag II quick-start: status, lengths,
//   encode type, a 2-byte total and up to 500 bytes of formatted text, 509 bytes) and the encrypted
//   levels 3–4 are other sizes: their reports are rejected as the wrong size, never guessed at.
// - HID Point of Sale Usage Tables 1.02 (usb.org pos1_02.pdf; MSR usages added in 1.02, March 2001),
//   as transcribed in Haiku's, Apple's (kHIDUsage_MSR_*) and Windows' (HID_USAGE_PAGE_MAGNETIC_STRIPE_
//   READER = 142) headers: page 0x8E has MSR Device Read-Only (0x01, the application collection),
//   Track 1–3 and JIS Length (0x11–0x14) and Track 1–3 and JIS Data (0x21–0x24). It has no decode
//   status usage, and fixes no byte positions: the device's report descriptor does. No reader with a
//   published 0x8E descriptor turned up (the deployed MagTek, ID TECH and IntelliHead readers all use
//   0xFF00), so `hidPosMsrLayout` takes the usages in the table's order with fields as long as the
//   longest ISO/IEC 7811 track (79, 40 and 107 characters); a reader laid out otherwise has its
//   reports rejected as the wrong size and needs an entry here.
import { HID_USAGE_PAGE_MSR } from '../transports/known-devices';
import type { TrackNumber } from './tracks';

/** One number per track. */
type PerTrack = Readonly<Record<TrackNumber, number>>;

export interface HidMsrLayout {
  readonly name: string;
  /** Bytes in one input report. Neither layout numbers its reports, so there is no report id byte. */
  readonly reportBytes: number;
  /** Where each track's decode status byte is (bit 0 set: not decoded), or null where there is none. */
  readonly statusAt: PerTrack | null;
  readonly lengthAt: PerTrack;
  readonly dataAt: PerTrack;
  readonly dataCapacity: PerTrack;
}

export const magtekLayout: HidMsrLayout = {
  name: 'magtek',
  reportBytes: 337,
  statusAt: { 1: 0, 2: 1, 3: 2 },
  lengthAt: { 1: 3, 2: 4, 3: 5 },
  // Byte 6 is the card encode type: the tracks themselves say what the card is.
  dataAt: { 1: 7, 2: 117, 3: 227 },
  dataCapacity: { 1: 110, 2: 110, 3: 110 },
};

export const hidPosMsrLayout: HidMsrLayout = {
  name: 'hid-pos-msr',
  reportBytes: 3 + 79 + 40 + 107,
  statusAt: null,
  lengthAt: { 1: 0, 2: 1, 3: 2 },
  dataAt: { 1: 3, 2: 3 + 79, 3: 3 + 79 + 40 },
  dataCapacity: { 1: 79, 2: 40, 3: 107 },
};

/** USB vendor and product ids of readers whose HID reports use the MagTek layout. */
const magtekLayoutProducts: readonly (readonly [vendorId: number, productId: number])[] = [
  [0x0801, 0x0002], // MagTek USB HID Swipe Reader / SureSwipe (usb.ids: "Mini Swipe Reader")
  [0x0acd, 0x2010], // ID TECH SecureMag in HID mode (SecureMag User Manual §10)
];

export interface HidInterfaceSummary {
  vendorId: number;
  productId: number;
  usagePage?: number | undefined;
}

/** Vendor-defined usage pages are 0xFF00–0xFFFF (HID Usage Tables). */
const isVendorPage = (page: number | undefined) => page === undefined || page >= 0xff00;

/**
 * The layout a HID interface's reports are read with, or null when it is no card reader we can read.
 * Only the vendor-page interface of a known reader is taken: its keyboard interface, if it has one,
 * belongs to the wedge.
 */
export function hidMsrLayoutFor(info: HidInterfaceSummary): HidMsrLayout | null {
  if (info.usagePage === HID_USAGE_PAGE_MSR) return hidPosMsrLayout;
  const known = magtekLayoutProducts.some(
    ([vendorId, productId]) => info.vendorId === vendorId && info.productId === productId,
  );
  return known && isVendorPage(info.usagePage) ? magtekLayout : null;
}
