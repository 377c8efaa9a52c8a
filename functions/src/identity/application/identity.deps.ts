import { TaskQueue } from '../../platform/application/task-queue';
import { RateLimiter } from '../../platform/application/rate-limiter';
import { SanctionsIndexProvider } from '../../compliance/application/screen-name.query';
import { Clock } from '../../shared/clock';
import { Logger } from '../../shared/logger';
import { IdTokenVerifier } from '../../shared/id-token.verifier';
import { IdentityVendorGateway } from './identity-vendor.gateway';
import { KeyEncryptionService } from './key-encryption.service';
import { VerificationRepository } from './verification.repository';

/** Everything the identity context needs, built once per instance by its module. */
export interface IdentityDeps {
  readonly verifications: VerificationRepository;
  readonly kek: KeyEncryptionService;
  readonly vendor: IdentityVendorGateway;
  readonly tokens: IdTokenVerifier;
  readonly sanctions: SanctionsIndexProvider;
  readonly tasks: TaskQueue;
  readonly clock: Clock;
  readonly log: Logger;
  /** Shared with the vendor; any of them may sign its webhooks (more than one while it rotates). */
  readonly webhookSecrets: readonly string[];
  /** Where the vendor posts results: this deployment's /v1/webhooks/identity-vendor. */
  readonly callbackUrl: string;
  /** Budgets for end-user KYC submissions (POST /v1/kyc/verifications). */
  readonly rateLimiter: RateLimiter;
  readonly kycLimits: KycLimits;
}

/** New end-user verifications allowed per window, per user and per merchant. */
export interface KycLimits {
  readonly perUser: number;
  readonly perMerchant: number;
  readonly windowMs: number;
}
