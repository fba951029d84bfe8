// Lays a ReceiptDocument out on 32, 42 or 48 columns and encodes it for one printer. Column math
// counts what the paper shows: a Chinese character printed in Chinese mode takes two columns, so
// names wrap and amounts right-align the same way in Russian, English and Chinese.
import { charColumns, textColumns } from './charset';
import type { AmountRow, DocumentLine, ReceiptDocument } from './document';
import type { Alignment, EncodedJob } from './encoder';
import { EscPosEncoder } from './encoder';
import type { PrinterProfile } from './profiles';

export interface LayoutOptions {
  /** Characters per line; the profile's Font A width unless the printer is set otherwise. */
  columns?: number;
  cut?: 'full' | 'partial';
}

const INDENT = '  ';
const isSpace = (char: string): boolean => char === ' ' || /\s/.test(char);

interface Token {
  text: string;
  columns: number;
  space: boolean;
}

function tokenize(profile: PrinterProfile, text: string): Token[] {
  const tokens: Token[] = [];
  let word: Token | null = null;
  let space: Token | null = null;
  for (const char of text) {
    if (isSpace(char)) {
      word = null;
      if (!space) tokens.push((space = { text: '', columns: 0, space: true }));
      space.text += ' ';
      space.columns += 1;
      continue;
    }
    space = null;
    const columns = charColumns(profile, char.codePointAt(0) ?? 0x3f);
    if (columns === 2) {
      // A line may break before or after any wide (CJK) character: Chinese has no spaces.
      word = null;
      tokens.push({ text: char, columns, space: false });
      continue;
    }
    if (!word) tokens.push((word = { text: '', columns: 0, space: false }));
    word.text += char;
    word.columns += columns;
  }
  return tokens;
}

/** Breaks `text` into lines of at most `width` columns, at spaces or around CJK characters. */
export function wrapText(profile: PrinterProfile, text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  let used = 0;
  let pendingSpace = '';
  const flush = () => {
    lines.push(current);
    current = '';
    used = 0;
    pendingSpace = '';
  };
  for (const token of tokenize(profile, text)) {
    if (token.space) {
      if (used > 0) pendingSpace = token.text;
      continue;
    }
    if (used + pendingSpace.length + token.columns <= width) {
      current += pendingSpace + token.text;
      used += pendingSpace.length + token.columns;
      pendingSpace = '';
      continue;
    }
    if (used > 0) flush();
    pendingSpace = '';
    if (token.columns <= width) {
      current = token.text;
      used = token.columns;
      continue;
    }
    for (const char of token.text) {
      const columns = charColumns(profile, char.codePointAt(0) ?? 0x3f);
      if (used > 0 && used + columns > width) flush();
      current += char;
      used += columns;
    }
  }
  if (used > 0 || lines.length === 0) lines.push(current);
  return lines;
}

/**
 * `left` wrapped on the left and `right` aligned to the right edge of the last line, e.g.
 * "Итого              1 234,50 RUB". `indent` shifts the left text (and its wrapped lines).
 */
export function leftRight(
  profile: PrinterProfile,
  left: string,
  right: string,
  width: number,
  indent = '',
): string[] {
  const rightColumns = textColumns(profile, right);
  if (rightColumns === 0) return wrapText(profile, left, width - indent.length).map((line) => indent + line);
  if (rightColumns + 1 + indent.length >= width) {
    const lines = wrapText(profile, left, width - indent.length).map((line) => indent + line);
    return [...lines, ' '.repeat(Math.max(0, width - rightColumns)) + right];
  }
  const lines = wrapText(profile, left, width - rightColumns - 1 - indent.length).map(
    (line) => indent + line,
  );
  const last = lines.pop() ?? '';
  const gap = width - textColumns(profile, last) - rightColumns;
  return [...lines, last + ' '.repeat(gap) + right];
}

/** One printed thing, in paper order: what `encodeLayout` turns into bytes and tests read back. */
export type LayoutOp =
  | { kind: 'text'; text: string; align: Alignment; bold: boolean; width: 1 | 2; height: 1 | 2 }
  | { kind: 'barcode'; symbology: 'code128' | 'ean13'; data: string }
  | { kind: 'qr'; payload: string }
  | { kind: 'drawer' }
  | { kind: 'cut'; mode: 'full' | 'partial' };

export function layoutReceipt(
  document: ReceiptDocument,
  profile: PrinterProfile,
  options: LayoutOptions = {},
): LayoutOp[] {
  const width = options.columns ?? profile.columns;
  const ops: LayoutOp[] = [];
  let align: Alignment = 'left';
  let bold = false;
  let height: 1 | 2 = 1;
  const rows = (lines: string[]) => {
    for (const text of lines) ops.push({ kind: 'text', text, align, bold, width: 1, height });
  };
  const amountRow = (row: AmountRow, indent = '') =>
    rows(leftRight(profile, row.label, row.amount, width, indent));
  const rule = () => rows(['-'.repeat(width)]);
  const blank = () => rows(['']);
  const centred = (line: DocumentLine) => {
    if (line.large && textColumns(profile, line.text) * 2 <= width) {
      ops.push({ kind: 'text', text: line.text, align, bold: true, width: 2, height: 2 });
      return;
    }
    bold = !!(line.large || line.bold);
    rows(wrapText(profile, line.text, width));
    bold = false;
  };

  // The drawer opens while the receipt prints, so the cashier can give change at once.
  if (document.openDrawer) ops.push({ kind: 'drawer' });

  align = 'center';
  document.header.forEach(centred);
  align = 'left';
  rule();

  for (const item of document.items) {
    rows(wrapText(profile, item.name, width));
    rows(leftRight(profile, `${item.quantity} x ${item.unitPrice}`, item.total, width, INDENT));
  }
  rule();
  for (const adjustment of document.adjustments ?? []) amountRow(adjustment);

  bold = true;
  height = 2;
  amountRow(document.total);
  bold = false;
  height = 1;
  for (const tax of document.taxes) amountRow(tax);

  if (document.tenders.length > 0 || document.change) rule();
  for (const tender of document.tenders) {
    amountRow(tender);
    for (const detail of tender.details) amountRow(detail, INDENT);
  }
  if (document.change) {
    bold = true;
    amountRow(document.change);
    bold = false;
  }

  align = 'center';
  if (document.footer.length > 0) {
    blank();
    document.footer.forEach(centred);
  }
  if (document.barcode) {
    blank();
    ops.push({ kind: 'barcode', ...document.barcode });
  }
  if (document.qr) {
    blank();
    rows(wrapText(profile, document.qr.caption, width));
    ops.push({ kind: 'qr', payload: document.qr.payload });
  }
  ops.push({ kind: 'cut', mode: options.cut ?? 'partial' });
  return ops;
}

/** Bytes for laid-out operations; style and alignment commands go out only when they change. */
export function encodeLayout(ops: readonly LayoutOp[], profile: PrinterProfile): EncodedJob {
  const encoder = new EscPosEncoder(profile).initialize();
  let align: Alignment = 'left';
  let bold = false;
  let size = 0x11;
  const alignTo = (next: Alignment) => {
    if (next !== align) encoder.align((align = next));
  };
  for (const op of ops) {
    switch (op.kind) {
      case 'text': {
        alignTo(op.align);
        if (op.bold !== bold) encoder.bold((bold = op.bold));
        if (((op.width << 4) | op.height) !== size) {
          size = (op.width << 4) | op.height;
          encoder.size(op.width, op.height);
        }
        encoder.line(op.text);
        break;
      }
      case 'barcode':
        // Barcodes follow the alignment in force, so a centred block centres them too.
        if (op.symbology === 'code128') encoder.barcodeCode128(op.data);
        else encoder.barcodeEan13(op.data);
        break;
      case 'qr':
        encoder.qrCode(op.payload, { moduleSize: profile.paperMm === 58 ? 4 : 6 });
        break;
      case 'drawer':
        encoder.kickDrawer(2);
        break;
      case 'cut':
        // Function B: feed the last line past the cutter, then cut.
        encoder.cut(op.mode, 0);
        break;
    }
  }
  return encoder.encode();
}

export function encodeReceipt(
  document: ReceiptDocument,
  profile: PrinterProfile,
  options: LayoutOptions = {},
): EncodedJob {
  return encodeLayout(layoutReceipt(document, profile, options), profile);
}
