import { z } from 'zod';
import { API_KEY_SCOPES, MERCHANT_ROLES } from '../shared/merchant-access';

// The merchant's team (members and invitations) and its API keys. Team endpoints are for people
// (a Firebase ID token of a member) and, to create the first owner, the merchant's secret key.

export const MerchantRole = z.enum(MERCHANT_ROLES);
export const ApiKeyScope = z.enum(API_KEY_SCOPES as [string, ...string[]]);

const email = z.email({ error: 'must be an e-mail address' }).max(320).transform((e) => e.toLowerCase());

/** POST /v1/account/members: invite someone by e-mail; they accept with their own ID token. */
export const InviteMemberRequest = z.object({ email, role: MerchantRole }).strict();
export type InviteMemberRequest = z.infer<typeof InviteMemberRequest>;

/** POST /v1/account/members/{uid}: change a member's role. */
export const UpdateMemberRequest = z.object({ role: MerchantRole }).strict();

export const InvitationObject = z.object({
  id: z.string(),
  object: z.literal('invitation'),
  email: z.string(),
  role: MerchantRole,
  status: z.enum(['pending', 'accepted', 'expired']),
  /** Unix seconds; a pending invitation can be accepted until then (7 days). */
  expires_at: z.number().int(),
  created: z.number().int(),
  livemode: z.boolean(),
});
export type InvitationObject = z.infer<typeof InvitationObject>;

export const MemberObject = z.object({
  /** The member's Firebase Auth uid. */
  id: z.string(),
  object: z.literal('member'),
  email: z.string(),
  role: MerchantRole,
  created: z.number().int(),
  livemode: z.boolean(),
});
export type MemberObject = z.infer<typeof MemberObject>;

export const MemberList = z.object({ object: z.literal('list'), data: z.array(MemberObject), invitations: z.array(InvitationObject), has_more: z.literal(false), url: z.string() });
export const DeletedMember = z.object({ id: z.string(), object: z.literal('member'), deleted: z.literal(true) });

/** POST /v1/api_keys: a secret key (`sk_`) or a restricted key (`rk_`) limited to `scopes`. */
export const CreateApiKeyRequest = z
  .object({
    type: z.enum(['secret', 'restricted']),
    name: z.string().min(1).max(100).optional(),
    scopes: z.array(ApiKeyScope).min(1).max(40).optional(),
  })
  .strict()
  .refine((r) => (r.type === 'restricted') === (r.scopes !== undefined), { error: 'a restricted key needs scopes; a secret key takes none', path: ['scopes'] });
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequest>;

/** POST /v1/api_keys/{id}/roll: a new key now; the old one keeps working for `expires_in_hours` (0: stops now; at most 7 days). */
export const RollApiKeyRequest = z.object({ expires_in_hours: z.number().int().min(0).max(168).default(0) }).strict();

export const ApiKeyObject = z.object({
  id: z.string(),
  object: z.literal('api_key'),
  type: z.enum(['secret', 'restricted']),
  name: z.string().nullable(),
  /** Masked: the prefix and the last four characters, e.g. `sk_test_…a1B2`. */
  redacted: z.string(),
  scopes: z.array(z.string()),
  status: z.enum(['active', 'expiring', 'expired', 'revoked']),
  /** Unix seconds after which the key stops working (set by a roll), else null. */
  expires_at: z.number().int().nullable(),
  created: z.number().int(),
  livemode: z.boolean(),
  /** Returned by create and roll only, once. */
  secret: z.string().optional(),
});
export type ApiKeyObject = z.infer<typeof ApiKeyObject>;

export const ApiKeyList = z.object({ object: z.literal('list'), data: z.array(ApiKeyObject), has_more: z.literal(false), url: z.string() });
export const DeletedApiKey = z.object({ id: z.string(), object: z.literal('api_key'), deleted: z.literal(true) });

/** POST /v1/customers/{id}/app_user: the merchant's backend links a signed-in app user to its customer. */
export const LinkAppUserRequest = z.object({ uid: z.string().min(1).max(128).regex(/^(?!__)[A-Za-z0-9_-]+$/) }).strict();
export const AppUserLink = z.object({ object: z.literal('app_user'), uid: z.string(), customer: z.string(), livemode: z.boolean() });
