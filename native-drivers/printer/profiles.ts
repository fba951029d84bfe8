// What the encoder must know about a printer model. ESC/POS is one command language, but the number
// behind `ESC t n` (select character code table), the line width and whether the model has a
// double-byte Chinese mode differ from model to model, so the choice is a profile, never a guess.
//
// Code table numbers: Epson's ESC t reference (0 = PC437, 17 = PC866 Cyrillic #2, 19 = PC858 Euro),
// cross-checked with the per-vendor tables of @point-of-sale/receipt-printer-encoder
// (NielsLeenheer/ReceiptPrinterEncoder, generated/mapping.js: 'epson', 'xprinter' and 'star' in
// ESC/POS mode all put cp866 at 17 and cp858 at 19). Columns are Font A (12 × 24 dots):
// 576 dots = 48, TM-T88's 512 dots at 180 dpi = 42, 58 mm printers' 384 dots = 32.
import type { z } from 'zod';
import type { PrinterProfileId } from '../../contract/config';

export type CodePageName = 'cp437' | 'cp858' | 'cp866';

export interface CodeTable {
  codePage: CodePageName;
  /** The n of `ESC t n` that selects this table on this model. */
  escT: number;
}

/** The models settings can name (contract/config.ts); each has a profile below. */
export type PrinterProfileId = z.infer<typeof PrinterProfileId>;

export interface PrinterProfile {
  readonly id: PrinterProfileId;
  readonly name: string;
  readonly paperMm: 58 | 80;
  /** Font A characters per line. */
  readonly columns: number;
  /** Printable dots per line, to check that a barcode fits before the printer silently drops it. */
  readonly dotsPerLine: number;
  /** Single-byte tables in order of preference; the first is selected right after ESC @. */
  readonly codeTables: readonly CodeTable[];
  /**
   * Double-byte Chinese (GBK) mode entered with FS & and left with FS ., or null where the model has
   * none. `onAfterReset`: Chinese-market printers start in this mode and stay in it after ESC @, so
   * single-byte code pages print as Chinese until FS . is sent.
   */
  readonly chinese: { readonly onAfterReset: boolean } | null;
}

const westernAndCyrillic: readonly CodeTable[] = [
  { codePage: 'cp866', escT: 17 },
  { codePage: 'cp858', escT: 19 },
  { codePage: 'cp437', escT: 0 },
];

const basic: readonly CodeTable[] = [
  { codePage: 'cp866', escT: 17 },
  { codePage: 'cp437', escT: 0 },
];

export const printerProfiles: Readonly<Record<PrinterProfileId, PrinterProfile>> = {
  'epson-tm-t20': {
    id: 'epson-tm-t20',
    name: 'Epson TM-T20 (80 mm)',
    paperMm: 80,
    columns: 48,
    dotsPerLine: 576,
    codeTables: westernAndCyrillic,
    chinese: null,
  },
  'epson-tm-t88': {
    id: 'epson-tm-t88',
    name: 'Epson TM-T88 (80 mm, 180 dpi)',
    paperMm: 80,
    columns: 42,
    dotsPerLine: 512,
    codeTables: westernAndCyrillic,
    chinese: null,
  },
  'xprinter-xp-80': {
    id: 'xprinter-xp-80',
    name: 'Xprinter XP-80 (80 mm, GBK)',
    paperMm: 80,
    columns: 48,
    dotsPerLine: 576,
    codeTables: westernAndCyrillic,
    chinese: { onAfterReset: true },
  },
  'xprinter-xp-58': {
    id: 'xprinter-xp-58',
    name: 'Xprinter XP-58 (58 mm, GBK)',
    paperMm: 58,
    columns: 32,
    dotsPerLine: 384,
    codeTables: westernAndCyrillic,
    chinese: { onAfterReset: true },
  },
  'star-escpos': {
    id: 'star-escpos',
    name: 'Star TSP100/mC-Print in ESC/POS emulation (80 mm)',
    paperMm: 80,
    columns: 48,
    dotsPerLine: 576,
    codeTables: westernAndCyrillic,
    chinese: null,
  },
  'generic-80': {
    id: 'generic-80',
    name: 'Generic ESC/POS (80 mm)',
    paperMm: 80,
    columns: 42,
    dotsPerLine: 512,
    codeTables: basic,
    chinese: null,
  },
  'generic-58': {
    id: 'generic-58',
    name: 'Generic ESC/POS (58 mm)',
    paperMm: 58,
    columns: 32,
    dotsPerLine: 384,
    codeTables: basic,
    chinese: null,
  },
};
