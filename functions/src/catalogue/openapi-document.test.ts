import { httpFunctions } from './function-catalogue';
import { buildOpenApiDocument } from './openapi-document';
import { ROUTE_AUTH_SCHEMES } from './route-auth';

type Operation = { security: Array<Record<string, string[]>> };
const doc = buildOpenApiDocument() as { components: { securitySchemes: Record<string, { type: string; scheme?: string; in?: string; name?: string }> }; paths: Record<string, Record<string, Operation>> };
const operation = (method: string, path: string): Operation => doc.paths[path][method.toLowerCase()];

describe('the OpenAPI document shows how each route authenticates', () => {
  it('declares every authenticator as a security scheme', () => {
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['firebase_id_token', 'merchant_key', 'staff_key', 'standard_webhooks_signature', 'vendor_signature']);
    expect(doc.components.securitySchemes.vendor_signature).toMatchObject({ type: 'apiKey', in: 'header', name: 'Identity-Vendor-Signature' });
    // the bank signs per Standard Webhooks, not with the identity vendor's header
    expect(doc.components.securitySchemes.standard_webhooks_signature).toMatchObject({ type: 'apiKey', in: 'header', name: 'webhook-signature' });
    expect(doc.paths['/v1/webhooks/bank'].post.security).toEqual([{ standard_webhooks_signature: [] }]);
    expect(doc.components.securitySchemes.staff_key).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('gives each operation the scheme its route declares in the catalogue, and none to public routes', () => {
    for (const { route } of httpFunctions()) {
      const expected = route.auth === 'none' ? [] : [{ [route.auth]: [] }];
      expect({ route: `${route.method} ${route.path}`, security: operation(route.method, route.path).security }).toEqual({ route: `${route.method} ${route.path}`, security: expected });
      if (route.auth !== 'none') expect(ROUTE_AUTH_SCHEMES[route.auth]).toBeDefined();
    }
  });

  it('shows the staff routes with the staff key, the KYC route with the ID token, the webhook with its signature, payments with the merchant key', () => {
    expect(operation('GET', '/v1/cases').security).toEqual([{ staff_key: [] }]);
    expect(operation('POST', '/v1/cases/{id}/resolve').security).toEqual([{ staff_key: [] }]);
    expect(operation('GET', '/v1/audit_log').security).toEqual([{ staff_key: [] }]);
    expect(operation('POST', '/v1/kyc/verifications').security).toEqual([{ firebase_id_token: [] }]);
    expect(operation('POST', '/v1/webhooks/identity-vendor').security).toEqual([{ vendor_signature: [] }]);
    expect(operation('POST', '/v1/payments').security).toEqual([{ merchant_key: [] }]);
    expect(operation('GET', '/v1/openapi.json').security).toEqual([]);
  });
});
