// Which USB devices are POS peripherals, so the device manager finds scanners, printers and card
// readers by themselves. Standards decide first (HID POS usage pages, the USB printer class), then
// exact product ids, then the vendor. Ids were checked against usb.ids (linux-usb.org, as shipped in
// systemd's hwdb 20-usb-vendor-model.hwdb) and, where usb.ids names only a chip, against public code
// that drives the device; each entry names its source. deploy/linux/99-omnitill.rules grants access
// to the same vendors (a test keeps the two in step).

export type DeviceRole = 'scanner' | 'printer' | 'card-reader';

/** How the till talks to the device. */
export type DeviceMode =
  /** HID POS usage page (0x8C scanner, 0x8E card reader): read input reports through node-hid. */
  | 'hid-pos'
  /**
   * A vendor-defined HID usage page whose reports Omnitill reads (MagTek-layout card readers, see
   * card-reader/hid-msr-layouts.ts): input reports through node-hid, as for HID POS.
   */
  | 'hid-vendor'
  /** Types like a keyboard: handled by the keyboard wedge; cannot be opened on Windows. */
  | 'keyboard'
  /** USB CDC ACM or a serial adapter: a serial port. */
  | 'serial'
  /** USB printer class 7: bulk endpoints through the usb transport. */
  | 'printer-class'
  /** A vendor protocol (Symbol SNAPI, IBM OPOS modes): known, but not driven by Omnitill. */
  | 'vendor-specific'
  | 'unknown';

export interface KnownVendor {
  vendorId: number;
  name: string;
  role: DeviceRole;
  /**
   * False for vendors whose id alone does not tell the role: chip makers whose ids Chinese printers
   * reuse (Winbond, STMicroelectronics), and Epson, which also makes photo scanners.
   */
  trustVendorId: boolean;
  source: string;
}

export interface KnownProduct {
  vendorId: number;
  productId: number;
  name: string;
  role: DeviceRole;
  mode: DeviceMode;
  source: string;
}

const USB_IDS = 'usb.ids (systemd hwdb 20-usb-vendor-model.hwdb)';

export const knownVendors: readonly KnownVendor[] = [
  { vendorId: 0x0c2e, name: 'Honeywell (Metrologic)', role: 'scanner', trustVendorId: true, source: USB_IDS },
  {
    vendorId: 0x0536,
    name: 'Honeywell (Hand Held Products)',
    role: 'scanner',
    trustVendorId: true,
    source: USB_IDS,
  },
  { vendorId: 0x067e, name: 'Intermec (Honeywell)', role: 'scanner', trustVendorId: true, source: USB_IDS },
  { vendorId: 0x05e0, name: 'Zebra (Symbol)', role: 'scanner', trustVendorId: true, source: USB_IDS },
  { vendorId: 0x05f9, name: 'Datalogic (PSC)', role: 'scanner', trustVendorId: true, source: USB_IDS },
  { vendorId: 0x1eab, name: 'Newland', role: 'scanner', trustVendorId: true, source: USB_IDS },
  { vendorId: 0x065a, name: 'Opticon', role: 'scanner', trustVendorId: true, source: USB_IDS },
  { vendorId: 0x04b8, name: 'Epson', role: 'printer', trustVendorId: false, source: USB_IDS },
  { vendorId: 0x0519, name: 'Star Micronics', role: 'printer', trustVendorId: true, source: USB_IDS },
  { vendorId: 0x1504, name: 'Bixolon', role: 'printer', trustVendorId: true, source: USB_IDS },
  { vendorId: 0x1d90, name: 'Citizen', role: 'printer', trustVendorId: true, source: USB_IDS },
  { vendorId: 0x2730, name: 'Citizen', role: 'printer', trustVendorId: true, source: USB_IDS },
  { vendorId: 0x0dd4, name: 'Custom', role: 'printer', trustVendorId: true, source: USB_IDS },
  { vendorId: 0x154f, name: 'SNBC', role: 'printer', trustVendorId: true, source: USB_IDS },
  {
    vendorId: 0x0416,
    name: 'Winbond (generic chip; Xprinter, POS58)',
    role: 'printer',
    trustVendorId: false,
    source: USB_IDS,
  },
  {
    vendorId: 0x0483,
    name: 'STMicroelectronics (generic chip; Xprinter, Rongta)',
    role: 'printer',
    trustVendorId: false,
    source: USB_IDS,
  },
  { vendorId: 0x0801, name: 'MagTek', role: 'card-reader', trustVendorId: true, source: USB_IDS },
  { vendorId: 0x0acd, name: 'ID TECH', role: 'card-reader', trustVendorId: true, source: USB_IDS },
];

export const knownProducts: readonly KnownProduct[] = [
  // Newland numbers each engine's modes alike: …03 keyboard, …06 CDC serial, …10 HID POS.
  ...(
    [
      [0x0c, 'HR100/HR3260/HR3290 cordless/BS80'],
      [0x13, 'EM30xx/EM20xx/HR3260 corded/HR200C'],
      [0x14, 'HR15'],
      [0x16, 'FM100-M/3250'],
    ] as const
  ).flatMap(([high, model]) =>
    (
      [
        [0x03, 'keyboard'],
        [0x06, 'serial'],
        [0x10, 'hid-pos'],
      ] as const
    ).map(([low, mode]) => ({
      vendorId: 0x1eab,
      productId: (high << 8) | low,
      name: `Newland ${model}`,
      role: 'scanner' as const,
      mode,
      source: USB_IDS,
    })),
  ),
  {
    vendorId: 0x05e0,
    productId: 0x1200,
    name: 'Symbol scanner, keyboard emulation',
    role: 'scanner',
    mode: 'keyboard',
    source: `${USB_IDS}; Symbol MS4407 Integration Guide 9-3 (via Dar-Ko/babylonlib UsbVid05E0.h)`,
  },
  {
    vendorId: 0x05e0,
    productId: 0x1300,
    name: 'Symbol scanner, IBM hand-held (OPOS)',
    role: 'scanner',
    mode: 'vendor-specific',
    source: 'Symbol MS4407 Integration Guide 9-3 (via Dar-Ko/babylonlib UsbVid05E0.h)',
  },
  {
    vendorId: 0x05e0,
    productId: 0x1701,
    name: 'Symbol scanner, CDC serial',
    role: 'scanner',
    mode: 'serial',
    source: USB_IDS,
  },
  {
    vendorId: 0x05e0,
    productId: 0x1900,
    name: 'Symbol scanner, SNAPI',
    role: 'scanner',
    mode: 'vendor-specific',
    source: USB_IDS,
  },
  {
    vendorId: 0x05f9,
    productId: 0x4204,
    name: 'Datalogic Gryphon, RS-232 emulation',
    role: 'scanner',
    mode: 'serial',
    source: USB_IDS,
  },
  {
    vendorId: 0x0c2e,
    productId: 0x0b81,
    name: 'Honeywell Voyager 1400g',
    role: 'scanner',
    mode: 'unknown',
    source: USB_IDS,
  },
  {
    vendorId: 0x04b8,
    productId: 0x0202,
    name: 'Epson TM-T88IV / TM-T70 (UB-U05)',
    role: 'printer',
    mode: 'printer-class',
    source: `${USB_IDS}; python-escpos README`,
  },
  {
    vendorId: 0x04b8,
    productId: 0x0e03,
    name: 'Epson TM-T20',
    role: 'printer',
    mode: 'printer-class',
    source: USB_IDS,
  },
  {
    vendorId: 0x04b8,
    productId: 0x0e15,
    name: 'Epson TM series receipt printer',
    role: 'printer',
    mode: 'printer-class',
    // Public projects name it TM-T20II or TM-T88V; both are TM receipt printers.
    source: 'lsusb output and USB id lists in public python-escpos projects',
  },
  {
    vendorId: 0x0519,
    productId: 0x0003,
    name: 'Star TSP100',
    role: 'printer',
    mode: 'printer-class',
    source: USB_IDS,
  },
  {
    vendorId: 0x1504,
    productId: 0x001f,
    name: 'Bixolon SRP-350II',
    role: 'printer',
    mode: 'printer-class',
    source: USB_IDS,
  },
  {
    vendorId: 0x1d90,
    productId: 0x20f0,
    name: 'Citizen CT-E351',
    role: 'printer',
    mode: 'printer-class',
    source: USB_IDS,
  },
  {
    vendorId: 0x2730,
    productId: 0x0fff,
    name: 'Citizen CT-S2000/4000/310',
    role: 'printer',
    mode: 'printer-class',
    source: USB_IDS,
  },
  {
    vendorId: 0x0dd4,
    productId: 0x0237,
    name: 'Custom K80',
    role: 'printer',
    mode: 'printer-class',
    source: USB_IDS,
  },
  {
    vendorId: 0x0416,
    productId: 0x5011,
    name: 'POS58 / Xprinter (Winbond chip)',
    role: 'printer',
    mode: 'printer-class',
    source: 'vpatron/usb_receipt_printer, lsongdev/node-escpos example (usb.ids: "Virtual Com Port")',
  },
  {
    vendorId: 0x0483,
    productId: 0x5743,
    name: 'Rongta RP58 / generic 58 mm (STM chip)',
    role: 'printer',
    mode: 'printer-class',
    source: 'several python-escpos users and escpos-rs example',
  },
  {
    vendorId: 0x0483,
    productId: 0x070b,
    name: 'Xprinter XP-58IIT (STM chip)',
    role: 'printer',
    mode: 'printer-class',
    source: 'several python-escpos and gousb users',
  },
  {
    vendorId: 0x0801,
    productId: 0x0001,
    name: 'MagTek Mini Swipe Reader, keyboard emulation',
    role: 'card-reader',
    mode: 'keyboard',
    source: USB_IDS,
  },
  {
    vendorId: 0x0801,
    productId: 0x0002,
    name: 'MagTek USB HID Swipe Reader (Mini Swipe, SureSwipe)',
    role: 'card-reader',
    mode: 'hid-vendor',
    source: `${USB_IDS}; MagTek USB HID Swipe Reader Technical Reference Manual 99875191; Micah Carrick's magtek-pyusb`,
  },
  {
    vendorId: 0x0801,
    productId: 0x0011,
    name: 'MagTek MagneSafe / Dynamag (encrypting)',
    role: 'card-reader',
    // Its HID reports carry encrypted tracks (MagneSafe V5 manual: 112-byte encrypted track fields,
    // MagnePrint): only the payment application can read them, so the till leaves it alone.
    mode: 'vendor-specific',
    source: `${USB_IDS}; Microsoft's Windows MagneticStripeReader sample (MagneSafe HID, VID 0801 PID 0011); MagTek MagneSafe V5 reference manual`,
  },
  {
    vendorId: 0x0acd,
    productId: 0x2010,
    name: 'ID TECH SecureMag, HID mode',
    role: 'card-reader',
    mode: 'hid-vendor',
    source: 'ID TECH SecureMag User Manual 80096504-001, section 10 (HID mode: product id 2010)',
  },
  {
    vendorId: 0x0acd,
    productId: 0x2030,
    name: 'ID TECH reader, keyboard emulation (SecureMag, ValueMag)',
    role: 'card-reader',
    mode: 'keyboard',
    source: `${USB_IDS} ("ValueMag Magnetic Stripe Reader"); ID TECH SecureMag User Manual section 10 (KB mode: product id 2030)`,
  },
  {
    vendorId: 0x0acd,
    productId: 0x0630,
    name: 'ID TECH Spectrum III mag-only insert reader, USB CDC',
    role: 'card-reader',
    mode: 'serial',
    source: USB_IDS,
  },
];

/** HID usage pages of the HID Point of Sale Usage Tables 1.02. */
export const HID_USAGE_PAGE_BARCODE_SCANNER = 0x8c;
export const HID_USAGE_PAGE_MSR = 0x8e;
const HID_USAGE_PAGE_GENERIC_DESKTOP = 0x01;
const HID_USAGE_KEYBOARD = 0x06;

const USB_CLASS_CDC = 0x02;
const USB_CLASS_HID = 0x03;
const USB_CLASS_PRINTER = 0x07;
const USB_CLASS_CDC_DATA = 0x0a;
const USB_CLASS_VENDOR = 0xff;

/** What discovery knows of a device: from the usb device list, or from node-hid's for HID interfaces. */
export interface UsbDeviceSummary {
  vendorId: number;
  productId: number;
  deviceClass?: number;
  interfaces?: readonly { interfaceClass: number }[];
  /** node-hid's usagePage/usage of the HID interface. */
  usagePage?: number;
  usage?: number;
}

export interface UsbClassification {
  role: DeviceRole;
  mode: DeviceMode;
  /** Which rule decided, for the devices page ("recognised by its USB class"). */
  by: 'hid-usage' | 'known-product' | 'printer-class' | 'known-vendor';
  name: string | null;
}

/** The role and mode of a USB device, or null when it is not a POS peripheral Omnitill knows. */
export function classifyUsbDevice(device: UsbDeviceSummary): UsbClassification | null {
  const vendor = knownVendors.find((known) => known.vendorId === device.vendorId);
  if (device.usagePage === HID_USAGE_PAGE_BARCODE_SCANNER) {
    return { role: 'scanner', mode: 'hid-pos', by: 'hid-usage', name: vendor?.name ?? null };
  }
  if (device.usagePage === HID_USAGE_PAGE_MSR) {
    return { role: 'card-reader', mode: 'hid-pos', by: 'hid-usage', name: vendor?.name ?? null };
  }
  const product = knownProducts.find(
    (known) => known.vendorId === device.vendorId && known.productId === device.productId,
  );
  if (product) return { role: product.role, mode: product.mode, by: 'known-product', name: product.name };
  const classes = [device.deviceClass, ...(device.interfaces ?? []).map((i) => i.interfaceClass)];
  if (classes.includes(USB_CLASS_PRINTER)) {
    return { role: 'printer', mode: 'printer-class', by: 'printer-class', name: vendor?.name ?? null };
  }
  if (vendor?.trustVendorId) {
    return {
      role: vendor.role,
      mode: modeFromClasses(device, classes),
      by: 'known-vendor',
      name: vendor.name,
    };
  }
  return null;
}

function modeFromClasses(device: UsbDeviceSummary, classes: readonly (number | undefined)[]): DeviceMode {
  if (device.usagePage === HID_USAGE_PAGE_GENERIC_DESKTOP && device.usage === HID_USAGE_KEYBOARD) {
    return 'keyboard';
  }
  if (classes.includes(USB_CLASS_CDC) || classes.includes(USB_CLASS_CDC_DATA)) return 'serial';
  if (classes.includes(USB_CLASS_VENDOR)) return 'vendor-specific';
  // A HID interface that is not HID POS (that was decided above) is a keyboard to the system.
  if (classes.includes(USB_CLASS_HID)) return 'keyboard';
  return 'unknown';
}
