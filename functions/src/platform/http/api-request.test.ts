import type { Request } from '@google-cloud/functions-framework';
import { guardRawRequest, requestHoldsCardNumber } from './api-request';

const PAN = ['4242', '4242', '4242', '4242'].join('');
const UUID_WITH_LUHN_GROUPS = `${PAN.slice(0, 8)}-${PAN.slice(8, 12)}-${PAN.slice(12)}-8abc-0123456789ab`;

function request(parts: { headers?: Record<string, string>; raw?: string; body?: unknown; url?: string; query?: Record<string, unknown> }): Request {
  const headers = { 'content-type': 'application/json', ...parts.headers };
  return {
    headers,
    get: (name: string) => headers[name.toLowerCase() as keyof typeof headers],
    rawBody: parts.raw === undefined ? undefined : Buffer.from(parts.raw),
    body: parts.body ?? (parts.raw ? JSON.parse(parts.raw) : undefined),
    originalUrl: parts.url ?? '/v1/payments',
    query: parts.query ?? {},
  } as unknown as Request;
}

describe('the card-number guard over a whole request', () => {
  it.each([
    ['a JSON-escaped body string', { raw: `{"description":"${[...PAN].map((d) => `\\u00${d.charCodeAt(0).toString(16)}`).join('')}"}` }],
    ['a body key', { raw: `{"metadata":{"card${PAN}":"x"}}` }],
    ['a header glued to letters', { headers: { 'x-note': `card${PAN}` } }],
    ['a header in dotted groups', { headers: { 'idempotency-key': PAN.replace(/(\d{4})(?=\d)/g, '$1.') } }],
    ['a malformed trace header', { headers: { 'x-cloud-trace-context': `card ${PAN}` } }],
    ['the query', { query: { starting_after: PAN.replace(/(\d{4})(?=\d)/g, '$1  ') } }],
  ])('given a PAN in %s, then the request is refused', (_where, parts) => {
    expect(requestHoldsCardNumber(request(parts))).toBe(true);
    expect(guardRawRequest(request(parts), true)).toEqual({ ok: false, error: expect.objectContaining({ code: 'card_number_not_allowed' }) });
  });

  it('given a UUID idempotency key with Luhn-valid groups, a well-formed trace header and the credentials, then nothing is refused', () => {
    const req = request({
      raw: '{"amount":1000,"currency":"usd"}',
      headers: {
        'idempotency-key': UUID_WITH_LUHN_GROUPS,
        'x-cloud-trace-context': `0123456789abcdef0123456789abcdef/${PAN};o=1`,
        authorization: `Bearer sk_test_${PAN}`,
      },
    });
    expect(requestHoldsCardNumber(req)).toBe(false);
  });
});

describe('the content type of a request body', () => {
  it('given a JSON text sent as text/plain, which leaves no raw body behind, then it is refused with 415', () => {
    // The fuzzer found staff routes and the screening endpoint taking such a body and acting on it.
    const req = request({ headers: { 'content-type': 'text/plain', 'content-length': '16' }, body: '{"name":"Alice"}' });
    expect(guardRawRequest(req, true)).toEqual({ ok: false, error: expect.objectContaining({ status: 415, code: 'unsupported_media_type' }) });
  });

  it('given a POST without a body and without a content type, then it is let through', () => {
    expect(guardRawRequest(request({ headers: { 'content-type': '' } }), true)).toEqual({ ok: true, value: undefined });
  });
});
