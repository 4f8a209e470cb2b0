// fast-check arbitraries for the fuzz suite, read from the OpenAPI document the server publishes
// (electron/host/api/openapi.ts): every parameter and JSON body schema becomes requests that mostly
// fit it (so they reach the handlers) and sometimes do not (wrong types, unknown fields, odd text).
// Ids the catalogue really holds are offered wherever a schema's pattern admits them, so requests
// name real people, faces and groups as well as unknown ones.
import fc from 'fast-check';

type Schema = Record<string, unknown>;

/** Real ids of the catalogue under test; a string schema offers the ones its pattern admits. */
export interface IdPool {
  ids: readonly string[];
}

/** Text that has broken parsers before: empty, huge, control and surrogate characters, injections. */
const NASTY = fc.constantFrom(
  '', ' ', '\u0000', '\uD800', '\u202E', '%', '%00', '../../etc/passwd', "' OR 1=1 --", '<script>', 'null', '-1', '1e309', 'NaN',
  '9'.repeat(400), 'é'.repeat(300), '{"a":1}', '[]', '💥'.repeat(50), 'person_', 'face_', 'a'.repeat(70_000),
);

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: NASTY },
  { weight: 1, arbitrary: fc.constantFrom(-1, 0, 2 ** 53, -(2 ** 31), 1.5, 1e308, true, false, null) },
);

function patternOf(s: Schema): RegExp | null {
  if (typeof s.pattern !== 'string') return null;
  try {
    return new RegExp(s.pattern, 'u');
  } catch {
    return new RegExp(s.pattern);
  }
}

function stringArb(s: Schema, pool: IdPool): fc.Arbitrary<string> {
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? Math.min(s.maxLength, 300) : 60;
  const re = patternOf(s);
  let shaped: fc.Arbitrary<string>;
  if (s.format === 'uuid') shaped = fc.uuid();
  else if (s.format === 'date') shaped = fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  else if (s.format === 'date-time') shaped = fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  else if (re) shaped = fc.stringMatching(re).filter((x) => x.length <= Math.max(max, 64));
  else shaped = fc.string({ minLength: min, maxLength: Math.max(min, max), unit: 'grapheme' });
  const known = re ? pool.ids.filter((id) => re.test(id)) : [];
  return known.length ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: shaped }) : shaped;
}

function numberArb(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const lo = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + (integer ? 1 : 1e-9) : -1e6;
  const hi = typeof s.maximum === 'number' ? s.maximum : typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - (integer ? 1 : 1e-9) : 1e6;
  return integer
    ? fc.integer({ min: Math.max(Math.ceil(lo), Number.MIN_SAFE_INTEGER), max: Math.min(Math.floor(hi), Number.MAX_SAFE_INTEGER) })
    : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
}

function objectArb(s: Schema, pool: IdPool, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = (s.properties ?? {}) as Record<string, Schema>;
  const required = new Set((s.required ?? []) as string[]);
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of Object.entries(props)) record[k] = fitting(v, pool, depth + 1);
  const known = fc.record(record, { requiredKeys: [...required].filter((k) => k in props) });
  if (Object.keys(props).length === 0 && s.additionalProperties && typeof s.additionalProperties === 'object') {
    return fc.dictionary(fc.string({ maxLength: 12 }), fitting(s.additionalProperties as Schema, pool, depth + 1), { maxKeys: 4 });
  }
  return known;
}

/** Values that fit the schema (the optional parts chosen at random), ids from the pool where they fit. */
export function fitting(s: Schema, pool: IdPool, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(s[key])) return fc.oneof(...(s[key] as Schema[]).map((x) => fitting(x, pool, depth + 1)));
  }
  if (Array.isArray(s.allOf)) return fitting(Object.assign({}, ...(s.allOf as Schema[])), pool, depth + 1);
  const type = Array.isArray(s.type) ? (s.type as string[]) : s.type === undefined ? [] : [s.type as string];
  if (type.length > 1) return fc.oneof(...type.map((t) => fitting({ ...s, type: t }, pool, depth)));
  switch (type[0]) {
    case 'string':
      return stringArb(s, pool);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = (s.items ?? {}) as Schema;
      const minLength = typeof s.minItems === 'number' ? s.minItems : 0;
      const maxLength = Math.max(minLength, Math.min(typeof s.maxItems === 'number' ? s.maxItems : 5, 5));
      if (Array.isArray(s.prefixItems)) return fc.tuple(...(s.prefixItems as Schema[]).map((x) => fitting(x, pool, depth + 1)));
      return fc.array(fitting(items, pool, depth + 1), { minLength, maxLength });
    }
    case 'object':
      return objectArb(s, pool, depth);
    default:
      return anyJson;
  }
}

/** Mostly fitting values, sometimes any JSON at all, sometimes a fitting object with a field nobody declared. */
export function fuzzed(s: Schema, pool: IdPool): fc.Arbitrary<unknown> {
  const fit = fitting(s, pool);
  const extra = fit.chain((v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), anyJson).map(([k, x]) => ({ ...v, [`x_${k}`]: x })) : fc.constant(v),
  );
  return fc.oneof({ weight: 6, arbitrary: fit }, { weight: 1, arbitrary: anyJson }, { weight: 1, arbitrary: extra });
}

/** A query or path value as text: what a URL can carry of any value. */
export function asParam(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Ways a real image file goes bad on its way to a server. */
export function mutatedImage(originals: readonly Uint8Array[]): fc.Arbitrary<{ bytes: Uint8Array; how: string }> {
  return fc.integer({ min: 0, max: originals.length - 1 }).chain((which) => {
    const src = originals[which]!;
    const at = fc.integer({ min: 0, max: src.length - 1 });
    return fc.oneof(
      at.map((n) => ({ bytes: src.subarray(0, n), how: `cut at ${n}` })),
      fc.array(fc.tuple(at, fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 40 }).map((flips) => {
        const b = Uint8Array.from(src);
        for (const [i, v] of flips) b[i] = v;
        return { bytes: b, how: `${flips.length} bytes changed` };
      }),
      // The header's first 600 bytes hold the JPEG/PNG markers and the declared size.
      fc.tuple(fc.integer({ min: 2, max: Math.min(600, src.length - 1) }), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([i, junk]) => {
        const b = Uint8Array.from(src);
        b.set(junk.subarray(0, b.length - i), i);
        return { bytes: b, how: `header overwritten at ${i}` };
      }),
      fc.tuple(at, fc.uint8Array({ minLength: 1, maxLength: 4096 })).map(([i, junk]) => ({ bytes: Buffer.concat([src.subarray(0, i), junk, src.subarray(i)]), how: `${junk.length} bytes spliced at ${i}` })),
      fc.uint8Array({ minLength: 0, maxLength: 2048 }).map((b) => ({ bytes: b, how: 'random bytes' })),
      fc.constant({ bytes: src, how: 'intact' }),
    );
  });
}
