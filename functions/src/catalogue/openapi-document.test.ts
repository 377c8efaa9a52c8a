import { httpFunctions } from './function-catalogue';
import { buildOpenApiDocument } from './openapi-document';
import { ROUTE_AUTH_SCHEMES } from './route-auth';

type Operation = { security: Array<Record<string, string[]>>; 'x-access': { restricted_key_scopes: string[] } & Record<string, unknown> };
const doc = buildOpenApiDocument() as { components: { securitySchemes: Record<string, { type: string; scheme?: string; in?: string; name?: string }> }; paths: Record<string, Record<string, Operation>> };
const operation = (method: string, path: string): Operation => doc.paths[path][method.toLowerCase()];

describe('the OpenAPI document shows how each route authenticates', () => {
  it('declares every authenticator as a security scheme', () => {
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['firebase_id_token', 'merchant_key', 'staff_key', 'standard_webhooks_signature', 'team_member', 'vendor_signature']);
    expect(doc.components.securitySchemes.vendor_signature).toMatchObject({ type: 'apiKey', in: 'header', name: 'Identity-Vendor-Signature' });
    // the bank signs per Standard Webhooks, not with the identity vendor's header
    expect(doc.components.securitySchemes.standard_webhooks_signature).toMatchObject({ type: 'apiKey', in: 'header', name: 'webhook-signature' });
    expect(doc.paths['/v1/webhooks/bank'].post.security).toEqual([{ standard_webhooks_signature: [] }]);
    expect(doc.components.securitySchemes.staff_key).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('gives each operation the scheme its route declares in the catalogue, and none to public routes', () => {
    for (const { route } of httpFunctions()) {
      const expected = route.auth === 'none' ? [] : route.auth === 'merchant_key' ? [{ merchant_key: [] }, { team_member: [] }] : [{ [route.auth]: [] }];
      expect({ route: `${route.method} ${route.path}`, security: operation(route.method, route.path).security }).toEqual({ route: `${route.method} ${route.path}`, security: expected });
      if (route.auth !== 'none') expect(ROUTE_AUTH_SCHEMES[route.auth]).toBeDefined();
    }
  });

  it('lists who may call each merchant operation (x-access): roles, restricted-key scopes and the secret key', () => {
    expect(operation('POST', '/v1/refunds')['x-access']).toEqual({
      resource: 'refunds', action: 'write', roles: ['owner', 'admin', 'developer', 'analyst'], restricted_key_scopes: ['refunds:write'], secret_key: true,
    });
    expect(operation('GET', '/v1/api_keys')['x-access']).toMatchObject({ roles: ['owner', 'admin', 'developer'], restricted_key_scopes: [], secret_key: false });
    expect(operation('POST', '/v1/account/members')['x-access']).toMatchObject({ roles: ['owner', 'admin'], secret_key: true });
    expect(operation('GET', '/v1/payments')['x-access'].restricted_key_scopes).toEqual(['read_only', 'payments:read', 'payments:write']);
  });

  it('shows the staff routes with the staff key, the KYC route with the ID token, the webhook with its signature, payments with the merchant key', () => {
    expect(operation('GET', '/v1/cases').security).toEqual([{ staff_key: [] }]);
    expect(operation('POST', '/v1/cases/{id}/resolve').security).toEqual([{ staff_key: [] }]);
    expect(operation('GET', '/v1/audit_log').security).toEqual([{ staff_key: [] }]);
    expect(operation('POST', '/v1/kyc/verifications').security).toEqual([{ firebase_id_token: [] }]);
    expect(operation('POST', '/v1/webhooks/identity-vendor').security).toEqual([{ vendor_signature: [] }]);
    expect(operation('POST', '/v1/payments').security).toEqual([{ merchant_key: [] }, { team_member: [] }]);
    expect(operation('POST', '/v1/account/invitations/{id}/accept').security).toEqual([{ firebase_id_token: [] }]);
    expect(operation('GET', '/v1/openapi.json').security).toEqual([]);
  });
});
