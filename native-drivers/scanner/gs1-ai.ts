// GS1 Application Identifiers a till meets, with their formats, from the GS1 General Specifications
// (§3.2 "GS1 Application Identifiers in numerical order" and Figure 7.8.5-2, the AIs with a
// predefined length). Logistics-only AIs beyond these are refused as unknown rather than guessed:
// reading a wrong length would shift every element after it.

export interface AiSpec {
  ai: string;
  /** GS1 data title, for logs and the devices page. */
  title: string;
  /** N: digits only. X: GS1 alphanumerics (read as printable ASCII, see gs1.ts). */
  chars: 'N' | 'X';
  min: number;
  max: number;
  /** Leading characters that must be digits in an N…+X… field (421: a country code, then X..9). */
  numericPrefix: number;
  /**
   * In Figure 7.8.5-2 (00–04, 11–20, 31–36, 41): always exactly this length, so an encoder need not
   * end it with FNC1. Every other AI ends at FNC1 (GS) or at the end of the data.
   */
  predefined: boolean;
  check: 'check-digit' | 'date' | 'date-time' | null;
  /** The n of 310n, 392n…: digits after the implied decimal point. */
  decimals: number | null;
}

type Row = [
  ai: string,
  title: string,
  chars: 'N' | 'X',
  min: number,
  max: number,
  extra?: Partial<Pick<AiSpec, 'numericPrefix' | 'predefined' | 'check'>>,
];

const predefinedCheck = { predefined: true, check: 'check-digit' } as const;
const predefinedDate = { predefined: true, check: 'date' } as const;

const ROWS: readonly Row[] = [
  ['00', 'SSCC', 'N', 18, 18, predefinedCheck],
  ['01', 'GTIN', 'N', 14, 14, predefinedCheck],
  ['02', 'CONTENT', 'N', 14, 14, predefinedCheck],
  ['03', 'MTO GTIN', 'N', 14, 14, predefinedCheck],
  ['10', 'BATCH/LOT', 'X', 1, 20],
  ['11', 'PROD DATE', 'N', 6, 6, predefinedDate],
  ['12', 'DUE DATE', 'N', 6, 6, predefinedDate],
  ['13', 'PACK DATE', 'N', 6, 6, predefinedDate],
  ['15', 'BEST BEFORE or BEST BY', 'N', 6, 6, predefinedDate],
  ['16', 'SELL BY', 'N', 6, 6, predefinedDate],
  ['17', 'USE BY or EXPIRY', 'N', 6, 6, predefinedDate],
  ['20', 'VARIANT', 'N', 2, 2, { predefined: true }],
  ['21', 'SERIAL', 'X', 1, 20],
  ['22', 'CPV', 'X', 1, 20],
  ['235', 'TPX', 'X', 1, 28],
  ['240', 'ADDITIONAL ID', 'X', 1, 30],
  ['241', 'CUST. PART No.', 'X', 1, 30],
  ['242', 'MTO VARIANT', 'N', 1, 6],
  ['243', 'PCN', 'X', 1, 20],
  ['250', 'SECONDARY SERIAL', 'X', 1, 30],
  ['251', 'REF. TO SOURCE', 'X', 1, 30],
  ['253', 'GDTI', 'X', 13, 30, { numericPrefix: 13 }],
  ['254', 'GLN EXTENSION COMPONENT', 'X', 1, 20],
  ['255', 'GCN', 'N', 13, 25],
  ['30', 'VAR. COUNT', 'N', 1, 8],
  ['37', 'COUNT', 'N', 1, 8],
  ['400', 'ORDER NUMBER', 'X', 1, 30],
  ['401', 'GINC', 'X', 1, 30],
  ['402', 'GSIN', 'N', 17, 17, { check: 'check-digit' }],
  ['403', 'ROUTE', 'X', 1, 30],
  ['410', 'SHIP TO LOC', 'N', 13, 13, predefinedCheck],
  ['411', 'BILL TO', 'N', 13, 13, predefinedCheck],
  ['412', 'PURCHASE FROM', 'N', 13, 13, predefinedCheck],
  ['413', 'SHIP FOR LOC', 'N', 13, 13, predefinedCheck],
  ['414', 'LOC No.', 'N', 13, 13, predefinedCheck],
  ['415', 'PAY TO', 'N', 13, 13, predefinedCheck],
  ['416', 'PROD/SERV LOC', 'N', 13, 13, predefinedCheck],
  ['417', 'PARTY', 'N', 13, 13, predefinedCheck],
  ['420', 'SHIP TO POST', 'X', 1, 20],
  ['421', 'SHIP TO POST', 'X', 4, 12, { numericPrefix: 3 }],
  ['422', 'ORIGIN', 'N', 3, 3],
  ['423', 'COUNTRY - INITIAL PROCESS.', 'N', 3, 15],
  ['424', 'COUNTRY - PROCESS.', 'N', 3, 3],
  ['425', 'COUNTRY - DISASSEMBLY', 'N', 3, 15],
  ['426', 'COUNTRY - FULL PROCESS', 'N', 3, 3],
  ['427', 'ORIGIN SUBDIVISION', 'X', 1, 3],
  ['7001', 'NSN', 'N', 13, 13],
  ['7002', 'MEAT CUT', 'X', 1, 30],
  ['7003', 'EXPIRY TIME', 'N', 10, 10, { check: 'date-time' }],
  ['7004', 'ACTIVE POTENCY', 'N', 1, 4],
  ['7005', 'CATCH AREA', 'X', 1, 12],
  ['7006', 'FIRST FREEZE DATE', 'N', 6, 6, { check: 'date' }],
  ['7007', 'HARVEST DATE', 'N', 6, 12],
  ['7008', 'AQUATIC SPECIES', 'X', 1, 3],
  ['7009', 'FISHING GEAR TYPE', 'X', 1, 10],
  ['7010', 'PROD METHOD', 'X', 1, 2],
  ['7240', 'PROTOCOL', 'X', 1, 20],
  ['8001', 'DIMENSIONS', 'N', 14, 14],
  ['8002', 'CMT No.', 'X', 1, 20],
  ['8003', 'GRAI', 'X', 14, 30, { numericPrefix: 14 }],
  ['8004', 'GIAI', 'X', 1, 30],
  ['8005', 'PRICE PER UNIT', 'N', 6, 6],
  ['8006', 'ITIP', 'N', 18, 18],
  ['8007', 'IBAN', 'X', 1, 34],
  ['8008', 'PROD TIME', 'N', 8, 12],
  ['8012', 'VERSION', 'X', 1, 20],
  ['8013', 'GMN', 'X', 1, 25],
  ['8017', 'GSRN - PROVIDER', 'N', 18, 18, { check: 'check-digit' }],
  ['8018', 'GSRN - RECIPIENT', 'N', 18, 18, { check: 'check-digit' }],
  ['8019', 'SRIN', 'N', 1, 10],
  ['8020', 'REF No.', 'X', 1, 25],
  ['8026', 'ITIP CONTENT', 'N', 18, 18],
  ['8110', 'COUPON CODE (North America)', 'X', 1, 70],
  ['8111', 'POINTS', 'N', 4, 4],
  ['8112', 'PAPERLESS COUPON CODE', 'X', 1, 70],
  ['8200', 'PRODUCT URL', 'X', 1, 70],
];

// AIs whose last digit is the decimal point position n.
const DECIMAL_ROWS: readonly [prefix: string, title: string, min: number, max: number][] = [
  ['390', 'AMOUNT', 1, 15],
  ['391', 'AMOUNT (with ISO currency)', 4, 18],
  ['392', 'PRICE', 1, 15],
  ['393', 'PRICE (with ISO currency)', 4, 18],
  ['394', 'PRCNT OFF', 4, 4],
  ['395', 'PRICE/UoM', 6, 6],
];

const MEASURE_TITLES: Readonly<Record<string, string>> = {
  '310': 'NET WEIGHT (kg)',
  '311': 'LENGTH (m)',
  '312': 'WIDTH (m)',
  '313': 'HEIGHT (m)',
  '314': 'AREA (m²)',
  '315': 'NET VOLUME (l)',
  '316': 'NET VOLUME (m³)',
  '320': 'NET WEIGHT (lb)',
  '330': 'GROSS WEIGHT (kg)',
};

function buildTable(): ReadonlyMap<string, AiSpec> {
  const table = new Map<string, AiSpec>();
  const add = (spec: AiSpec) => table.set(spec.ai, spec);
  for (const [ai, title, chars, min, max, extra] of ROWS) {
    add({
      ai,
      title,
      chars,
      min,
      max,
      numericPrefix: 0,
      predefined: false,
      check: null,
      decimals: null,
      ...extra,
    });
  }
  // 90 mutually agreed, 91–99 company internal: Честный ЗНАК puts its key id (91) and crypto
  // tail (92, 93) here.
  for (let ai = 90; ai <= 99; ai++) {
    const max = ai === 90 ? 30 : 90;
    add({
      ai: String(ai),
      title: 'INTERNAL',
      chars: 'X',
      min: 1,
      max,
      numericPrefix: 0,
      predefined: false,
      check: null,
      decimals: null,
    });
  }
  // 31nn–36nn: six digits, the fourth AI digit the decimals (Figure 7.8.5-2 gives the whole range
  // a predefined length, so every one of them is readable even where the title is generic).
  for (let group = 310; group <= 369; group++) {
    for (let n = 0; n <= 9; n++) {
      const title = MEASURE_TITLES[String(group)] ?? 'TRADE OR LOGISTIC MEASURE';
      add({
        ai: `${group}${n}`,
        title,
        chars: 'N',
        min: 6,
        max: 6,
        numericPrefix: 0,
        predefined: true,
        check: null,
        decimals: n,
      });
    }
  }
  for (const [prefix, title, min, max] of DECIMAL_ROWS) {
    for (let n = 0; n <= 9; n++) {
      add({
        ai: `${prefix}${n}`,
        title,
        chars: 'N',
        min,
        max,
        numericPrefix: 0,
        predefined: false,
        check: null,
        decimals: n,
      });
    }
  }
  return table;
}

const TABLE = buildTable();

/** Every AI this reader knows, for generators in tests and the simulator. */
export const knownAis = (): AiSpec[] => [...TABLE.values()];

/**
 * The AI starting at `at`. AIs are prefix-free (no AI is the start of another), so trying two,
 * three and four digits finds at most one.
 */
export function aiAt(text: string, at: number): AiSpec | null {
  for (let length = 2; length <= 4; length++) {
    const candidate = text.slice(at, at + length);
    if (candidate.length < length || !/^\d+$/.test(candidate)) return null;
    const spec = TABLE.get(candidate);
    if (spec) return spec;
  }
  return null;
}
