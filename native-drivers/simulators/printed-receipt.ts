// The paper a virtual printer produces: decoded events collected into receipts, one per cut, and
// shown as plain text (for golden files) the way the printer lays them out on its columns.
import { textColumns } from '../printer/charset';
import type { BarcodeSymbology, EscPosEvent, TextSpan } from '../printer/decoder';
import type { Alignment, HriPosition } from '../printer/encoder';
import type { PrinterProfile } from '../printer/profiles';

export type PaperItem =
  | { kind: 'line'; text: string; align: Alignment; spans: TextSpan[] }
  | { kind: 'barcode'; symbology: BarcodeSymbology; data: string; hri: HriPosition; align: Alignment }
  | { kind: 'qr'; payload: string; align: Alignment }
  | { kind: 'drawer'; pin: 2 | 5 };

export interface PrintedReceipt {
  /** Everything on the paper, top to bottom, with the drawer pulses where they happened. */
  items: PaperItem[];
  /** The text lines exactly as decoded, without the padding alignment adds. */
  lines: string[];
  barcodes: { symbology: BarcodeSymbology; data: string }[];
  qrCodes: string[];
  drawerKicks: number;
  /** ESC t tables selected while it printed, in order. */
  codeTables: number[];
  /** Commands the decoder did not recognise. */
  unknownCommands: number;
  cut: 'full' | 'partial';
}

/** Collects printed events; `apply` answers the finished receipt when a cut comes. */
export class PaperRoll {
  private items: PaperItem[] = [];
  private codeTables: number[] = [];
  private unknownCommands = 0;
  private align: Alignment = 'left';

  apply(event: EscPosEvent): PrintedReceipt | null {
    switch (event.type) {
      case 'line':
        this.items.push({ kind: 'line', text: event.text, align: event.align, spans: event.spans });
        return null;
      case 'feed':
        if (event.unit === 'line') {
          for (let i = 0; i < event.amount; i++)
            this.items.push({ kind: 'line', text: '', align: 'left', spans: [] });
        }
        return null;
      case 'align':
        this.align = event.align;
        return null;
      case 'init':
        this.align = 'left';
        return null;
      case 'barcode':
        this.items.push({
          kind: 'barcode',
          symbology: event.symbology,
          data: event.data,
          hri: event.hri,
          align: this.align,
        });
        return null;
      case 'qr':
        this.items.push({ kind: 'qr', payload: event.payload, align: this.align });
        return null;
      case 'drawer':
        this.items.push({ kind: 'drawer', pin: event.pin });
        return null;
      case 'code-page':
        this.codeTables.push(event.table);
        return null;
      case 'unknown':
        this.unknownCommands += 1;
        return null;
      case 'cut':
        return this.finish(event.mode);
      default:
        return null;
    }
  }

  /** Paper printed since the last cut: a receipt the paper ran out on, or one never cut. */
  get pending(): readonly PaperItem[] {
    return this.items;
  }

  clear(): void {
    this.items = [];
    this.codeTables = [];
    this.unknownCommands = 0;
    this.align = 'left';
  }

  private finish(cut: 'full' | 'partial'): PrintedReceipt {
    const items = this.items;
    const receipt: PrintedReceipt = {
      items,
      lines: items.flatMap((item) => (item.kind === 'line' ? [item.text] : [])),
      barcodes: items.flatMap((item) =>
        item.kind === 'barcode' ? [{ symbology: item.symbology, data: item.data }] : [],
      ),
      qrCodes: items.flatMap((item) => (item.kind === 'qr' ? [item.payload] : [])),
      drawerKicks: items.filter((item) => item.kind === 'drawer').length,
      codeTables: this.codeTables,
      unknownCommands: this.unknownCommands,
      cut,
    };
    this.items = [];
    this.codeTables = [];
    this.unknownCommands = 0;
    return receipt;
  }
}

/** Columns a printed line takes: each span's characters times its width multiplier. */
function lineColumns(profile: PrinterProfile, spans: readonly TextSpan[]): number {
  return spans.reduce((sum, span) => sum + textColumns(profile, span.text) * span.width, 0);
}

function placed(text: string, columns: number, align: Alignment, width: number): string {
  const free = Math.max(0, width - columns);
  const left = align === 'center' ? Math.floor(free / 2) : align === 'right' ? free : 0;
  return (' '.repeat(left) + text).trimEnd();
}

/**
 * The receipt as text, as the printer places it on `columns` columns: centred and right-aligned
 * lines padded, barcodes and QR codes as [bracketed] markers, the drawer pulse and the cut too.
 * Double-width text is shown with its characters once but placed by its printed width.
 */
export function receiptText(
  receipt: PrintedReceipt,
  profile: PrinterProfile,
  columns = profile.columns,
): string {
  const out: string[] = [];
  for (const item of receipt.items) {
    switch (item.kind) {
      case 'line':
        out.push(
          placed(item.text.replace(/\t/g, ' '), lineColumns(profile, item.spans), item.align, columns),
        );
        break;
      case 'barcode': {
        const marker = `[${item.symbology.toUpperCase()} ${item.data}]`;
        out.push(placed(marker, textColumns(profile, marker), item.align, columns));
        break;
      }
      case 'qr': {
        const marker = `[QR ${item.payload}]`;
        out.push(placed(marker, textColumns(profile, marker), item.align, columns));
        break;
      }
      case 'drawer':
        out.push(`[drawer kick, pin ${item.pin}]`);
        break;
    }
  }
  out.push(`[${receipt.cut} cut]`);
  return `${out.join('\n')}\n`;
}
