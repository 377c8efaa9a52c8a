import type { Prng } from './prng';

// A request fuzzer driven by the OpenAPI document (GET /v1/openapi.json): for every route it builds
// hundreds of malformed requests (broken or mistyped bodies, unknown and missing fields, extreme
// values, wrong content types, oversized bodies, card numbers in disguise, malformed path ids and
// query parameters, missing or wrong credentials). Every one of them must be refused with a 4xx and
// write nothing; the caller compares the database before and after.

export interface FuzzRequest {
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
}

interface Operation {
  method: string;
  path: string;
  /** The operation's security scheme (components.securitySchemes), null for a public route. */
  scheme: string | null;
  /** A bearer credential in Authorization (merchant key, staff key, ID token); the signed webhook is not. */
  authenticated: boolean;
  requestSchema?: JsonSchema;
  queryParameters: Array<{ name: string; schema: JsonSchema }>;
}

export interface FuzzCredentials {
  /** A valid merchant key (sk_test_…). */
  merchant: string;
  /** A valid staff key (sk_staff_…) for the compliance routes. */
  staff: string;
  /** A valid end-user ID token for the KYC route. */
  endUser: string;
  /** Ids of existing objects, so a body is judged on its own and not refused for an unknown id. */
  existingIds: Record<string, string>;
}

export function operationsOf(openapi: any): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries<Record<string, any>>(openapi.paths ?? {})) {
    for (const [method, op] of Object.entries<any>(methods)) {
      const scheme: string | null = Array.isArray(op.security) && op.security.length > 0 ? (Object.keys(op.security[0])[0] ?? null) : null;
      const declared = scheme ? openapi.components?.securitySchemes?.[scheme] : undefined;
      operations.push({
        method: method.toUpperCase(),
        path,
        scheme,
        authenticated: declared?.type === 'http' && declared?.scheme === 'bearer',
        requestSchema: op.requestBody?.content?.['application/json']?.schema,
        queryParameters: (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => ({ name: p.name, schema: p.schema ?? {} })),
      });
    }
  }
  return operations;
}

// Path ids that no route may accept; none of them may reach a handler as an id.
const MALFORMED_IDS = ['%', '%ZZ', '%00', '..', '%2e%2e', 'pay_%2F..%2Fmerchants', "pay_1'%20OR%20'1'%3D'1", '%3Cscript%3E', 'pay_%C3%A9', `pay_${'x'.repeat(400)}`, 'a'.repeat(2_000), '%F0%9F%92%B3', 'pay_%20', '%E2%80%AE'];

/** Whether a query value (as the server decodes it) breaks the parameter's schema; values it allows are not malformed. */
export function violatesSchema(schema: JsonSchema, raw: string): boolean {
  if (schema.anyOf) return schema.anyOf.every((s) => violatesSchema(s, raw));
  if (schema.enum) return !schema.enum.map(String).includes(raw);
  const types = typesOf(schema);
  if (types.includes('integer') || types.includes('number')) {
    if (types.includes('integer') ? !/^-?\d+$/.test(raw) : !Number.isFinite(Number(raw)) || raw.trim() === '') return true;
    const n = Number(raw);
    return (schema.minimum !== undefined && n < schema.minimum) || (schema.maximum !== undefined && n > schema.maximum) || (schema.exclusiveMinimum !== undefined && n <= schema.exclusiveMinimum) || (schema.exclusiveMaximum !== undefined && n >= schema.exclusiveMaximum);
  }
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(raw)) return true;
  return (schema.minLength !== undefined && raw.length < schema.minLength) || (schema.maxLength !== undefined && raw.length > schema.maxLength);
}

/** A Luhn-valid 16-digit number made at run time (the repository holds no card-number literals). */
export function luhnNumber(prng: Prng): string {
  const digits = [4, ...Array.from({ length: 14 }, () => prng.int(0, 9))];
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits[digits.length - 1 - i];
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return [...digits, (10 - (sum % 10)) % 10].join('');
}

function typesOf(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  if (schema.anyOf) return schema.anyOf.flatMap(typesOf);
  if (schema.enum) return ['enum'];
  return Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
}

/** A value of a type the schema does not allow. */
function wrongValue(schema: JsonSchema | undefined, prng: Prng): unknown {
  const allowed = new Set(typesOf(schema));
  const candidates: unknown[] = [];
  if (!allowed.has('string')) candidates.push('12', 'true', '', '\u0000');
  if (!allowed.has('integer') && !allowed.has('number')) candidates.push(42, -1, 1e308);
  if (allowed.has('integer')) candidates.push(1.5, -7, 0, 2 ** 63, '100');
  if (!allowed.has('boolean')) candidates.push(true);
  if (!allowed.has('object')) candidates.push({ nested: { deeper: [] } });
  if (!allowed.has('array')) candidates.push([1, 2, 3]);
  if (allowed.has('enum')) candidates.push('not_one_of_them');
  if (!allowed.has('null')) candidates.push(null);
  return prng.pick(candidates);
}

/** A plausible value of the right type: the base the mutations break. */
function plausibleValue(schema: JsonSchema | undefined, name: string, ids: Record<string, string>): unknown {
  const types = typesOf(schema);
  if (schema?.enum) return schema.enum[0];
  if (name === 'payment' && ids.payment) return ids.payment;
  if (name === 'currency') return 'usd';
  if (name === 'payment_method') return 'pm_card_visa';
  if (types.includes('integer') || types.includes('number')) return 1000;
  if (types.includes('boolean')) return true;
  if (types.includes('object')) return {};
  if (types.includes('array')) return [];
  return 'x';
}

function baseBody(schema: JsonSchema | undefined, ids: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of schema?.required ?? []) body[name] = plausibleValue(schema?.properties?.[name], name, ids);
  return body;
}

/** Concrete path for an operation: `{id}` becomes an existing object's id (or the given malformed one). */
function concretePath(path: string, ids: Record<string, string>, id?: string): string {
  return path.replace(/\{(\w+)\}/g, () => id ?? (path.includes('/cases/') ? ids.case : path.includes('/radar/') ? ids.rule : ids.payment) ?? 'pay_missing');
}

function credentialFor(op: Operation, c: FuzzCredentials): Record<string, string> {
  if (!op.authenticated) return {};
  // The credential the route's declared scheme asks for (catalogue/route-auth.ts).
  if (op.scheme === 'staff_key') return { authorization: `Bearer ${c.staff}` };
  if (op.scheme === 'firebase_id_token') return { authorization: `Bearer ${c.endUser}` };
  return { authorization: `Bearer ${c.merchant}` };
}

/** Body mutations: each yields a body no schema-respecting route may accept. */
function bodyMutations(op: Operation, c: FuzzCredentials, prng: Prng): Array<{ label: string; body: string | Buffer; contentType?: string }> {
  const schema = op.requestSchema;
  const base = baseBody(schema, c.existingIds);
  const json = (value: unknown) => JSON.stringify(value);
  const out: Array<{ label: string; body: string | Buffer; contentType?: string }> = [
    { label: 'not json', body: 'this is not json' },
    { label: 'truncated json', body: '{"amount": 10' },
    { label: 'json array', body: '[]' },
    { label: 'json null', body: 'null' },
    { label: 'json string', body: '"hello"' },
    { label: 'json number', body: '12' },
    { label: 'trailing garbage', body: `${json(base)} trailing` },
    { label: 'duplicate keys', body: '{"a":1,"a":2,"unexpected":true}' },
    { label: 'deep nesting', body: `${'['.repeat(5_000)}${']'.repeat(5_000)}` },
    { label: 'unknown field', body: json({ ...base, unexpected_field: 'x' }) },
    { label: '__proto__ field', body: '{"__proto__":{"admin":true},"constructor":{"prototype":{}}}' },
    { label: 'oversized body', body: json({ ...base, description: 'x'.repeat(70_000) }) },
    { label: 'form encoded', body: 'amount=100&currency=usd', contentType: 'application/x-www-form-urlencoded' },
    { label: 'text plain json', body: json(base), contentType: 'text/plain' },
    { label: 'invalid utf-8', body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) },
  ];
  const card = luhnNumber(prng);
  for (const name of Object.keys(schema?.properties ?? {})) {
    out.push({ label: `wrong type for ${name}`, body: json({ ...base, [name]: wrongValue(schema?.properties?.[name], prng) }) });
    out.push({ label: `card number in ${name}`, body: json({ ...base, [name]: `card ${card.replace(/(\d{4})/g, '$1 ').trim()}` }) });
  }
  for (const name of schema?.required ?? []) {
    const { [name]: _dropped, ...rest } = base;
    out.push({ label: `missing ${name}`, body: json(rest) });
  }
  if (schema?.properties?.amount) for (const amount of [0, -1, 1.25, 1e21, '100', 'NaN']) out.push({ label: `amount ${amount}`, body: json({ ...base, amount }) });
  if (schema?.properties?.metadata) out.push({ label: 'metadata too many keys', body: json({ ...base, metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])) }) });
  if (schema?.properties?.description) out.push({ label: 'card number escaped', body: `{"description":"${[...card].map((d) => `\\u003${d}`).join('')}"${Object.keys(base).length ? ',' : ''}${json(base).slice(1, -1)}}` });
  return out;
}

/** At least `perRoute` malformed requests for every operation in the document. */
export function fuzzRequests(openapi: any, credentials: FuzzCredentials, prng: Prng, perRoute = 200): FuzzRequest[] {
  const requests: FuzzRequest[] = [];
  for (const op of operationsOf(openapi)) {
    const mine: FuzzRequest[] = [];
    const auth = credentialFor(op, credentials);
    const path = concretePath(op.path, credentials.existingIds);
    const post = (label: string, headers: Record<string, string>, body?: string | Buffer, at = path) =>
      mine.push({ label: `${op.method} ${op.path}: ${label}`, method: op.method, path: at, headers: { ...headers, ...(op.method === 'POST' ? { 'idempotency-key': `fuzz-${prng.int(0, 1e9)}` } : {}) }, body });

    // Credentials: none, empty, wrong, of the wrong kind.
    if (op.authenticated) {
      for (const [label, value] of [['no credentials', undefined], ['empty bearer', 'Bearer '], ['unknown key', 'Bearer sk_test_0000000000000000000000000000'], ['basic auth', 'Basic dXNlcjpwYXNz'], ['live-looking key', 'Bearer sk_live_x'], ['staff-looking key', 'Bearer sk_staff_x'], ['token with spaces', 'Bearer a b c'], ['unsigned garbage token', 'Bearer eyJ.eyJ.']] as const) {
        post(label, value === undefined ? {} : { authorization: value }, op.method === 'POST' ? '{}' : undefined);
      }
      if (auth.authorization?.includes('sk_staff_')) post('merchant key on a staff route', { authorization: `Bearer ${credentials.merchant}` });
      else if (auth.authorization?.includes('sk_test_')) post('staff key on a merchant route', { authorization: `Bearer ${credentials.staff}` });
    } else if (op.method === 'POST') {
      // The signed webhook: no signature, a malformed one, a stale one.
      // Labels name each kind without the current time, so one seed always builds the same labels.
      const current = `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`;
      for (const [kind, signature] of [['missing', undefined], ['garbage', 'garbage'], ['t=1,v1=00', 't=1,v1=00'], ['current time, wrong mac', current]] as const) {
        post(`signature ${kind}`, { 'content-type': 'application/json', ...(signature ? { 'identity-vendor-signature': signature } : {}) }, '{"id":"evt_1","type":"check.completed"}');
      }
    }
    // Malformed path ids.
    if (op.path.includes('{')) for (const id of MALFORMED_IDS) post(`malformed id ${id.slice(0, 20)}`, { ...auth, ...(op.method === 'POST' ? { 'content-type': 'application/json' } : {}) }, op.method === 'POST' ? '{}' : undefined, concretePath(op.path, credentials.existingIds, id));
    // Malformed query parameters.
    for (const { name, schema } of op.queryParameters) {
      for (const value of ['-1', '0', 'abc', '100000', '%ZZ', '', '1.5', "'%20OR%201=1", 'x'.repeat(3_000), '%00']) {
        if (violatesSchema(schema, new URLSearchParams(`${name}=${value}`).get(name) ?? '')) post(`query ${name}=${value.slice(0, 20)}`, auth, undefined, `${path}?${name}=${value}`);
      }
    }
    // Unknown parameters only where the route declares its query (a route without one ignores the query string).
    if (op.queryParameters.length > 0) post('unknown query parameter', auth, undefined, `${path}?unexpected=1`);
    // Bodies.
    if (op.method === 'POST' && op.requestSchema) {
      const mutations = bodyMutations(op, credentials, prng);
      for (const m of mutations) post(m.label, { ...auth, 'content-type': m.contentType ?? 'application/json' }, m.body);
      // Fill up to perRoute with random combinations of the mutations, new keys every time.
      while (mine.length < perRoute) {
        const m = prng.pick(mutations);
        // A mutation whose only defect is its content type keeps it: swapping in `application/JSON` (a valid JSON
        // media type, types are case-insensitive) would turn it into a well-formed request.
        const contentType = m.contentType ?? (prng.chance(0.1) ? prng.pick(['application/json; charset=latin1', 'application/JSON', 'multipart/form-data; boundary=x']) : 'application/json');
        post(`${m.label} (again, ${contentType})`, { ...auth, 'content-type': contentType }, m.body);
      }
    }
    // Routes without a body: repeat the malformed paths and credentials with fresh randomness.
    const seeds = [...mine];
    while (mine.length < perRoute && seeds.length > 0) {
      const r = prng.pick(seeds);
      mine.push({ ...r, label: `${r.label} (again)`, headers: { ...r.headers, ...(r.headers['idempotency-key'] ? { 'idempotency-key': `fuzz-${prng.int(0, 1e9)}` } : {}) } });
    }
    requests.push(...mine);
  }
  return requests;
}

export interface FuzzResult {
  sent: number;
  byStatus: Record<string, number>;
  /** Requests that were not answered with a 4xx. */
  unexpected: Array<{ label: string; status: number; body: string }>;
}

/** Sends the requests, `concurrency` at a time, and collects every answer that is not a 4xx. */
export async function sendFuzzRequests(baseUrl: string, requests: FuzzRequest[], concurrency = 16): Promise<FuzzResult> {
  const byStatus: Record<string, number> = {};
  const unexpected: FuzzResult['unexpected'] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests.length) {
        const r = requests[next++];
        let status = 0;
        let text = '';
        try {
          const response = await fetch(`${baseUrl}${r.path}`, { method: r.method, headers: r.headers, body: r.body, signal: AbortSignal.timeout(30_000) });
          status = response.status;
          text = await response.text();
        } catch (error) {
          text = String(error);
        }
        byStatus[status] = (byStatus[status] ?? 0) + 1;
        if (status < 400 || status >= 500) unexpected.push({ label: r.label, status, body: text.slice(0, 300) });
      }
    }),
  );
  return { sent: requests.length, byStatus, unexpected };
}
