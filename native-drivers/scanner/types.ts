// What every scanner driver (HID POS, keyboard wedge, serial) produces, whatever the transport.
// Modelled on UnifiedPOS ScanData / ScanDataLabel / ScanDataType.

/** The symbology as the AIM identifier names it (`]E0` EAN-13/UPC-A, `]C1` GS1-128, …). */
export type Symbology =
  | 'ean13'
  | 'ean8'
  | 'upca'
  | 'upce'
  | 'code128'
  | 'gs1-128'
  | 'code39'
  | 'itf'
  | 'qr'
  | 'gs1-qr'
  | 'datamatrix'
  | 'gs1-datamatrix'
  | 'gs1-databar'
  | 'pdf417'
  // Added with the HID/serial decoders; appended so existing producers and consumers stay valid.
  /** A 2- or 5-digit EAN/UPC add-on sent on its own (`]E1`, `]E2`). */
  | 'ean-addon'
  | 'codabar'
  | 'code93'
  | 'aztec'
  | 'unknown';

export type ScanSource = 'hid-pos' | 'wedge' | 'serial' | 'manual';

export interface ScanEvent {
  /** The label data with the AIM identifier stripped; GS1 separators kept as GS (0x1D). */
  data: string;
  symbology: Symbology;
  /** The raw AIM identifier when the scanner sent one, e.g. "]E0". */
  aim: string | null;
  source: ScanSource;
  /** Device id from the device manager, e.g. "hid:0c2e:0b61:1"; null for manual entry. */
  deviceId: string | null;
  /** Milliseconds since the epoch when the last byte arrived. */
  at: number;
}
