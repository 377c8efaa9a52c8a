// Who may do what on a merchant's account: the dashboard roles of its team members, the scopes of
// its restricted keys, and what its secret key may do. Each merchant route declares the resource it
// acts on (catalogue); a GET reads it, anything else writes it. One table per role, written out
// (Stripe's dashboard roles are the reference), so a reviewer reads the policy, not code.
export const MERCHANT_ROLES = ['owner', 'admin', 'developer', 'analyst', 'view_only'] as const;
export type MerchantRole = (typeof MERCHANT_ROLES)[number];

export const ACCESS_RESOURCES = [
  'payments', 'refunds', 'reviews', 'fraud', 'customers', 'balance', 'payouts', 'payout_settings',
  'account', 'events', 'webhook_endpoints', 'sanctions', 'routing', 'disputes', 'members', 'api_keys',
] as const;
export type AccessResource = (typeof ACCESS_RESOURCES)[number];
export type AccessAction = 'read' | 'write';

export interface RouteAccess {
  readonly resource: AccessResource;
  readonly action: AccessAction;
}

/** A route's access: the resource it declares, read by GET and written by anything else. */
export const accessOf = (route: { readonly method: string; readonly resource?: AccessResource }): RouteAccess | null =>
  route.resource ? { resource: route.resource, action: route.method === 'GET' ? 'read' : 'write' } : null;

/** Team and keys are managed by people only: a restricted key can never be granted them. */
export const KEY_GRANTABLE_RESOURCES = ACCESS_RESOURCES.filter((r): r is Exclude<AccessResource, 'members' | 'api_keys'> => r !== 'members' && r !== 'api_keys');
export type GrantableResource = (typeof KEY_GRANTABLE_RESOURCES)[number];
/** A restricted key's scope: `<resource>:read`, `<resource>:write` (implies read), or `read_only` (every grantable read). */
export type ApiKeyScope = `${GrantableResource}:${AccessAction}` | 'read_only';
export const API_KEY_SCOPES: readonly ApiKeyScope[] = ['read_only', ...KEY_GRANTABLE_RESOURCES.flatMap((r) => [`${r}:read`, `${r}:write`] as const)];

const ALL = ACCESS_RESOURCES;
const except = (...left: AccessResource[]) => ALL.filter((r) => !left.includes(r));

/** What each role reads and writes. Owner-only acts (granting or removing `owner`) are checked by the member commands. */
export const ROLE_GRANTS: { readonly [R in MerchantRole]: { readonly read: readonly AccessResource[]; readonly write: readonly AccessResource[] } } = {
  owner: { read: ALL, write: ALL },
  admin: { read: ALL, write: ALL },
  // Integrates: keys, webhook endpoints, test payments and refunds; no team, no money out, no account changes.
  // Reviews are the analysts' work: developers and view-only users do not see the review queue.
  // Routing is part of the integration: developers set it up with the owners and admins.
  developer: { read: except('members', 'reviews'), write: ['payments', 'refunds', 'customers', 'events', 'webhook_endpoints', 'api_keys', 'sanctions', 'routing'] },
  // Fights fraud: reviews, fraud rules and reports, refunds, name screening, dispute evidence; sees no keys, team or bank details.
  analyst: { read: except('members', 'api_keys', 'payout_settings'), write: ['reviews', 'fraud', 'refunds', 'sanctions', 'disputes'] },
  view_only: { read: except('members', 'api_keys', 'payout_settings', 'reviews'), write: [] },
};

export const roleAllows = (role: MerchantRole, access: RouteAccess): boolean => ROLE_GRANTS[role][access.action].includes(access.resource);

export function scopesAllow(scopes: readonly ApiKeyScope[], access: RouteAccess): boolean {
  if (access.resource === 'members' || access.resource === 'api_keys') return false;
  if (access.action === 'read' && scopes.includes('read_only')) return true;
  return scopes.includes(`${access.resource}:write`) || (access.action === 'read' && scopes.includes(`${access.resource}:read`));
}

/** The credential a merchant request came with: the "who" of every audit entry. */
export type MerchantCredential =
  | { readonly kind: 'secret_key'; readonly keyId: string }
  | { readonly kind: 'restricted_key'; readonly keyId: string; readonly scopes: readonly ApiKeyScope[] }
  | { readonly kind: 'dashboard_user'; readonly uid: string; readonly role: MerchantRole };

/** The secret key does everything but manage keys (a leaked key must not mint more keys); others by scope or role. */
export function credentialAllows(credential: MerchantCredential, access: RouteAccess): boolean {
  switch (credential.kind) {
    case 'secret_key':
      return access.resource !== 'api_keys';
    case 'restricted_key':
      return scopesAllow(credential.scopes, access);
    case 'dashboard_user':
      return roleAllows(credential.role, access);
  }
}

/** `user:<uid>` or `key:<key id>`: the actor recorded in the audit log. */
export const actorOf = (credential: MerchantCredential): string => (credential.kind === 'dashboard_user' ? `user:${credential.uid}` : `key:${credential.keyId}`);
