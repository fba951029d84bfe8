// A faster safeParse for contract schemas at the boundaries that take them by the thousand: HQ's
// push (hundreds of sales per request; zod's general-purpose parse was a third of HQ's CPU per sale,
// bench/sync-ingest.ts) and a till's first download (millions of items, bench/sync-bootstrap.ts).
// A schema is compiled once into the source of one plain function — property reads by name, the
// input itself handed back when there is nothing to drop, as hand-written code would — for the part
// of zod the contract uses: objects, arrays, records, strings with lengths and pattern formats, safe
// integers with bounds, enums, literals, nullable, optional, discriminated unions. Anything else
// inside is parsed by zod itself, and whatever the compiled function cannot accept with certainty —
// every invalid input among it — is handed to zod whole. So the verdict, the output and every error
// message are zod's; the compiled function only answers first when the input is valid.
// compiled-parse.test.ts holds it to that against zod on random input. Not for the renderer: its
// CSP forbids `new Function` (eslint.config.js keeps it out).
import type { z } from 'zod';

/** The compiled function cannot accept the input: zod decides. */
const REFER: unique symbol = Symbol('refer to zod');

// The internals of zod 4 schemas read here (`schema._zod.def`), as far as they are used: after a zod
// upgrade, compiled-parse.test.ts says whether they still mean the same.
interface Check {
  _zod: { def: Record<string, unknown> };
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

/** A string's length as zod measures it: in code points, a surrogate pair counting one. */
const codePoints = (text: string): number => {
  let count = text.length;
  for (let index = 0; index < text.length - 1; index += 1) {
    if ((text.charCodeAt(index) & 0xfc00) === 0xd800 && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
      count -= 1;
      index += 1;
    }
  }
  return count;
};

/** What JSON.parse makes; zod's records take a little more, which goes to zod. */
const isPlainObject = (value: unknown): boolean => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** Source being written, and the values it refers to (`k[i]`). */
class Source {
  private readonly values: unknown[] = [REFER, isPlainObject, codePoints];
  private names = 0;

  readonly refer = 'k[0]';
  readonly isPlainObject = 'k[1]';
  readonly codePoints = 'k[2]';

  value(value: unknown): string {
    this.values.push(value);
    return `k[${this.values.length - 1}]`;
  }

  name(): string {
    this.names += 1;
    return `v${this.names}`;
  }

  compile(body: string): (input: unknown) => unknown {
    const make = new Function('k', `return function compiledParse(input) {\n${body}\n};`) as (
      values: unknown[],
    ) => (input: unknown) => unknown;
    return make(this.values);
  }
}

/** Statements failing a check of `length`, or null if the check is not one of length. */
function lengthCheck(check: Record<string, unknown>, length: string, fail: string): string | null {
  switch (check.check) {
    case 'min_length':
      return `if (${length} < ${Number(check.minimum)}) ${fail}`;
    case 'max_length':
      return `if (${length} > ${Number(check.maximum)}) ${fail}`;
    case 'length_equals':
      return `if (${length} !== ${Number(check.length)}) ${fail}`;
    default:
      return null;
  }
}

function stringCheck(source: Source, check: Record<string, unknown>, input: string, fail: string) {
  if (check.check !== 'string_format') return lengthCheck(check, `${source.codePoints}(${input})`, fail);
  const pattern = check.pattern;
  if (!(pattern instanceof RegExp) || !PATTERN_FORMATS.has(String(check.format)) || check.when) return null;
  const name = source.value(pattern);
  return `${name}.lastIndex = 0; if (!${name}.test(${input})) ${fail}`;
}

function numberCheck(check: Record<string, unknown>, input: string, fail: string): string | null {
  const bound = Number(check.value);
  switch (check.check) {
    case 'number_format':
      return check.format === 'safeint' ? `if (!Number.isSafeInteger(${input})) ${fail}` : null;
    case 'greater_than':
      return `if (!(${input} ${check.inclusive ? '>=' : '>'} ${bound})) ${fail}`;
    case 'less_than':
      return `if (!(${input} ${check.inclusive ? '<=' : '<'} ${bound})) ${fail}`;
    default:
      return null;
  }
}

/** The def's checks as statements, the schema's own format first; null if any is not understood. */
function checks(def: Def, write: (check: Record<string, unknown>) => string | null): string | null {
  const all = [...(def.check ? [def] : []), ...(def.checks ?? []).map((check) => check._zod.def)];
  const lines: string[] = [];
  for (const check of all) {
    const line = write(check);
    if (line === null) return null;
    lines.push(line);
  }
  return lines.join('\n');
}

const literalSource = (value: unknown): string | null =>
  typeof value === 'string' || typeof value === 'boolean' || value === null || Number.isFinite(value)
    ? JSON.stringify(value)
    : null;

/**
 * Statements that read `input` (a variable) and assign the parsed value to `output` (a declared
 * variable) or return REFER; null when this node is not compiled (zod parses it).
 */
function emitNode(source: Source, schema: Schema, input: string, output: string): string | null {
  const def = schema._zod.def;
  const fail = `return ${source.refer};`;
  if (def.coerce) return null;
  // Strings, numbers and arrays compile their own checks; a refinement on anything else goes to zod.
  if (def.checks?.length && !['string', 'number', 'array'].includes(def.type)) return null;
  switch (def.type) {
    case 'string': {
      const tests = checks(def, (check) => stringCheck(source, check, input, fail));
      return tests === null
        ? null
        : `if (typeof ${input} !== 'string') ${fail}\n${tests}\n${output} = ${input};`;
    }
    case 'number': {
      const tests = checks(def, (check) => numberCheck(check, input, fail));
      return tests === null
        ? null
        : `if (typeof ${input} !== 'number' || !Number.isFinite(${input})) ${fail}\n${tests}\n${output} = ${input};`;
    }
    case 'boolean':
      return `if (typeof ${input} !== 'boolean') ${fail}\n${output} = ${input};`;
    case 'null':
      return `if (${input} !== null) ${fail}\n${output} = null;`;
    case 'unknown':
    case 'any':
      return `${output} = ${input};`;
    case 'enum': {
      // As zod reads entries: a numeric enum's reverse mappings (name by number) are not values.
      const entries = Object.entries(def.entries as Record<string, unknown>);
      const numbers = new Set(entries.flatMap(([, value]) => (typeof value === 'number' ? [value] : [])));
      const values = new Set(entries.filter(([key]) => !numbers.has(Number(key))).map(([, value]) => value));
      return `if (!${source.value(values)}.has(${input})) ${fail}\n${output} = ${input};`;
    }
    case 'literal':
      return `if (!${source.value(new Set(def.values as unknown[]))}.has(${input})) ${fail}\n${output} = ${input};`;
    case 'nullable':
    case 'optional': {
      const empty = def.type === 'nullable' ? 'null' : 'undefined';
      return `if (${input} === ${empty}) ${output} = ${empty};\nelse {\n${emit(source, def.innerType as Schema, input, output)}\n}`;
    }
    case 'object':
      return emitObject(source, def, input, output);
    case 'array': {
      const tests = checks(def, (check) => lengthCheck(check, `${input}.length`, fail));
      if (tests === null) return null;
      const [array, index, item, parsed] = [source.name(), source.name(), source.name(), source.name()];
      return `if (!Array.isArray(${input})) ${fail}
${tests}
let ${array} = null;
for (let ${index} = 0; ${index} < ${input}.length; ${index} += 1) {
  const ${item} = ${input}[${index}];
  let ${parsed};
  ${emit(source, def.element as Schema, item, parsed)}
  if (${array} === null && ${parsed} !== ${item}) ${array} = ${input}.slice(0, ${index});
  if (${array} !== null) ${array}.push(${parsed});
}
${output} = ${array} ?? ${input};`;
    }
    case 'record':
      return emitRecord(source, def, input, output);
    case 'union':
      return def.discriminator === undefined ? null : emitDiscriminated(source, def, input, output);
    default:
      return null;
  }
}

function emitObject(source: Source, def: Def, input: string, output: string): string | null {
  const fail = `return ${source.refer};`;
  const catchall = (def.catchall as Schema | undefined)?._zod.def.type;
  if (catchall !== undefined && catchall !== 'never') return null;
  const shape = def.shape as Record<string, Schema>;
  // `in` would find such a key on any object (and zod skips `__proto__`): zod reads those shapes.
  if (Object.keys(shape).some((key) => key in Object.prototype)) return null;
  const object = source.name();
  const lines = [`if (typeof ${input} !== 'object' || ${input} === null || Array.isArray(${input})) ${fail}`];
  if (catchall === 'never') {
    const key = source.name();
    lines.push(
      `for (const ${key} in ${input}) if (!${source.value(new Set(Object.keys(shape)))}.has(${key})) ${fail}`,
    );
  }
  // The input itself is the output when nothing in it changes and it holds no key to drop: a push's
  // objects and arrays are not copied (zod copies every one, and the copies were HQ's garbage).
  const [changed, present, count, key] = [source.name(), source.name(), source.name(), source.name()];
  lines.push(`let ${changed} = false; let ${present} = 0;`);
  const fields = Object.entries(shape).map(([name, field]) => {
    const [item, parsed, has] = [source.name(), source.name(), source.name()];
    // Absent, an optional field is left out of the output; any other absence (a default) goes to zod.
    const omissible = field._zod.optin === 'optional' && field._zod.optout === 'optional';
    const literal = JSON.stringify(name);
    lines.push(`let ${parsed}; const ${has} = ${literal} in ${input};
if (!${has}) ${omissible ? '{}' : fail}
else {
  const ${item} = ${input}[${literal}];
  ${emit(source, field, item, parsed)}
  ${present} += 1;
  if (${parsed} !== ${item}) ${changed} = true;
}`);
    return { literal, parsed, has };
  });
  lines.push(`let ${count} = 0; for (const ${key} in ${input}) ${count} += 1;
if (!${changed} && ${count} === ${present}) ${output} = ${input};
else {
  const ${object} = {};
  ${fields.map(({ literal, parsed, has }) => `if (${has}) ${object}[${literal}] = ${parsed};`).join('\n  ')}
  ${output} = ${object};
}`);
  return lines.join('\n');
}

function emitRecord(source: Source, def: Def, input: string, output: string): string | null {
  const fail = `return ${source.refer};`;
  const keyDef = (def.keyType as Schema)._zod.def;
  if (keyDef.type !== 'string' || keyDef.coerce) return null;
  const [record, key, item, parsed] = [source.name(), source.name(), source.name(), source.name()];
  const keyTests = checks(keyDef, (check) => stringCheck(source, check, key, fail));
  if (keyTests === null) return null;
  return `if (!${source.isPlainObject}(${input})) ${fail}
const ${record} = {};
for (const ${key} of Reflect.ownKeys(${input})) {
  if (typeof ${key} !== 'string' || ${key} === '__proto__') ${fail}
  ${keyTests}
  const ${item} = ${input}[${key}];
  let ${parsed};
  ${emit(source, def.valueType as Schema, item, parsed)}
  ${record}[${key}] = ${parsed};
}
${output} = ${record};`;
}

function emitDiscriminated(source: Source, def: Def, input: string, output: string): string | null {
  const fail = `return ${source.refer};`;
  if (def.unionFallback) return null;
  const discriminator = JSON.stringify(String(def.discriminator));
  const cases: string[] = [];
  for (const option of def.options as Schema[]) {
    const tag = (option._zod.def.shape as Record<string, Schema> | undefined)?.[String(def.discriminator)];
    const values = tag?._zod.def.type === 'literal' ? (tag._zod.def.values as unknown[]) : [];
    const labels = values.map(literalSource);
    if (labels.length === 0 || labels.includes(null)) return null;
    cases.push(
      `${labels.map((label) => `case ${label}:`).join(' ')} {\n${emit(source, option, input, output)}\nbreak;\n}`,
    );
  }
  return `if (typeof ${input} !== 'object' || ${input} === null || Array.isArray(${input})) ${fail}
switch (${input}[${discriminator}]) {
${cases.join('\n')}
default: ${fail}
}`;
}

/** Compiled statements for the node, or a call to zod for it. */
function emit(source: Source, schema: Schema, input: string, output: string): string {
  const compiled = emitNode(source, schema, input, output);
  if (compiled !== null) return compiled;
  const byZod = source.value((value: unknown) => {
    const result = schema.safeParse(value);
    return result.success ? result.data : REFER;
  });
  return `${output} = ${byZod}(${input});\nif (${output} === ${source.refer}) return ${source.refer};`;
}

/**
 * `schema.safeParse` for what JSON.parse made (plain objects, arrays with no other keys, no symbol
 * keys), answered by compiled code when it is valid.
 */
export function fastSafeParse<S extends z.ZodType>(
  schema: S,
): (input: unknown) => z.ZodSafeParseResult<z.output<S>> {
  const source = new Source();
  const parse = source.compile(
    `let output;\n${emit(source, schema as unknown as Schema, 'input', 'output')}\nreturn output;`,
  );
  return (input) => {
    const output = parse(input);
    return output === REFER ? schema.safeParse(input) : { success: true, data: output as z.output<S> };
  };
}

/**
 * One compiled parser per key (a stream, a kind), compiled the first time it is asked for: nothing is
 * compiled at start-up for what a process may never parse.
 */
export function compiledPerKey<K extends string>(
  schemaOf: (key: K) => z.ZodType,
): (key: K) => (input: unknown) => z.ZodSafeParseResult<unknown> {
  const compiled = new Map<K, (input: unknown) => z.ZodSafeParseResult<unknown>>();
  return (key) => {
    let parse = compiled.get(key);
    if (parse === undefined) {
      parse = fastSafeParse(schemaOf(key));
      compiled.set(key, parse);
    }
    return parse;
  };
}
