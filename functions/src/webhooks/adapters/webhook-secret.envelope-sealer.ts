import type { KeyEncryptionService } from '../../identity/application/key-encryption.service';
import { openFields, sealFields } from '../../identity/application/personal-data.cipher';
import type { WebhookSecretSealer } from '../application/webhook-secrets';
import type { SealedSecret } from '../domain/webhook-endpoint';

/** Opened secrets are kept this long in the instance's memory: a delivery must not cost a KMS call each time. */
const OPENED_TTL_MS = 5 * 60_000;
const MAX_OPENED = 1000;

// The envelope encryption the identity context uses for personal data (a random AES-256-GCM data key per
// secret, wrapped by a key-encryption key), here with a key of its own: the webhook-secrets KMS key in
// production, a key file locally. The endpoint id is bound as associated data, so a sealed secret copied
// to another endpoint does not open.
export class EnvelopeWebhookSecretSealer implements WebhookSecretSealer {
  private readonly opened = new Map<string, { secret: string; untilMs: number }>();

  constructor(
    private readonly kek: KeyEncryptionService,
    private readonly nowMs: () => number = Date.now,
  ) {}

  seal(endpointId: string, secret: string): Promise<SealedSecret> {
    return sealFields(this.kek, recordId(endpointId), { secret });
  }

  async open(endpointId: string, sealed: SealedSecret): Promise<string> {
    // Keyed by the wrapped data key too: a rotated secret is a new entry, never the old one's.
    const key = `${endpointId}:${sealed.wrappedKey}`;
    const cached = this.opened.get(key);
    if (cached && cached.untilMs > this.nowMs()) return cached.secret;
    const { secret } = await openFields(this.kek, recordId(endpointId), sealed);
    if (!secret) throw new Error(`webhook endpoint ${endpointId} has no sealed secret`);
    if (this.opened.size >= MAX_OPENED) this.opened.clear();
    this.opened.set(key, { secret, untilMs: this.nowMs() + OPENED_TTL_MS });
    return secret;
  }
}

const recordId = (endpointId: string) => `webhook_endpoints/${endpointId}`;
