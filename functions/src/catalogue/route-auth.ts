// How a route's caller proves who they are. Each HTTP route declares one in the function catalogue;
// the HTTP shell runs the authenticator registered for that declaration (platform/http/authenticator.ts),
// and the OpenAPI document shows it as the operation's security scheme.
export const ROUTE_AUTH_SCHEMES = {
  /** A merchant's secret key: the merchants context resolves it to the merchant and the mode. */
  merchant_key: {
    type: 'http',
    scheme: 'bearer',
    description: 'A merchant\'s API key: secret (`sk_test_…` / `sk_live_…`: every merchant operation but key management) or restricted (`rk_test_…` / `rk_live_…`: only its scopes). The prefix is the mode. The same operations take a team member\'s Firebase ID token (scheme `team_member`); `x-access` lists who may call each.',
  },
  /** A compliance officer's key (the compliance staff API); merchant keys are refused there. */
  staff_key: {
    type: 'http',
    scheme: 'bearer',
    description: 'Compliance staff key, `Authorization: Bearer sk_staff_…`. Merchant keys are refused (401).',
  },
  /** An app user, by the Firebase ID token the mobile apps hold. */
  firebase_id_token: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Firebase ID token of a signed-in user (`Authorization: Bearer <id token>`): an end user of the mobile apps (KYC), or an invited user accepting an invitation; the e-mail must be verified.',
  },
  /** The identity vendor's webhook: an HMAC over the raw body, no credential in Authorization. */
  vendor_signature: {
    type: 'apiKey',
    in: 'header',
    name: 'Identity-Vendor-Signature',
    description: '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (up to 4 `v1=` values) with a shared webhook secret; older than 5 minutes or replayed is refused.',
  },
  /** A webhook signed per Standard Webhooks (the bank): id, timestamp and signature headers over the raw body. */
  standard_webhooks_signature: {
    type: 'apiKey',
    in: 'header',
    name: 'webhook-signature',
    description: 'Standard Webhooks: `webhook-id`, `webhook-timestamp` (unix seconds) and `webhook-signature` (`v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<raw body>">`, several during a secret rotation) under a `whsec_` secret; a timestamp more than 5 minutes off is refused.',
  },
} as const;

/** A route's declared authentication; `none` for public routes (the OpenAPI document). */
export type RouteAuth = keyof typeof ROUTE_AUTH_SCHEMES | 'none';
