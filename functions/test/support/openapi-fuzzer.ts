import seedrandom from 'seedrandom';

// Malformed requests derived from the OpenAPI document itself, so every route the catalogue adds is
// fuzzed without anyone remembering to. Each case is invalid by construction (a wrong type, a
// value out of its declared range, an unknown or missing field, a broken body, a hostile path
// segment), so the only right answer is a 4xx that writes nothing.

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

type Operation = {
  operationId: string;
  security?: unknown[];
  parameters?: Array<{ name: string; in: 'path' | 'query' | 'header'; schema?: JsonSchema }>;
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
};

export type OpenApiDocument = { paths: Record<string, Record<string, Operation>> };

export interface FuzzCase {
  operationId: string;
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Real ids to put in path parameters, so body mutations reach the handler behind the route. */
export type PathValues = Record<string, string>;

const CARD = '4242424242424242';

export function fuzzCases(doc: OpenApiDocument, options: { seed: string; pathValues: (path: string) => PathValues }): FuzzCase[] {
  const random = seedrandom(options.seed);
  const cases: FuzzCase[] = [];
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const values = options.pathValues(template);
      const fill = (overrides: PathValues = {}) => template.replace(/\{(\w+)\}/g, (_, name: string) => overrides[name] ?? values[name] ?? 'unknown_id');
      const base = { operationId: op.operationId, method: method.toUpperCase() };
      const json = { 'content-type': 'application/json' };
      const add = (kind: string, c: Partial<FuzzCase>) => cases.push({ ...base, kind, path: fill(), headers: {}, ...c });
      const schema = op.requestBody?.content['application/json'].schema;
      // An authorization header set here replaces the caller's key.
      if (op.security?.length) {
        add('auth:missing', { headers: { authorization: '' } });
        add('auth:not_bearer', { headers: { authorization: 'Basic c2tfdGVzdDpmdXp6' } });
        add('auth:unknown_key', { headers: { authorization: `Bearer sk_test_${garbage(random, 43)}` } });
        add('auth:malformed_key', { headers: { authorization: 'Bearer sk_live_' } });
      }

      for (const param of (op.parameters ?? []).filter((p) => p.in === 'path')) {
        for (const hostile of hostileIds(random)) add(`path:${param.name}:${hostile.kind}`, { path: fill({ [param.name]: hostile.value }), headers: { ...json }, body: schema ? JSON.stringify(exampleOf(schema)) : undefined });
      }
      for (const param of (op.parameters ?? []).filter((p) => p.in === 'query')) {
        // A query string carries only text: a "wrong type" is only wrong where the schema wants no string.
        for (const bad of invalidValues(param.schema ?? {}, random).filter((b) => !(b.kind === 'wrong_type' && typeOf(param.schema ?? {}) === 'string'))) add(`query:${param.name}:${bad.kind}`, { path: `${fill()}?${param.name}=${encodeURIComponent(typeof bad.value === 'string' ? bad.value : JSON.stringify(bad.value))}` });
      }
      if (!schema) continue;
      const example = exampleOf(schema) as Record<string, unknown>;
      add('body:not_json', { headers: { ...json }, body: '{"amount": 10' });
      add('body:array', { headers: { ...json }, body: '[]' });
      add('body:null', { headers: { ...json }, body: 'null' });
      add('body:string', { headers: { ...json }, body: '"hello"' });
      add('body:wrong_content_type', { headers: { 'content-type': 'text/plain' }, body: 'amount=10' });
      add('body:deep_nesting', { headers: { ...json }, body: `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}` });
      if (schema.additionalProperties === false) {
        add('body:unknown_field', { headers: { ...json }, body: JSON.stringify({ ...example, fuzz_unknown_field: 'x' }) });
        add('body:proto_key', { headers: { ...json }, body: `{"__proto__": {"admin": true}, ${JSON.stringify(example).slice(1)}`.replace(/, }$/, '}') });
      }
      for (const name of schema.required ?? []) {
        const { [name]: _dropped, ...rest } = example;
        add(`body:missing:${name}`, { headers: { ...json }, body: JSON.stringify(rest) });
      }
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        for (const bad of invalidValues(property, random)) add(`body:${name}:${bad.kind}`, { headers: { ...json }, body: JSON.stringify({ ...example, [name]: bad.value }) });
        if (typeOf(property) === 'string') add(`body:${name}:card_number`, { headers: { ...json }, body: JSON.stringify({ ...example, [name]: `card ${CARD}` }) });
      }
    }
  }
  return cases;
}

/** Values the schema certainly refuses; none for a schema too loose to say (a union, `any`). */
function invalidValues(s: JsonSchema, random: () => number): Array<{ kind: string; value: unknown }> {
  const type = typeOf(s);
  if (!type) return [];
  const out: Array<{ kind: string; value: unknown }> = [];
  const wrongType = type === 'string' ? 12345 : type === 'boolean' ? 'yes' : type === 'array' ? { not: 'an array' } : type === 'object' ? ['not', 'an', 'object'] : 'not-a-number';
  out.push({ kind: 'wrong_type', value: wrongType });
  if (type === 'integer') out.push({ kind: 'fraction', value: 1.5 });
  if (type === 'integer' || type === 'number') {
    if (s.maximum !== undefined) out.push({ kind: 'above_maximum', value: s.maximum + 1 });
    if (s.exclusiveMaximum !== undefined) out.push({ kind: 'at_exclusive_maximum', value: s.exclusiveMaximum });
    if (s.minimum !== undefined) out.push({ kind: 'below_minimum', value: s.minimum - 1 });
    if (s.exclusiveMinimum !== undefined) out.push({ kind: 'at_exclusive_minimum', value: s.exclusiveMinimum });
  }
  if (type === 'string') {
    if (s.maxLength !== undefined) out.push({ kind: 'too_long', value: garbage(random, s.maxLength + 1) });
    if (s.minLength !== undefined && s.minLength > 0) out.push({ kind: 'too_short', value: '' });
    if (s.enum) out.push({ kind: 'not_in_enum', value: `fuzz_${garbage(random, 6)}` });
  }
  if (type === 'array' && s.maxItems !== undefined) out.push({ kind: 'too_many_items', value: Array.from({ length: s.maxItems + 1 }, () => exampleOf(s.items ?? {})) });
  return out;
}

function typeOf(s: JsonSchema): string | undefined {
  if (s.anyOf || s.oneOf || Array.isArray(s.type)) return undefined;
  if (s.enum && !s.type) return typeof s.enum[0] === 'string' ? 'string' : undefined;
  return s.type;
}

/** A plausible instance: the base every single-field mutation starts from. */
function exampleOf(s: JsonSchema): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.anyOf?.length) return exampleOf(s.anyOf[0]);
  switch (typeOf(s)) {
    case 'object':
      return Object.fromEntries((s.required ?? []).map((name) => [name, exampleOf(s.properties?.[name] ?? {})]));
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 1, s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    default:
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
  }
}

function hostileIds(random: () => number): Array<{ kind: string; value: string }> {
  return [
    { kind: 'traversal', value: '..%2F..%2Fapi_keys' },
    { kind: 'nul', value: 'pay_%00' },
    { kind: 'bad_escape', value: '%E0%A4%A' },
    { kind: 'very_long', value: `pay_${garbage(random, 1600)}` },
    { kind: 'unicode', value: encodeURIComponent('pay_💳ü') },
    { kind: 'card_number', value: CARD },
  ];
}

function garbage(random: () => number, length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}
