import { IdTokenVerifier, userFromClaims, VerifiedUser } from '../application/id-token.verifier';

// LOCAL ONLY (IDENTITY_TOKEN_VERIFIER=insecure-local, set by the local stack): accepts unsigned
// tokens shaped like the Firebase Auth emulator's (alg "none"), still checking audience, issuer and
// expiry. Anyone can mint such a token, which is why it is never the default.
export class InsecureLocalIdTokenVerifier implements IdTokenVerifier {
  constructor(
    private readonly projectId: string,
    private readonly nowMs: () => number = Date.now,
  ) {}

  async verify(idToken: string): Promise<VerifiedUser | null> {
    const [header, payload] = idToken.split('.').slice(0, 2).map(decodeJson);
    if (!header || !payload || header.alg !== 'none') return null;
    const uid = typeof payload.sub === 'string' ? payload.sub : undefined;
    const fresh = typeof payload.exp === 'number' && payload.exp * 1000 > this.nowMs();
    const forUs = payload.aud === this.projectId && payload.iss === `https://securetoken.google.com/${this.projectId}`;
    return uid && uid.length <= 128 && fresh && forUs ? userFromClaims(payload, uid) : null;
  }
}

/**
 * Mints what the Firebase Auth emulator would hand a signed-in test user: by default one with a
 * verified e-mail address; `claims` adds or overrides claims (`email_verified`, `merchant_id`).
 */
export function mintLocalIdToken(projectId: string, uid: string, nowMs = Date.now(), claims: Record<string, unknown> = {}): string {
  const iat = Math.floor(nowMs / 1000);
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ iss: `https://securetoken.google.com/${projectId}`, aud: projectId, sub: uid, user_id: uid, email: `${uid}@example.test`, email_verified: true, iat, exp: iat + 3600, ...claims })}.`;
}

function decodeJson(part: string | undefined): Record<string, unknown> | null {
  if (!part) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
