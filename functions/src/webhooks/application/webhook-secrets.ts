import type { SealedSecret } from '../domain/webhook-endpoint';

/** Port: seals and opens signing secrets (envelope encryption with the platform's key-encryption key; Cloud KMS in production). */
export interface WebhookSecretSealer {
  /** Seals `whsec_…` bound to the endpoint id (a sealed secret moved to another endpoint fails to open). */
  seal(endpointId: string, secret: string): Promise<SealedSecret>;
  open(endpointId: string, sealed: SealedSecret): Promise<string>;
}
