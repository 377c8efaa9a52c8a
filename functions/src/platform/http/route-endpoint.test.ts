import { fixedClock } from '../../shared/clock';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { z } from 'zod';
import type { HttpRoute } from '../../catalogue/function-catalogue';
import type { RouteAuth } from '../../catalogue/route-auth';
import { InMemoryStaffDirectory } from '../../compliance/adapters/staff-directory.firestore';
import { generateStaffKey, newStaffKeyRecord } from '../../compliance/domain/staff-key';
import { staffKeyAuthenticator } from '../../compliance/entrypoints/staff-key.authenticator';
import { firebaseIdTokenAuthenticator } from './firebase-id-token.authenticator';
import { authenticateMerchant } from '../../merchants/application/authenticate-merchant.query';
import { InMemoryMerchantRepository } from '../../merchants/adapters/merchant.memory-repository';
import { generateSecretKey, newApiKeyRecord } from '../../merchants/domain/api-key';
import { createLogger } from '../../shared/logger';
import { ok } from '../../shared/result';
import { Authenticators, bearerAuthenticator } from './authenticator';
import { routeEndpoint } from './route-endpoint';
import { installRequestBodyParsers } from './tolerant-json-body';

const routeWith = (auth: RouteAuth): HttpRoute => ({ method: 'POST', path: '/v1/things/{id}/close', summary: 'Close a thing', successStatus: 200, request: z.strictObject({ reason: z.string() }), response: z.unknown(), auth });

// The Functions Framework's own server in process, the body parsers installed as in production.
let registered = 0;
async function serve(route: HttpRoute, authenticators: Authenticators<unknown>) {
  installRequestBodyParsers();
  const handled: unknown[] = [];
  const name = `routeEndpointTest${++registered}`;
  const log = createLogger({}, () => undefined);
  functions.http(name, routeEndpoint(route, () => ({ log, projectId: 'demo', authenticators }), async ({ principal, params, input }) => (handled.push({ principal, params, input }), ok({ closed: params.id, by: principal }))));
  const server = getTestServer(name);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const call = (headers: Record<string, string>, body = '{"reason":"done"}') =>
    new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/things/thing_1/close', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      });
      req.on('error', reject);
      req.end(body);
    });
  const close = () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  return { call, close, handled };
}

async function credentials() {
  const staff = new InMemoryStaffDirectory();
  const staffKey = generateStaffKey();
  await staff.saveStaffKey(newStaffKeyRecord(staffKey, 'ria@bank.example', 0));
  const merchants = new InMemoryMerchantRepository();
  const merchantKey = generateSecretKey(false);
  await merchants.createMerchant({ id: 'acct_1', name: 'Shop', createdMs: 0 }, newApiKeyRecord(merchantKey, 'acct_1', 0));
  const authenticators: Authenticators<unknown> = {
    staff_key: staffKeyAuthenticator(staff),
    merchant_key: bearerAuthenticator('merchant_key', (authorization) => authenticateMerchant({ merchants, team: { findMember: async () => null }, tokens: { verify: async () => null }, clock: fixedClock(0) }, authorization, { resource: 'payments', action: 'read' })),
    firebase_id_token: firebaseIdTokenAuthenticator({ verify: async (token) => (token === 'valid-token' ? { uid: 'user_1', emailVerified: true } : null) }),
  };
  return { staffKey, merchantKey, authenticators };
}

describe('one HTTP shell, the authenticator picked by the route', () => {
  it('given a route declared staff_key, when a merchant key calls it, then 401 invalid_api_key as the staff API answered before, and nothing runs', async () => {
    const { merchantKey, staffKey, authenticators } = await credentials();
    const server = await serve(routeWith('staff_key'), authenticators);
    try {
      const refused = await server.call({ authorization: `Bearer ${merchantKey}` });
      expect(refused).toEqual({ status: 401, body: { error: { type: 'authentication_error', code: 'invalid_api_key', message: 'Compliance endpoints accept staff keys (sk_staff_...) only.', param: null } } });
      expect(await server.call({})).toEqual({ status: 401, body: { error: { type: 'authentication_error', code: 'invalid_api_key', message: 'Compliance endpoints need a staff key: `Authorization: Bearer sk_staff_...`.', param: null } } });
      expect(server.handled).toEqual([]);
      // The staff key passes, also as API Gateway forwards it.
      expect(await server.call({ 'x-forwarded-authorization': `Bearer ${staffKey}`, authorization: 'Bearer gateway-token' })).toEqual({ status: 200, body: { closed: 'thing_1', by: { staffId: 'ria@bank.example', role: 'analyst' } } });
    } finally {
      await server.close();
    }
  });

  it('given the same authenticators and a route declared merchant_key, then the merchant key passes and a staff key gets the merchant API answer', async () => {
    const { merchantKey, staffKey, authenticators } = await credentials();
    const server = await serve(routeWith('merchant_key'), authenticators);
    try {
      expect(await server.call({ authorization: `Bearer ${staffKey}` })).toEqual({ status: 401, body: { error: { type: 'authentication_error', code: 'invalid_api_key', message: 'Invalid API key provided.', param: null } } });
      expect(await server.call({ authorization: `Bearer ${merchantKey}` })).toEqual({ status: 200, body: { closed: 'thing_1', by: { merchantId: 'acct_1', livemode: false, credential: { kind: 'secret_key', keyId: expect.stringMatching(/^key_/) } } } });
    } finally {
      await server.close();
    }
  });

  it('given a route declared firebase_id_token, then only a valid ID token passes and a merchant key is invalid_id_token', async () => {
    const { merchantKey, authenticators } = await credentials();
    const server = await serve(routeWith('firebase_id_token'), authenticators);
    try {
      expect(await server.call({ authorization: `Bearer ${merchantKey}` })).toMatchObject({ status: 401, body: { error: { type: 'authentication_error', code: 'invalid_id_token' } } });
      expect(await server.call({ authorization: 'Bearer valid-token' })).toMatchObject({ status: 200, body: { by: { uid: 'user_1' } } });
    } finally {
      await server.close();
    }
  });

  it('given the caller is refused, then its body is never read: a malformed body from an unknown caller is a 401, not a 400', async () => {
    const { authenticators } = await credentials();
    const server = await serve(routeWith('staff_key'), authenticators);
    try {
      expect((await server.call({ authorization: 'Bearer sk_staff_unknown' }, '{"reason":')).status).toBe(401);
    } finally {
      await server.close();
    }
  });

  it('given a route whose declared scheme its endpoint cannot run, then the request fails closed (500) and nothing runs', async () => {
    const { staffKey, authenticators } = await credentials();
    const server = await serve(routeWith('vendor_signature'), authenticators);
    try {
      const answer = await server.call({ authorization: `Bearer ${staffKey}` });
      expect(answer).toMatchObject({ status: 500, body: { error: { type: 'api_error', code: 'internal_error' } } });
      expect(server.handled).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
