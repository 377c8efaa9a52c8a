import path from 'node:path';
import type { Firestore } from 'firebase-admin/firestore';
import type { SanctionsIndexProvider } from '../compliance/application/screen-name.query';
import type { DeadLetterStore } from '../platform/adapters/dead-letter.firestore-store';
import type { RateLimiter } from '../platform/application/rate-limiter';
import type { TaskQueue } from '../platform/application/task-queue';
import type { Clock } from '../shared/clock';
import { ConfigSection, configured } from '../shared/config-section';
import type { IdTokenVerifier } from '../shared/id-token.verifier';
import type { Logger } from '../shared/logger';
import { HttpIdentityVendorGateway, IdentityVendorByMode } from './adapters/identity-vendor.http-gateway';
import type { IdentityVendorModesConfig } from './adapters/identity-vendor-modes.config';
import { CloudKmsKeyEncryptionService } from './adapters/key-encryption.cloud-kms';
import { LocalFileKeyEncryptionService } from './adapters/key-encryption.local-file';
import { FirestoreVerificationRepository } from './adapters/verification.firestore-repository';
import { IdentityDeps, KycLimits } from './application/identity.deps';
import { KeyEncryptionService } from './application/key-encryption.service';
import { cachedMerchantVerification, MerchantVerificationLookup } from './application/merchant-verification.lookup';

export interface IdentityConfig {
  /** IDENTITY_VENDOR_TEST_URL / IDENTITY_VENDOR_LIVE_URL, checked (a sandbox for test) at cold start. */
  readonly vendor: IdentityVendorModesConfig;
  readonly vendorTimeoutMs: number;
  /** Every vendor webhook secret currently valid (more than one while it rotates). */
  readonly webhookSecrets: readonly string[];
  /** IDENTITY_WEBHOOK_URL: where the vendor posts results. */
  readonly callbackUrl: string;
  /** KMS_KEY_NAME (production) or LOCAL_KEK_PATH (development): the key-encryption key. */
  readonly keyEncryption: { readonly kind: 'kms'; readonly keyName: string } | { readonly kind: 'local-file'; readonly path: string };
  readonly kycLimits: KycLimits;
}

/** The identity context's commands' dependencies, and what its entrypoints' shells need. */
export type IdentityModule = IdentityDeps & { readonly projectId: string; readonly deadLetters: DeadLetterStore };

export interface IdentityModuleDeps {
  readonly projectId: string;
  readonly deadLetters: DeadLetterStore;
  readonly db: Firestore;
  readonly clock: Clock;
  readonly log: Logger;
  readonly tasks: TaskQueue;
  readonly rateLimiter: RateLimiter;
  /** Firebase ID tokens of app users (the platform's verifier: the Auth emulator locally). */
  readonly idTokens: IdTokenVerifier;
  /** The compliance context's loaded sanctions list (KYC checks screen names against it). */
  readonly sanctions: SanctionsIndexProvider;
}

/** The identity context (KYB, KYC, the vendor and its webhook). Only the identity functions are given its configuration; a problem in it fails their first request. */
export function identityModule(section: ConfigSection<IdentityConfig>, deps: IdentityModuleDeps): IdentityModule {
  const config = configured(section);
  return {
    projectId: deps.projectId,
    deadLetters: deps.deadLetters,
    verifications: new FirestoreVerificationRepository(deps.db),
    kek: keyEncryption(config),
    vendor: new IdentityVendorByMode({
      // One vendor client per mode, chosen by the verification's livemode: a test verification cannot reach the live vendor.
      test: new HttpIdentityVendorGateway({ mode: 'test', baseUrl: config.vendor.test, timeoutMs: config.vendorTimeoutMs }),
      live: config.vendor.live === null ? null : new HttpIdentityVendorGateway({ mode: 'live', baseUrl: config.vendor.live, timeoutMs: config.vendorTimeoutMs }),
    }),
    tokens: deps.idTokens,
    sanctions: deps.sanctions,
    tasks: deps.tasks,
    clock: deps.clock,
    log: deps.log.child({ context: 'identity' }),
    webhookSecrets: config.webhookSecrets,
    rateLimiter: deps.rateLimiter,
    kycLimits: config.kycLimits,
    callbackUrl: config.callbackUrl,
  };
}

/** For the payments context (only verified merchants take live money); needs only Firestore, not the vendor configuration. */
export const merchantVerificationLookup = (db: Firestore, clock: Clock): MerchantVerificationLookup => cachedMerchantVerification(new FirestoreVerificationRepository(db), clock);

function keyEncryption(config: IdentityConfig): KeyEncryptionService {
  return config.keyEncryption.kind === 'kms' ? new CloudKmsKeyEncryptionService(config.keyEncryption.keyName) : new LocalFileKeyEncryptionService(path.resolve(config.keyEncryption.path));
}
