// Which bytes print which characters: single-byte code pages (CP866, CP858, CP437) and the
// double-byte GBK set of Chinese mode, both ways, plus how many columns a character takes on paper.
// Tables come from iconv-lite once and are cached, so encoding a receipt is a few map lookups.
import iconv from 'iconv-lite';
import type { CodePageName, PrinterProfile } from './profiles';

const REPLACEMENT = '\uFFFD';

const decodeTables = new Map<CodePageName, readonly string[]>();
const encodeTables = new Map<CodePageName, ReadonlyMap<string, number>>();

/** The character each byte prints in a code page; bytes below 0x20 and 0x7F are controls, not text. */
export function codePageTable(codePage: CodePageName): readonly string[] {
  let table = decodeTables.get(codePage);
  if (!table) {
    const all = Uint8Array.from({ length: 256 }, (_, byte) => byte);
    const decoded = Array.from(iconv.decode(Buffer.from(all), codePage));
    table = decoded.map((char, byte) => (byte < 0x20 || byte === 0x7f ? REPLACEMENT : char));
    decodeTables.set(codePage, table);
  }
  return table;
}

/** The byte that prints `char` in `codePage`, for characters above ASCII; undefined if it has none. */
export function codePageByte(codePage: CodePageName, char: string): number | undefined {
  let table = encodeTables.get(codePage);
  if (!table) {
    const map = new Map<string, number>();
    codePageTable(codePage).forEach((printed, byte) => {
      if (byte >= 0x80 && printed !== REPLACEMENT && !map.has(printed)) map.set(printed, byte);
    });
    encodeTables.set(codePage, map);
    table = map;
  }
  return table.get(char);
}

const gbkCodes = new Map<number, number>();

/**
 * The two GBK bytes (lead << 8 | trail) of a character in Chinese mode, or 0 when it has none. Only
 * the two-byte GBK range is used: the four-byte GB18030 extension and the private-use areas are not
 * in the fonts of common receipt printers.
 */
export function gbkCode(codePoint: number): number {
  let code = gbkCodes.get(codePoint);
  if (code === undefined) {
    code = 0;
    const privateUse = codePoint >= 0xe000 && codePoint <= 0xf8ff;
    if (codePoint >= 0x80 && !privateUse) {
      const bytes = iconv.encode(String.fromCodePoint(codePoint), 'gbk');
      const [lead = 0, trail = 0] = bytes;
      if (
        bytes.length === 2 &&
        lead >= 0x81 &&
        lead <= 0xfe &&
        trail >= 0x40 &&
        trail <= 0xfe &&
        trail !== 0x7f
      )
        code = (lead << 8) | trail;
    }
    gbkCodes.set(codePoint, code);
  }
  return code;
}

const doubleByteChars = new Map<number, string>();

/** The character a GBK pair (or a four-byte GB18030 sequence) prints in Chinese mode. */
export function decodeDoubleByte(bytes: Uint8Array): string {
  const key = bytes.length === 2 ? ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0) : -1;
  const cached = key >= 0 ? doubleByteChars.get(key) : undefined;
  if (cached !== undefined) return cached;
  const char = iconv.decode(Buffer.from(bytes), 'gb18030');
  if (key >= 0) doubleByteChars.set(key, char);
  return char;
}

const isPrintableAscii = (codePoint: number): boolean => codePoint >= 0x20 && codePoint < 0x7f;

const columnCache = new WeakMap<PrinterProfile, Map<number, 1 | 2>>();

/**
 * Columns a character takes on this printer: characters printed from a single-byte code page take
 * one, characters only Chinese mode can print take two (the East Asian wide glyphs), and characters
 * the printer cannot print become one '?'. The encoder makes the same choice in the same order, so
 * the layout's column math matches the paper.
 */
export function charColumns(profile: PrinterProfile, codePoint: number): 1 | 2 {
  if (isPrintableAscii(codePoint)) return 1;
  let cache = columnCache.get(profile);
  if (!cache) {
    cache = new Map();
    columnCache.set(profile, cache);
  }
  let columns = cache.get(codePoint);
  if (columns === undefined) {
    const char = String.fromCodePoint(codePoint);
    const singleByte = profile.codeTables.some((table) => codePageByte(table.codePage, char) !== undefined);
    columns = !singleByte && profile.chinese && gbkCode(codePoint) !== 0 ? 2 : 1;
    cache.set(codePoint, columns);
  }
  return columns;
}

/** Columns a string takes on this printer. */
export function textColumns(profile: PrinterProfile, text: string): number {
  let columns = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isPrintableAscii(code)) {
      columns += 1;
      continue;
    }
    const codePoint = text.codePointAt(i) ?? code;
    if (codePoint > 0xffff) i++;
    columns += charColumns(profile, codePoint);
  }
  return columns;
}
