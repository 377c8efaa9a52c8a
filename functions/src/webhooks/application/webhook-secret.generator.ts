import { randomBytes } from 'node:crypto';

/** A Standard Webhooks secret: `whsec_` + base64 of 32 random bytes (the `standardwebhooks` package reads this form). */
export const newSigningSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;
