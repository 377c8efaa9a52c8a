// Port: turns a Firebase ID token from a mobile app into the user it belongs to, or refuses it.
export interface VerifiedUser {
  readonly uid: string;
  /** The token's `email_verified` claim: true only when Firebase Auth has verified the address. */
  readonly emailVerified: boolean;
  /** The `merchant_id` custom claim: the merchant whose app the user signed in to. */
  readonly merchantId?: string;
}

export interface IdTokenVerifier {
  verify(idToken: string): Promise<VerifiedUser | null>;
}

/** The user as the token's claims state it (shared by the verifiers). */
export function userFromClaims(claims: Record<string, unknown>, uid: string): VerifiedUser {
  const merchantId = typeof claims.merchant_id === 'string' && /^[A-Za-z0-9_]{1,64}$/.test(claims.merchant_id) ? claims.merchant_id : undefined;
  return merchantId ? { uid, emailVerified: claims.email_verified === true, merchantId } : { uid, emailVerified: claims.email_verified === true };
}
