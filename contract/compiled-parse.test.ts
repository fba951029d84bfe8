import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { enrolled, mutation, refundOf, sale } from '../hq/test-payloads';
import { compiledPerKey, fastSafeParse } from './compiled-parse';
import { PushRequest, outboxPayloads, pullItems, pullPage } from './sync';

enum Level {
  Low = 1,
  High = 2,
}

// Every construct the compiler handles, and some it leaves to zod (trim, default, refine, a plain
// union, a loose object), side by side.
const Wide = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime(),
    code: z.string().regex(/^[0-9]{4}$/),
    email: z.email().nullable(),
    trimmed: z.string().trim(),
    withDefault: z.number().default(5),
    tags: z.array(z.string().max(5)).min(1).max(3),
    names: z.record(z.string().min(2), z.string()),
    loose: z.looseObject({ a: z.number() }),
    refined: z.object({ a: z.number(), b: z.number() }).refine((value) => value.a < value.b),
    either: z.union([z.string(), z.number()]),
    colour: z.enum(['red', 'green']),
    level: z.enum(Level),
    between: z.number().gt(0).lt(100),
    count: z.int().min(0).max(10),
    whatever: z.unknown(),
    flag: z.boolean().optional(),
    nothing: z.null(),
    kind: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('a'), n: z.number().int() }),
      z.object({ kind: z.literal('b'), s: z.string().length(2).optional() }).strict(),
    ]),
  })
  .strict();

const wideExample = {
  id: '0190f3e2-7b1c-7d2e-8f00-0123456789ab',
  at: '2026-11-23T10:15:30.123Z',
  code: '0001',
  email: 'anna@example.ru',
  trimmed: '  x  ',
  withDefault: 3,
  tags: ['abcde', 'b', 'c'], // at the bounds: one edit crosses them
  names: { ru: 'Молоко', en: 'Milk' },
  loose: { a: 1, extra: true },
  refined: { a: 1, b: 2 },
  either: 'x',
  colour: 'red',
  level: 2,
  between: 50.5,
  count: 10,
  whatever: { any: ['thing'] },
  flag: true,
  nothing: null,
  kind: { kind: 'b', s: 'ok' },
};

const sold = sale({ customerId: 7, couponCode: 'WELCOME10' });
// A till's first download, as HQ's feeds write the items (hq/pull/feeds.ts).
const customerProfile = {
  state: 'profile',
  id: 41,
  localIds: [1099511627777],
  name: 'Пётр Иванов',
  phoneE164: '+79160000001',
  email: 'petr@example.ru',
  birthday: '1990-05-17',
  tier: 'silver',
  pointsBalance: 120,
  expectedLtvMinor: null,
  createdAt: '2021-01-01T00:01:00.000Z',
  cards: [{ cardNo: '2700000000014', issuedAt: '2021-01-01T00:00:00.000Z' }],
  attributes: { size: 'M' },
  consents: [
    {
      purpose: 'marketing',
      channel: 'sms',
      granted: true,
      recordedAt: '2021-01-01T00:01:00.000Z',
      storeCode: '0001',
      terminalCode: '01',
    },
  ],
  clocks: { name: '001763900000123-000007-hq', 'consent:marketing:sms': '001763900000123-000008-hq' },
};
const product = {
  kind: 'product',
  id: 1,
  sku: 'milk',
  categoryId: null,
  unit: 'piece',
  taxRateBp: 1000,
  plu: null,
  active: true,
  names: { ru: 'Молоко 3,2 % 1 л' },
  barcodes: ['4607001000013'],
};
const examples: [string, z.ZodType, unknown][] = [
  ['a schema of every construct', Wide, wideExample],
  ['sale.completed', outboxPayloads['sale.completed'], sold],
  ['return.completed', outboxPayloads['return.completed'], refundOf(sold)],
  ['customer.enrolled', outboxPayloads['customer.enrolled'], enrolled(5)],
  ['a customer profile pulled', pullItems.customers, customerProfile],
  [
    'a merged customer pulled',
    pullItems.customers,
    { state: 'merged', id: 42, localIds: [], mergedInto: 41 },
  ],
  ['a product pulled', pullItems.catalogue, product],
  [
    'a page of customers pulled',
    pullPage('customers'),
    { stream: 'customers', items: [customerProfile], cursor: 'v1.epoch-1.12.34', hasMore: false },
  ],
  [
    'a price pulled',
    pullItems.prices,
    { productId: 1, scope: 'store', priceMinor: 8990, validFrom: '2020-01-01T00:00:00.000Z' },
  ],
  [
    'a push',
    PushRequest,
    {
      terminalId: '0190f3e2-7b1c-7d2e-8f00-0123456789ab',
      hqEpoch: 'a'.repeat(32),
      mutations: [mutation(1, 'sale.completed', sold)],
    },
  ],
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path into a JSON value (the root is []). */
function pathsOf(value: Json, path: (string | number)[] = []): (string | number)[][] {
  const here = [path];
  if (Array.isArray(value))
    return here.concat(...value.map((item, index) => pathsOf(item, [...path, index])));
  if (value !== null && typeof value === 'object') {
    return here.concat(...Object.entries(value).map(([key, item]) => pathsOf(item, [...path, key])));
  }
  return here;
}

// Values near the edges of what the schemas take.
const nearMiss = fc.constantFrom<Json>(
  '',
  'x',
  ' ',
  'Молоко',
  '😀',
  'ё😀',
  '0190f3e2-7b1c-7d2e-8f00-0123456789aB',
  '0190f3e2-7b1c-0d2e-8f00-0123456789ab',
  '2026-11-23T10:15:30Z',
  '2026-11-23T10:15:30+03:00',
  '2026-02-30T10:15:30Z',
  'red',
  'Low',
  'a',
  'b',
  '1234',
  -1,
  0,
  1,
  2,
  10,
  11,
  100,
  1.5,
  2 ** 53,
  -(2 ** 53) + 1,
  true,
  false,
  null,
  [],
  {},
  { kind: 'a', n: 1 },
  JSON.parse('{"__proto__": 1}') as Json,
);

type Edit =
  | { kind: 'grow' | 'shrink'; at: number }
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; at: number; key: string; value: Json };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  // A string or an array one longer or shorter: over and under every length bound.
  fc.record({ kind: fc.constantFrom('grow' as const, 'shrink' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.nat(),
    value: fc.oneof(nearMiss, fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('add' as const),
    at: fc.nat(),
    key: fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('extra', 'ru', '__proto__', 'kind')),
    value: fc.oneof(nearMiss, fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>),
  }),
);

/** The example with the edits applied, each at one of its paths. */
function edited(example: unknown, edits: Edit[]): Json {
  let value = JSON.parse(JSON.stringify(example)) as Json;
  for (const change of edits) {
    // fast-check hands the same values to later runs: they are copied, never changed.
    const copy = 'value' in change ? (JSON.parse(JSON.stringify(change.value)) as Json) : null;
    const paths = pathsOf(value);
    const path = paths[change.at % paths.length] ?? [];
    if (path.length === 0) {
      if (change.kind === 'replace') value = copy;
      continue;
    }
    let parent: Json = value;
    for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[step] as Json;
    const last = path.at(-1) as string | number;
    const container = parent as Record<string | number, Json>;
    const target = container[last];
    if (change.kind === 'grow' || change.kind === 'shrink') {
      const longer = change.kind === 'grow';
      if (typeof target === 'string') container[last] = longer ? `${target}ё` : target.slice(0, -1);
      else if (Array.isArray(target)) {
        if (longer) target.push(JSON.parse(JSON.stringify(target[0] ?? null)) as Json);
        else target.pop();
      }
    } else if (change.kind === 'replace') container[last] = copy;
    else if (change.kind === 'delete' && !Array.isArray(parent)) Reflect.deleteProperty(container, last);
    else if (
      change.kind === 'add' &&
      target !== null &&
      typeof target === 'object' &&
      !Array.isArray(target)
    ) {
      // As JSON.parse makes it: an own key, "__proto__" too.
      Object.defineProperty(target, change.key, {
        value: copy,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return value;
}

describe('fastSafeParse', () => {
  it.each(examples)(
    'answers %s exactly as zod does, whatever the edits to a valid one',
    (_, schema, example) => {
      const parse = fastSafeParse(schema);
      fc.assert(
        fc.property(fc.array(edit, { minLength: 0, maxLength: 3 }), (edits) => {
          const input = edited(example, edits);
          const fast = parse(input);
          const zod = schema.safeParse(input);
          expect(fast.success).toBe(zod.success);
          if (zod.success) expect(fast.data).toStrictEqual(zod.data);
          else expect(fast.error?.issues).toEqual(zod.error.issues);
        }),
        { numRuns: 1000 },
      );
    },
  );

  it.each(examples)('takes %s, the valid example the edits start from', (_, schema, example) => {
    expect(schema.safeParse(example).success).toBe(true);
    expect(fastSafeParse(schema)(example).success).toBe(true);
  });

  it('compiles one parser per key, when it is first asked for', () => {
    const schemaOf = vi.fn((stream: 'customers' | 'prices') => pullItems[stream]);
    const parser = compiledPerKey(schemaOf);
    expect(schemaOf).not.toHaveBeenCalled();
    const parse = parser('customers');
    expect(parser('customers')).toBe(parse);
    expect(schemaOf).toHaveBeenCalledTimes(1);
    expect(parse(customerProfile).success).toBe(true);
    expect(parser('prices')(customerProfile).success).toBe(false);
    expect(schemaOf).toHaveBeenCalledTimes(2);
  });

  it('answers any JSON as zod does', () => {
    const parsers = examples.map(([, schema]) => [schema, fastSafeParse(schema)] as const);
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (input) => {
        for (const [schema, parse] of parsers) {
          const fast = parse(input);
          const zod = schema.safeParse(input);
          expect(fast.success).toBe(zod.success);
          if (zod.success) expect(fast.data).toStrictEqual(zod.data);
        }
      }),
      { numRuns: 500 },
    );
  });

  it.each<[string, Record<string, unknown>]>([
    ['a numeric enum given a name', { level: 'High' }],
    ['a string one over its maximum', { tags: ['abcdef'] }],
    ['an array one over its maximum', { tags: ['a', 'b', 'c', 'd'] }],
    ['an array under its minimum', { tags: [] }],
    ['a record key under its minimum', { names: { r: 'x' } }],
    ['an integer past 2^53', { count: 2 ** 53 }],
    ['a bound that excludes itself', { between: 100 }],
    ['an unknown tag', { kind: { kind: 'c' } }],
    ['a key a strict object does not name', { kind: { kind: 'b', extra: 1 } }],
    ['a key of the strict root', { unexpected: true }],
    ['a missing field', { email: undefined }],
  ])('refuses %s as zod does', (_, change) => {
    const input: Record<string, unknown> = { ...wideExample, ...change };
    for (const [key, value] of Object.entries(change))
      if (value === undefined) Reflect.deleteProperty(input, key);
    expect(Wide.safeParse(input).success).toBe(false);
    expect(fastSafeParse(Wide)(input)).toEqual(Wide.safeParse(input));
  });

  it.each<[string, z.ZodType, unknown]>([
    ['a refined unknown', z.unknown().refine((value) => value === 1), 2],
    ['a refined enum', z.enum(['a', 'b']).refine((value) => value === 'a'), 'b'],
    [
      'a refined nullable',
      z
        .string()
        .nullable()
        .refine((value) => value !== null),
      null,
    ],
    [
      'a refined optional field',
      z.object({
        a: z
          .string()
          .optional()
          .refine((value) => value !== 'x'),
      }),
      { a: 'x' },
    ],
    ['a minimum counted in code points', z.string().min(2), '😀'],
    ['a length counted in code points', z.string().length(2), '😀'],
    ['a record key counted in code points', z.record(z.string().min(2), z.number()), { '😀': 1 }],
    ['a shape key every object has', z.object({ a: z.string(), toString: z.any() }), { a: 'x', extra: 1 }],
    [
      'a shape key named __proto__',
      z.object({ ['__proto__']: z.string().optional() }),
      JSON.parse('{"__proto__": 1}'),
    ],
  ])('answers %s as zod does', (_, schema, input) => {
    expect(fastSafeParse(schema)(input)).toEqual(schema.safeParse(input));
  });

  it('parses a valid sale without calling zod, dropping keys the schema does not name', () => {
    const schema = outboxPayloads['sale.completed'];
    const parse = fastSafeParse(schema);
    const zodParse = vi.spyOn(schema, 'safeParse');
    const input = { ...sold, tillVersion: '1.2.3', receipt: { ...sold.receipt, printer: 'TM-T20' } };
    const result = parse(input);
    expect(zodParse).not.toHaveBeenCalled();
    expect(result.success).toBe(true);
    expect(result.data).toStrictEqual(sold);
    expect(result.data).not.toBe(input);
    zodParse.mockRestore();
  });

  it("gives zod's own issues for an invalid sale", () => {
    const schema = outboxPayloads['sale.completed'];
    const input = { ...sold, receipt: { ...sold.receipt, createdAt: 'yesterday' } };
    const result = fastSafeParse(schema)(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['receipt.createdAt']);
  });
});
