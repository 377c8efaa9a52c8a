// Port: turns a Firebase ID token (mobile apps, the dashboard) into the user it belongs to, or refuses it.
export interface VerifiedUser {
  readonly uid: string;
  /** The token's `email_verified` claim: true only when Firebase Auth has verified the address. */
  readonly emailVerified: boolean;
  /** The address the user signed in with, lower-cased (invitations are matched on it). */
  readonly email?: string;
  /** The `merchant_id` custom claim: the merchant whose app or dashboard the user signed in to. */
  readonly merchantId?: string;
}

export interface IdTokenVerifier {
  verify(idToken: string): Promise<VerifiedUser | null>;
}

/** The user as the token's claims state it. */
export function userFromClaims(claims: Record<string, unknown>, uid: string): VerifiedUser {
  const merchantId = typeof claims.merchant_id === 'string' && /^[A-Za-z0-9_]{1,64}$/.test(claims.merchant_id) ? claims.merchant_id : undefined;
  const email = typeof claims.email === 'string' && claims.email.length <= 320 ? claims.email.toLowerCase() : undefined;
  return { uid, emailVerified: claims.email_verified === true, ...(email ? { email } : {}), ...(merchantId ? { merchantId } : {}) };
}

/** A bearer value shaped like a JWT (three base64url parts): worth handing to the verifier. */
export const looksLikeIdToken = (value: string): boolean => /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(value) && value.length <= 8192;
