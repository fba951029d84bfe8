// A faster safeParse for contract schemas at a hot boundary: HQ's push takes hundreds of sales per
// request, and zod's general-purpose parse was a third of HQ's CPU per sale (bench/sync-ingest.ts).
// A schema is compiled once into plain closures for the part of zod the contract uses (objects,
// arrays, records, strings with lengths and pattern formats, safe integers with bounds, enums,
// literals, nullable, optional, discriminated unions). Anything else inside it is parsed by zod
// itself, and whatever the compiled parse cannot accept with certainty — every invalid input among
// it — is handed to zod whole. So the verdict, the output and every error message are zod's; the
// compiled parse only answers first when the input is valid. fast-parse.test.ts holds it to that
// against zod on random input.
import type { z } from 'zod';

/** The compiled parse cannot accept the input: zod decides. */
const REFER: unique symbol = Symbol('refer to zod');
type Node = (input: unknown) => unknown;

// The internals of zod 4 schemas read here (`schema._zod.def`), as far as they are used.
interface Check {
  _zod: { def: Record<string, unknown> & { check?: string } };
}
interface Def extends Record<string, unknown> {
  type: string;
  checks?: Check[];
}
interface Schema {
  _zod: { def: Def; optin?: string; optout?: string };
  safeParse(input: unknown): { success: boolean; data?: unknown };
}

// String formats zod checks with its pattern alone (no code of their own).
const PATTERN_FORMATS = new Set(['uuid', 'guid', 'datetime', 'date', 'time', 'email', 'e164', 'regex']);

const byZod =
  (schema: Schema): Node =>
  (input) => {
    const result = schema.safeParse(input);
    return result.success ? result.data : REFER;
  };

function lengthTest(check: Record<string, unknown>): ((value: { length: number }) => boolean) | null {
  switch (check.check) {
    case 'min_length': {
      const minimum = Number(check.minimum);
      return (value) => value.length >= minimum;
    }
    case 'max_length': {
      const maximum = Number(check.maximum);
      return (value) => value.length <= maximum;
    }
    case 'length_equals': {
      const length = Number(check.length);
      return (value) => value.length === length;
    }
    default:
      return null;
  }
}

function stringTest(check: Record<string, unknown>): ((value: string) => boolean) | null {
  switch (check.check) {
    case 'string_format': {
      const pattern = check.pattern;
      if (!(pattern instanceof RegExp) || !PATTERN_FORMATS.has(String(check.format)) || check.when) {
        return null;
      }
      return (value) => {
        pattern.lastIndex = 0;
        return pattern.test(value);
      };
    }
    default:
      return lengthTest(check);
  }
}

function numberTest(check: Record<string, unknown>): ((value: number) => boolean) | null {
  switch (check.check) {
    case 'number_format':
      return check.format === 'safeint' ? Number.isSafeInteger : null;
    case 'greater_than': {
      const bound = Number(check.value);
      return check.inclusive ? (value) => value >= bound : (value) => value > bound;
    }
    case 'less_than': {
      const bound = Number(check.value);
      return check.inclusive ? (value) => value <= bound : (value) => value < bound;
    }
    default:
      return null;
  }
}

/** The def's checks as tests, the schema's own format first; null if any is not understood. */
function testsOf<T>(def: Def, testOf: (check: Record<string, unknown>) => ((value: T) => boolean) | null) {
  const checks = [...(def.check ? [def] : []), ...(def.checks ?? []).map((check) => check._zod.def)];
  const tests: ((value: T) => boolean)[] = [];
  for (const check of checks) {
    const test = testOf(check);
    if (!test) return null;
    tests.push(test);
  }
  return tests;
}

const passes = <T>(tests: readonly ((value: T) => boolean)[], value: T) => tests.every((test) => test(value));

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What JSON.parse makes; zod's records take a little more, which goes to zod. */
const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (!isObject(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

function compileObject(def: Def): Node | null {
  if (def.checks?.length) return null;
  const catchall = (def.catchall as Schema | undefined)?._zod.def.type;
  if (catchall !== undefined && catchall !== 'never') return null;
  const strict = catchall === 'never';
  const fields = Object.entries(def.shape as Record<string, Schema>).map(([key, field]) => ({
    key,
    parse: compile(field),
    // Absent, it is left out of the output; any other absence (a default) goes to zod.
    omissible: field._zod.optin === 'optional' && field._zod.optout === 'optional',
  }));
  const known = new Set(fields.map((field) => field.key));
  return (input) => {
    if (!isObject(input)) return REFER;
    if (strict) {
      for (const key in input) if (!known.has(key)) return REFER;
    }
    const output: Record<string, unknown> = {};
    for (const { key, parse, omissible } of fields) {
      if (!(key in input)) {
        if (omissible) continue;
        return REFER;
      }
      const value = parse(input[key]);
      if (value === REFER) return REFER;
      output[key] = value;
    }
    return output;
  };
}

function compileArray(def: Def): Node | null {
  const tests = testsOf<unknown[]>(def, lengthTest);
  if (!tests) return null;
  const element = compile(def.element as Schema);
  return (input) => {
    if (!Array.isArray(input) || !passes(tests, input)) return REFER;
    const output = new Array<unknown>(input.length);
    for (let index = 0; index < input.length; index += 1) {
      const value = element(input[index]);
      if (value === REFER) return REFER;
      output[index] = value;
    }
    return output;
  };
}

function compileRecord(def: Def): Node | null {
  const keyDef = (def.keyType as Schema)._zod.def;
  if (keyDef.type !== 'string' || keyDef.coerce || def.checks?.length) return null;
  const keyTests = testsOf(keyDef, stringTest);
  if (!keyTests) return null;
  const value = compile(def.valueType as Schema);
  return (input) => {
    if (!isPlainObject(input)) return REFER;
    const output: Record<string, unknown> = {};
    for (const key of Reflect.ownKeys(input)) {
      if (typeof key !== 'string' || key === '__proto__' || !passes(keyTests, key)) return REFER;
      const parsed = value(input[key]);
      if (parsed === REFER) return REFER;
      output[key] = parsed;
    }
    return output;
  };
}

function compileDiscriminated(def: Def): Node | null {
  const discriminator = String(def.discriminator);
  if (def.checks?.length || def.unionFallback) return null;
  const options = new Map<unknown, Node>();
  for (const option of def.options as Schema[]) {
    const tag = (option._zod.def.shape as Record<string, Schema> | undefined)?.[discriminator];
    const values = tag?._zod.def.type === 'literal' ? (tag._zod.def.values as unknown[]) : null;
    if (!values) return null;
    const parse = compile(option);
    for (const value of values) options.set(value, parse);
  }
  return (input) => {
    if (!isObject(input)) return REFER;
    return (options.get(input[discriminator]) ?? (() => REFER))(input);
  };
}

function compileNode(schema: Schema): Node | null {
  const def = schema._zod.def;
  if (def.coerce) return null;
  switch (def.type) {
    case 'string': {
      const tests = testsOf(def, stringTest);
      return tests && ((input) => (typeof input === 'string' && passes(tests, input) ? input : REFER));
    }
    case 'number': {
      const tests = testsOf(def, numberTest);
      return (
        tests &&
        ((input) =>
          typeof input === 'number' && Number.isFinite(input) && passes(tests, input) ? input : REFER)
      );
    }
    case 'boolean':
      return def.checks?.length ? null : (input) => (typeof input === 'boolean' ? input : REFER);
    case 'null':
      return (input) => (input === null ? null : REFER);
    case 'unknown':
    case 'any':
      return (input) => input;
    case 'enum': {
      // As zod reads entries: a numeric enum's reverse mappings (name by number) are not values.
      const entries = Object.entries(def.entries as Record<string, unknown>);
      const numbers = new Set(entries.flatMap(([, value]) => (typeof value === 'number' ? [value] : [])));
      const values = new Set(entries.filter(([key]) => !numbers.has(Number(key))).map(([, value]) => value));
      return (input) => (values.has(input) ? input : REFER);
    }
    case 'literal': {
      const values = new Set(def.values as unknown[]);
      return (input) => (values.has(input) ? input : REFER);
    }
    case 'nullable': {
      const inner = compile(def.innerType as Schema);
      return (input) => (input === null ? null : inner(input));
    }
    case 'optional': {
      const inner = compile(def.innerType as Schema);
      return (input) => (input === undefined ? undefined : inner(input));
    }
    case 'object':
      return compileObject(def);
    case 'array':
      return compileArray(def);
    case 'record':
      return compileRecord(def);
    case 'union':
      return def.discriminator === undefined ? null : compileDiscriminated(def);
    default:
      return null;
  }
}

function compile(schema: Schema): Node {
  return compileNode(schema) ?? byZod(schema);
}

/** `schema.safeParse`, answered without zod's machinery when the input is valid. */
export function fastSafeParse<S extends z.ZodType>(
  schema: S,
): (input: unknown) => z.ZodSafeParseResult<z.output<S>> {
  const parse = compile(schema as unknown as Schema);
  return (input) => {
    const output = parse(input);
    return output === REFER ? schema.safeParse(input) : { success: true, data: output as z.output<S> };
  };
}
