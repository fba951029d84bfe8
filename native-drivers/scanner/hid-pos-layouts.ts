// Where each field sits in a HID POS "Scanned Data Report", per vendor.
//
// What we relied on (checked with the code and docs search, not from memory):
// - HID Point of Sale Usage Tables v1.02 (usb.org pos1_02.pdf), as transcribed in public usage-table
//   code (Haiku's HID page headers, the Windows SDK's hidusage.h, Apple's HIDDriverKit "Bar Code
//   Scanner" usages): usage page 0x8C (HID_USAGE_PAGE_BARCODE_SCANNER = 140) "Bar Code Scanner";
//   usage 0x02 "Bar Code Scanner" (application collection, the one to match devices on); 0x12
//   "Scanned Data Report"; 0xFB–0xFD "Symbology Identifier 1–3"; 0xFE "Decoded Data"; 0xFF "Decode
//   Data Continued" (a 1-bit flag: more reports of the same label follow).
// - A Honeywell (HHP) scanner's report descriptor in public firmware code (UsbRem.cpp): report id 2,
//   a byte count (Generic Desktop 0x3B), three Symbology Identifier bytes, 56 bytes Decoded Data,
//   two vendor "Code ID" bytes (page 0xFF66), then the Decode Data Continued bit — 64 bytes in all,
//   the firmware setting that bit while more than 56 bytes remain. NielsLeenheer/WebHidBarcodeScanner
//   (src/main.js) reads the same layout (WebHID strips the id: length at 0, AIM at 1–3, flag at 62)
//   and sends feature report 0xFE = 1 to put a Honeywell into HID POS mode.
// - The generic layout (data first, AIM id and the flag at the end) is what FIELD.md describes for
//   scanners that lay the usages out in that order; its offsets follow from a 64-byte report.
//
// Offsets count from the report id at byte 0, as the vendors document them; reports delivered
// without the id (WebHID, some hidraw setups) are shifted by the parser.

export interface HidPosLayout {
  readonly name: string;
  /** The input report id of scanned data. */
  readonly reportId: number;
  /** Bytes in the report including the id byte. */
  readonly reportBytes: number;
  readonly lengthAt: number;
  readonly dataAt: number;
  /** Most data bytes one report carries; a longer label is continued in the next report. */
  readonly dataCapacity: number;
  /** First of the three AIM identifier bytes ("]E0"); all zero when the scanner sends none. */
  readonly aimAt: number;
  readonly moreAt: number;
  readonly moreMask: number;
}

export const genericLayout: HidPosLayout = {
  name: 'generic',
  reportId: 0x02,
  reportBytes: 64,
  lengthAt: 1,
  dataAt: 2,
  dataCapacity: 58,
  aimAt: 60,
  moreAt: 63,
  moreMask: 0x01,
};

export const honeywellLayout: HidPosLayout = {
  name: 'honeywell',
  reportId: 0x02,
  reportBytes: 64,
  lengthAt: 1,
  aimAt: 2,
  dataAt: 5,
  dataCapacity: 56,
  // Bytes 61–62 are Honeywell's own Code ID; the AIM id says the same in a standard way.
  moreAt: 63,
  moreMask: 0x01,
};

/** USB vendor id → layout; anything else is read with the generic layout. */
const byVendor: ReadonlyMap<number, HidPosLayout> = new Map([[0x0c2e, honeywellLayout]]);

export const layoutForVendor = (vendorId: number): HidPosLayout => byVendor.get(vendorId) ?? genericLayout;
