// A picture of a printed receipt, for the demo's devices page and for a human checking a test.
//
// Chromium draws it (playwright-core with the system Chromium) from a small HTML page: the browser
// shapes Cyrillic and Chinese with the system's fonts, where a pngjs bitmap renderer would need
// glyph data for every character in the repository. Chinese needs a CJK font installed
// (fonts-noto-cjk on Debian, `fc-list :lang=zh` lists it); without one, Chinese shows as boxes.
// Barcodes and QR codes are drawn as labelled boxes holding their data, not as scannable symbols.
import { existsSync } from 'node:fs';
import { charColumns } from '../printer/charset';
import type { TextSpan } from '../printer/decoder';
import type { PrinterProfile } from '../printer/profiles';
import type { PrintedReceipt } from './printed-receipt';

export interface RenderOptions {
  profile: PrinterProfile;
  columns?: number;
  /** A Chromium binary; defaults to $CHROMIUM_PATH or the system one. */
  chromiumPath?: string;
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"]/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] ?? char,
  );

/** Wide characters get a cell of exactly two columns, whatever the fallback font's advance is. */
function spanHtml(profile: PrinterProfile, span: TextSpan): string {
  let inner = '';
  let columns = 0;
  for (const char of span.text) {
    const width = charColumns(profile, char.codePointAt(0) ?? 0x3f);
    columns += width;
    inner += width === 2 ? `<span class="wide">${escapeHtml(char)}</span>` : escapeHtml(char);
  }
  const classes = [span.bold ? 'bold' : '', span.underline ? 'underline' : ''].join(' ').trim();
  if (span.width === 1 && span.height === 1) return `<span class="${classes}">${inner}</span>`;
  return (
    `<span class="scaled" style="width:${columns * span.width}ch;height:${span.height * 1.3}em">` +
    `<span class="${classes}" style="transform:scale(${span.width},${span.height})">${inner}</span></span>`
  );
}

function receiptHtml(receipt: PrintedReceipt, profile: PrinterProfile, columns: number): string {
  const rows = receipt.items.map((item) => {
    switch (item.kind) {
      case 'line': {
        const height = Math.max(1, ...item.spans.map((span) => span.height));
        const spans = item.spans.map((span) => spanHtml(profile, span)).join('');
        return `<div class="line ${item.align}" style="min-height:${height * 1.3}em">${spans}</div>`;
      }
      case 'barcode':
        return `<div class="line ${item.align}"><span class="symbol">${escapeHtml(item.symbology.toUpperCase())}<br>${escapeHtml(item.data)}</span></div>`;
      case 'qr':
        return `<div class="line ${item.align}"><span class="symbol qr">QR<br>${escapeHtml(item.payload)}</span></div>`;
      case 'drawer':
        return '';
    }
  });
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body { margin: 0; background: #ccc; }
    #paper { display: inline-block; background: #fff; color: #111; padding: 16px 12px 24px;
      font: 16px/1.3 'DejaVu Sans Mono', 'Noto Sans Mono CJK SC', monospace; }
    .line { width: ${columns}ch; white-space: pre; display: flex; align-items: flex-end; }
    .left { justify-content: flex-start; } .center { justify-content: center; } .right { justify-content: flex-end; }
    .bold { font-weight: bold; } .underline { text-decoration: underline; }
    .wide { display: inline-block; width: 2ch; text-align: center;
      font-family: 'Noto Sans Mono CJK SC', 'Noto Sans CJK SC', sans-serif; }
    .scaled { display: inline-block; position: relative; }
    .scaled > span { display: inline-block; position: absolute; left: 0; bottom: 0; transform-origin: left bottom; }
    .symbol { display: inline-block; border: 2px solid #111; padding: 6px; margin: 6px 0; text-align: center;
      white-space: pre-wrap; word-break: break-all; max-width: ${columns - 2}ch; }
    .qr { min-width: 12ch; min-height: 8em; }
  </style></head><body><div id="paper">${rows.join('')}</div></body></html>`;
}

export function defaultChromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => !!path && existsSync(path));
}

/** PNG images of the receipts, one browser for all of them. */
export async function renderReceiptPngs(
  receipts: readonly PrintedReceipt[],
  options: RenderOptions,
): Promise<Buffer[]> {
  // Loaded on demand: the virtual printer itself must work where no browser is installed.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: options.chromiumPath ?? defaultChromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage();
    const images: Buffer[] = [];
    for (const receipt of receipts) {
      await page.setContent(
        receiptHtml(receipt, options.profile, options.columns ?? options.profile.columns),
      );
      await page.evaluate(() => document.fonts.ready);
      images.push(await page.locator('#paper').screenshot({ type: 'png' }));
    }
    return images;
  } finally {
    await browser.close();
  }
}
