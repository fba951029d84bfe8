// Transactions from a CSV file, one row per sold line, into baskets for the evaluation. Column names are
// matched loosely so that common exports work as they are: the UCI Online Retail file (InvoiceNo,
// StockCode, Quantity, InvoiceDate, CustomerID), Online Retail II ("Customer ID", "Invoice"), or a plain
// invoice,item,quantity,date,customer. Rows the evaluation cannot use are counted, never silently lost.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Basket, BasketItem } from '../../main/domain/reco/basket';

export const COLUMNS = ['invoice', 'item', 'quantity', 'date', 'customer'] as const;
export type Column = (typeof COLUMNS)[number];

// Header names with case, spaces and punctuation removed ("Customer ID" -> "customerid").
const ALIASES: Record<Column, readonly string[]> = {
  invoice: [
    'invoice',
    'invoiceno',
    'invoicenumber',
    'invoiceid',
    'order',
    'orderid',
    'orderno',
    'ordernumber',
    'basket',
    'basketid',
    'transaction',
    'transactionid',
    'receipt',
    'receiptno',
    'billno',
  ],
  item: ['item', 'itemid', 'itemcode', 'stockcode', 'product', 'productid', 'productcode', 'sku', 'article'],
  quantity: ['quantity', 'qty', 'units'],
  date: ['date', 'invoicedate', 'orderdate', 'transactiondate', 'datetime', 'timestamp', 'time'],
  customer: [
    'customer',
    'customerid',
    'customerno',
    'custid',
    'client',
    'clientid',
    'member',
    'memberid',
    'userid',
  ],
};

export interface CsvSkipped {
  /** Negative quantities and cancelled invoices: returns teach nothing about what people want. */
  returns: number;
  noCustomer: number;
  badQuantity: number;
  badDate: number;
  noItem: number;
  /** Fewer fields than the header, or an unterminated quote. */
  malformed: number;
}

export interface CsvTransactions {
  baskets: Basket[];
  /** Distinct item codes, numbered 1.. in order of first appearance. */
  products: number;
  rows: number;
  skipped: CsvSkipped;
}

export type CsvError = { code: 'MISSING_COLUMN' | 'EMPTY_FILE' | 'UNREADABLE'; message: string };
export type CsvResult = { ok: true; value: CsvTransactions } | { ok: false; error: CsvError };

const normalised = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** One line split on `delimiter`, honouring "quoted, fields" and "" escapes; null if a quote never closes. */
export function splitCsvLine(line: string, delimiter: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      fields.push(field.trim());
      field = '';
    } else field += char;
  }
  if (quoted) return null;
  fields.push(field.trim());
  return fields;
}

// European spreadsheets export with ';', some tools with tabs: the header says which.
function detectDelimiter(header: string): string {
  const counts = [',', ';', '\t'].map((delimiter) => ({ delimiter, n: header.split(delimiter).length }));
  return counts.sort((a, b) => b.n - a.n)[0]?.delimiter ?? ',';
}

function columnIndexes(
  header: readonly string[],
): { ok: true; value: Record<Column, number> } | { ok: false; error: CsvError } {
  const names = header.map(normalised);
  const found: Partial<Record<Column, number>> = {};
  const missing: string[] = [];
  for (const column of COLUMNS) {
    const index = names.findIndex((name) => ALIASES[column].includes(name));
    if (index === -1) missing.push(`${column} (any of: ${ALIASES[column].join(', ')})`);
    else found[column] = index;
  }
  if (missing.length > 0) {
    const message = `The CSV has no column for ${missing.join('; ')}. Its header is: ${header.join(', ')}`;
    return { ok: false, error: { code: 'MISSING_COLUMN', message } };
  }
  return { ok: true, value: found as Record<Column, number> };
}

/**
 * A date as ms since the epoch, read as UTC (only the order and gaps matter here). ISO dates
 * ("2010-12-01 08:26:00"), and day/month forms: with "/" month first as in the UCI file ("12/1/2010
 * 8:26") unless the first number cannot be a month; with "." day first ("01.12.2010").
 */
export function parseDate(text: string): number | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
  const local = /^(\d{1,2})([/.])(\d{1,2})\2(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(
    text,
  );
  let parts: number[];
  if (iso !== null) {
    parts = [1, 2, 3, 4, 5, 6].map((i) => Number(iso[i] ?? 0));
  } else if (local !== null) {
    const [first, second] = [Number(local[1]), Number(local[3])];
    const dayFirst = local[2] === '.' || first > 12;
    const year = Number(local[4]);
    parts = [
      year < 100 ? 2000 + year : year,
      dayFirst ? second : first,
      dayFirst ? first : second,
      ...[5, 6, 7].map((i) => Number(local[i] ?? 0)),
    ];
  } else return null;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = parts;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

const NO_VALUE = new Set(['', 'na', 'nan', 'null', 'none']);

/** Reads the rows; lines may come from a file (async) or an array (tests). */
export async function parseTransactions(lines: AsyncIterable<string> | Iterable<string>): Promise<CsvResult> {
  let columns: Record<Column, number> | null = null;
  let delimiter = ',';
  const skipped: CsvSkipped = {
    returns: 0,
    noCustomer: 0,
    badQuantity: 0,
    badDate: 0,
    noItem: 0,
    malformed: 0,
  };
  const productIds = new Map<string, number>();
  const baskets = new Map<string, { customerId: string; at: number; items: BasketItem[] }>();
  let rows = 0;

  for await (const raw of lines) {
    const line = raw.replace(/^\uFEFF/, '');
    if (line.trim() === '') continue;
    if (columns === null) {
      delimiter = detectDelimiter(line);
      const header = splitCsvLine(line, delimiter) ?? [];
      const found = columnIndexes(header);
      if (!found.ok) return found;
      columns = found.value;
      continue;
    }
    rows += 1;
    const fields = splitCsvLine(line, delimiter);
    const field = (column: Column): string | undefined => fields?.[columns?.[column] ?? -1];
    const [invoice, item, quantityText, dateText, customerText] = COLUMNS.map(field);
    if (invoice === undefined || item === undefined || quantityText === undefined || dateText === undefined) {
      skipped.malformed += 1;
      continue;
    }
    const quantity = Number(quantityText.replace(',', '.'));
    if (!Number.isFinite(quantity) || quantityText === '') skipped.badQuantity += 1;
    else if (quantity < 0 || /^c/i.test(invoice)) skipped.returns += 1;
    else if (quantity === 0) skipped.badQuantity += 1;
    else if (customerText === undefined || NO_VALUE.has(customerText.toLowerCase())) skipped.noCustomer += 1;
    else if (NO_VALUE.has(item.toLowerCase())) skipped.noItem += 1;
    else {
      const at = parseDate(dateText);
      if (at === null) {
        skipped.badDate += 1;
        continue;
      }
      let productId = productIds.get(item);
      if (productId === undefined) productIds.set(item, (productId = productIds.size + 1));
      // Some exports write customer ids as floats ("17850.0"); they are the same customer as "17850".
      const customerId = customerText.replace(/\.0+$/, '');
      const key = `${invoice}\u0000${customerId}`;
      const basket = baskets.get(key);
      if (basket === undefined) baskets.set(key, { customerId, at, items: [{ productId, quantity }] });
      else {
        basket.at = Math.min(basket.at, at);
        basket.items.push({ productId, quantity });
      }
    }
  }
  if (columns === null)
    return { ok: false, error: { code: 'EMPTY_FILE', message: 'The CSV has no header row' } };
  return { ok: true, value: { baskets: [...baskets.values()], products: productIds.size, rows, skipped } };
}

export async function readTransactionsCsv(path: string): Promise<CsvResult> {
  const input = createReadStream(path, { encoding: 'utf8' });
  try {
    return await parseTransactions(createInterface({ input, crlfDelay: Infinity }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'UNREADABLE', message: `Cannot read ${path}: ${reason}` } };
  } finally {
    input.destroy();
  }
}
