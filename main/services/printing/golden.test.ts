// Golden receipts: a contract Receipt mapped to a document, laid out and encoded for a printer
// model, sent over a real TCP socket to the virtual network printer, decoded back and compared with
// the checked-in text in golden/. Run `npx vitest run -u main/services/printing` after an intended
// layout change and review the diff of golden/*.txt like any other code.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../../contract/common';
import type { Receipt } from '../../../contract/ipc';
import { layoutReceipt, encodeLayout } from '../../../native-drivers/printer/layout';
import type { PrinterProfileId } from '../../../native-drivers/printer/profiles';
import { printerProfiles } from '../../../native-drivers/printer/profiles';
import type { PrintedReceipt } from '../../../native-drivers/simulators/printed-receipt';
import { receiptText } from '../../../native-drivers/simulators/printed-receipt';
import { VirtualPrinter } from '../../../native-drivers/simulators/virtual-printer';
import { receiptDocument } from './receipt-document';
import { kazanCardSale, kazanCashReturn, kazanCashSale, shanghaiSale } from './sample-receipts';

const eReceiptUrl = 'https://r.omnitill.example/{store}/{receiptNo}';

interface Case {
  file: string;
  receipt: Receipt;
  locale: Locale;
  profile: PrinterProfileId;
  timeZone: string;
}

const cases: Case[] = [
  {
    file: 'ru-cash-sale.epson-tm-t88',
    receipt: kazanCashSale,
    locale: 'ru',
    profile: 'epson-tm-t88',
    timeZone: 'Europe/Moscow',
  },
  {
    file: 'en-card-sale.star-escpos',
    receipt: kazanCardSale,
    locale: 'en',
    profile: 'star-escpos',
    timeZone: 'Europe/Moscow',
  },
  {
    file: 'zh-CN-sale.xprinter-xp-80',
    receipt: shanghaiSale,
    locale: 'zh-CN',
    profile: 'xprinter-xp-80',
    timeZone: 'Asia/Shanghai',
  },
  {
    file: 'ru-cash-return.xprinter-xp-58',
    receipt: kazanCashReturn,
    locale: 'ru',
    profile: 'xprinter-xp-58',
    timeZone: 'Europe/Moscow',
  },
];

const printers = new Map<PrinterProfileId, VirtualPrinter>();

beforeAll(async () => {
  for (const id of new Set(cases.map((c) => c.profile)))
    printers.set(id, await VirtualPrinter.start({ profile: id }));
});

afterAll(async () => {
  await Promise.all([...printers.values()].map((printer) => printer.close()));
});

/** Sends the job the way a port-9100 client does: connect, write, close. */
async function printOverTcp(printer: VirtualPrinter, bytes: Uint8Array): Promise<PrintedReceipt> {
  const printed = printer.nextReceipt();
  await new Promise<void>((resolve, reject) => {
    const socket = connect(printer.port, '127.0.0.1', () => socket.end(bytes, resolve));
    socket.once('error', reject);
  });
  return printed;
}

function prepare(c: Case) {
  const profile = printerProfiles[c.profile];
  const document = receiptDocument(c.receipt, { locale: c.locale, timeZone: c.timeZone, eReceiptUrl });
  const layout = layoutReceipt(document, profile);
  return { profile, layout, job: encodeLayout(layout, profile) };
}

describe('golden receipts through the virtual network printer', () => {
  it.each(cases)('$file', async (c) => {
    const { profile, job } = prepare(c);
    expect(job.warnings).toEqual([]);
    const printer = printers.get(c.profile);
    if (!printer) throw new Error(`no printer for ${c.profile}`);
    const printed = await printOverTcp(printer, job.bytes);
    expect(printed.unknownCommands).toBe(0);
    await expect(receiptText(printed, profile)).toMatchFileSnapshot(`./golden/${c.file}.txt`);
  });

  it('decodes a Russian receipt back to exactly the Cyrillic text that was laid out', async () => {
    const c = cases[0];
    if (!c) throw new Error('no case');
    const { layout, job } = prepare(c);
    const printer = printers.get(c.profile);
    if (!printer) throw new Error(`no printer for ${c.profile}`);
    const printed = await printOverTcp(printer, job.bytes);
    const laidOut = layout.flatMap((op) => (op.kind === 'text' ? [op.text] : []));
    expect(printed.lines).toEqual(laidOut);
    expect(printed.lines).toContain('Бинт стерильный 7 × 14');
    expect(printed.lines.join('\n')).toMatch(/Кассир: Анна Петрова/);
    // CP866 for Cyrillic, PC858 only for « » and ×, and back.
    expect(new Set(printed.codeTables)).toEqual(new Set([17, 19]));
    expect(printed.barcodes).toEqual([{ symbology: 'code128', data: '0042-03-000017' }]);
    expect(printed.qrCodes).toEqual(['https://r.omnitill.example/0042/0042-03-000017']);
    expect(printed.drawerKicks).toBe(1);
  });

  it('kicks the drawer for cash only', async () => {
    const c = cases[1];
    if (!c) throw new Error('no case');
    const printer = printers.get(c.profile);
    if (!printer) throw new Error(`no printer for ${c.profile}`);
    const printed = await printOverTcp(printer, prepare(c).job.bytes);
    expect(printed.drawerKicks).toBe(0);
  });
});
