import { z } from 'zod';

// Identity API bodies (v1): KYB for merchants (merchant key), KYC for app users (Firebase ID token),
// and the identity vendor's signed webhook. The same schemas validate requests and document them.

const Country = z.string().regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 country code').transform((c) => c.toUpperCase());
const IsoDate = z.iso.date();
const Text = (max: number) => z.string().trim().min(1).max(max);

export const PersonInput = z.strictObject({
  name: Text(200),
  date_of_birth: IsoDate,
  country: Country,
  address: Text(500),
  id_document_token: Text(200),
});

export const CreateAccountVerificationRequest = z.strictObject({
  business: z.strictObject({ legal_name: Text(200), registration_number: Text(100), country: Country, address: Text(500) }),
  beneficial_owners: z.array(PersonInput).min(1).max(10),
});
export type CreateAccountVerificationRequest = z.infer<typeof CreateAccountVerificationRequest>;

export const CreateKycVerificationRequest = PersonInput;
export type CreateKycVerificationRequest = z.infer<typeof CreateKycVerificationRequest>;

// The API object never carries personal data back: only names, countries and the decision.
export const VerificationObject = z.object({
  id: z.string(),
  object: z.enum(['account_verification', 'kyc_verification']),
  status: z.enum(['pending', 'verified', 'rejected', 'requires_review']),
  reasons: z.array(z.string()),
  subjects: z.array(z.object({ ref: z.string(), kind: z.enum(['business', 'person']), name: z.string(), country: z.string() })),
  created: z.number().int(),
  updated: z.number().int(),
});

// An end user learns only where their verification stands: reasons and subjects would tell anyone
// holding a token why a name or document failed (sanctions hit, document rejected), an oracle.
export const KycVerificationObject = VerificationObject.pick({ id: true, object: true, status: true, created: true, updated: true });

// POST /v1/webhooks/identity-vendor: the vendor's event, read only after its signature checks out.
export const IdentityVendorEvent = z.object({
  id: z.string().regex(/^evt_[A-Za-z0-9]{1,64}$/),
  type: z.literal('check.completed'),
  data: z.object({ check_id: z.string(), reference: z.string(), result: z.enum(['approved', 'rejected', 'review']), reasons: z.array(z.string()).default([]) }),
});
export const IdentityVendorWebhookAnswer = z.object({ received: z.boolean() });
