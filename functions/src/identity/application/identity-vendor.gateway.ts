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

// Test and live verifications go to separate vendor endpoints (the test one a sandbox): every
// request carries the verification's mode and an adapter refuses the other mode before any I/O.
export interface IdentityVendorGateway {
  startCheck(request: { livemode: boolean; idempotencyKey: string; reference: string; subject: VendorSubject; callbackUrl: string }): Promise<{ checkId: string }>;
}
