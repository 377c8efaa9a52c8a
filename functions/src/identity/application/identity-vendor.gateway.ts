// Port to the third-party identity vendor. Starting a check is idempotent on the key; the result
// arrives later as a signed webhook. A vendor that cannot be reached throws (the task retries).
export interface VendorSubject {
  readonly kind: 'person' | 'business';
  readonly name: string;
  readonly country: string;
  readonly address?: string;
  readonly dateOfBirth?: string;
  readonly idDocumentToken?: string;
  readonly registrationNumber?: string;
}

export interface IdentityVendorGateway {
  startCheck(request: { idempotencyKey: string; reference: string; subject: VendorSubject; callbackUrl: string }): Promise<{ checkId: string }>;
}
