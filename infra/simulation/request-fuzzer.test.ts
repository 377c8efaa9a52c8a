import { luhnValid } from '../../functions/src/shared/card-number-guard';
import { buildOpenApiDocument } from '../../functions/src/catalogue/openapi-document';
import { Prng } from './prng';
import { fuzzRequests, luhnNumber, operationsOf, violatesSchema } from './request-fuzzer';

const credentials = { merchant: 'sk_test_m', staff: 'sk_staff_s', endUser: 'tok', existingIds: { payment: 'pay_1', case: 'case_1', rule: 'rule_1' } };

it('builds at least the asked number of requests for every route of the OpenAPI document, the same for the same seed', () => {
  const openapi = buildOpenApiDocument();
  const requests = fuzzRequests(openapi, credentials, new Prng('s'), 200);
  for (const op of operationsOf(openapi)) {
    const mine = requests.filter((r) => r.label.startsWith(`${op.method} ${op.path}:`));
    if (op.path === '/v1/openapi.json') continue; // no credentials, path ids, query or body to break
    expect(mine.length).toBeGreaterThanOrEqual(200);
  }
  expect(fuzzRequests(openapi, credentials, new Prng('s'), 200).map((r) => r.label)).toEqual(requests.map((r) => r.label));
});

it('sends a query value only when it breaks the parameter schema', () => {
  expect(violatesSchema({ type: 'integer', minimum: 1, maximum: 100 }, '50')).toBe(false);
  expect(violatesSchema({ type: 'integer', minimum: 1, maximum: 100 }, '1.5')).toBe(true);
  expect(violatesSchema({ type: 'integer', minimum: 1, maximum: 100 }, '100000')).toBe(true);
  expect(violatesSchema({ type: 'string', pattern: '^pay_[A-Za-z0-9]+$' }, 'abc')).toBe(true);
  expect(violatesSchema({ type: 'string' }, 'abc')).toBe(false);
  expect(violatesSchema({ enum: ['open', 'resolved'] }, 'closed')).toBe(true);
});

it('makes Luhn-valid card numbers at run time', () => {
  const prng = new Prng('cards');
  for (let i = 0; i < 20; i++) expect(luhnValid(luhnNumber(prng))).toBe(true);
});

it('never repairs a wrong content type: a body sent as text/plain stays text/plain in every repetition', () => {
  // A repetition once swapped in `application/JSON`, a valid JSON media type, and sent a well-formed request.
  const requests = fuzzRequests(buildOpenApiDocument(), credentials, new Prng('ci-2'), 200);
  const plain = requests.filter((r) => r.label.includes('text plain json'));
  expect(plain.length).toBeGreaterThan(0);
  expect(plain.every((r) => r.headers['content-type'] === 'text/plain')).toBe(true);
});

it('sends each route the credential its declared security scheme asks for, and signature variants to the signed webhook', () => {
  const requests = fuzzRequests(buildOpenApiDocument(), credentials, new Prng('schemes'), 200);
  const authorizationOf = (prefix: string) => new Set(requests.filter((r) => r.label.startsWith(prefix) && r.label.includes('malformed id')).map((r) => r.headers.authorization));
  expect(authorizationOf('POST /v1/cases/{id}/resolve:')).toEqual(new Set(['Bearer sk_staff_s']));
  expect(authorizationOf('GET /v1/payments/{id}:')).toEqual(new Set(['Bearer sk_test_m']));
  const kyc = requests.filter((r) => r.label.startsWith('POST /v1/kyc/verifications:') && r.label.includes('unknown field'));
  expect(new Set(kyc.map((r) => r.headers.authorization))).toEqual(new Set(['Bearer tok']));
  const webhook = requests.filter((r) => r.label.startsWith('POST /v1/webhooks/identity-vendor:'));
  expect(webhook.some((r) => r.label.includes('signature missing'))).toBe(true);
  expect(webhook.every((r) => r.headers.authorization === undefined)).toBe(true);
});
