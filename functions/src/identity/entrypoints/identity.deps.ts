import path from 'node:path';
import { z } from 'zod';
import { deps } from '../../composition-root';
import { sanctionsLists } from '../../compliance/adapters/sanctions-lists.instance';
import { firestore } from '../../platform/adapters/firestore-client';
import { FirestoreRateLimiter } from '../../platform/adapters/rate-limiter.firestore';
import { systemClock } from '../../shared/clock';
import { assertSafeRuntime } from '../../shared/runtime-environment';
import { FirebaseIdTokenVerifier } from '../adapters/id-token.firebase-verifier';
import { InsecureLocalIdTokenVerifier } from '../adapters/id-token.insecure-local-verifier';
import { HttpIdentityVendorGateway, IdentityVendorByMode } from '../adapters/identity-vendor.http-gateway';
import { identityVendorModesConfig } from '../adapters/identity-vendor-modes.config';
import { CloudKmsKeyEncryptionService } from '../adapters/key-encryption.cloud-kms';
import { LocalFileKeyEncryptionService } from '../adapters/key-encryption.local-file';
import { FirestoreVerificationRepository } from '../adapters/verification.firestore-repository';
import { IdentityDeps } from '../application/identity.deps';
import { KeyEncryptionService } from '../application/key-encryption.service';
import { cachedMerchantVerification, MerchantVerificationLookup } from '../application/merchant-verification.lookup';
import { webhookSecretsFrom } from './identity.config';

const Env = z.object({
  GCLOUD_PROJECT: z.string().min(1).default('demo-payments'),
  // IDENTITY_VENDOR_TEST_URL / IDENTITY_VENDOR_LIVE_URL are read and checked by identityVendorModesConfig.
  IDENTITY_VENDOR_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
  // Rotation: IDENTITY_VENDOR_WEBHOOK_SECRETS lists every secret currently valid (comma-separated,
  // newest first); IDENTITY_VENDOR_WEBHOOK_SECRET (+ _PREVIOUS) is the one-or-two-secret form.
  IDENTITY_VENDOR_WEBHOOK_SECRETS: z.string().optional(),
  IDENTITY_VENDOR_WEBHOOK_SECRET: z.string().optional(),
  IDENTITY_VENDOR_WEBHOOK_SECRET_PREVIOUS: z.string().optional(),
  IDENTITY_WEBHOOK_URL: z.url(),
  // Production verifies real Firebase ID tokens; only the local stack opts into unsigned ones.
  IDENTITY_TOKEN_VERIFIER: z.enum(['firebase', 'insecure-local']).default('firebase'),
  /** projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>: production key-encryption key. */
  KMS_KEY_NAME: z.string().optional(),
  LOCAL_KEK_PATH: z.string().optional(),
  // New end-user KYC verifications allowed per window (POST /v1/kyc/verifications).
  KYC_LIMIT_PER_USER: z.coerce.number().int().positive().default(5),
  KYC_LIMIT_PER_MERCHANT: z.coerce.number().int().positive().default(200),
  KYC_LIMIT_WINDOW_MS: z.coerce.number().int().positive().default(60 * 60 * 1000),
});

let instance: IdentityDeps | undefined;
let lookup: MerchantVerificationLookup | undefined;

/** The identity context's adapters, built once per instance; misconfiguration fails on first use. */
export function identityDeps(): IdentityDeps {
  if (instance) return instance;
  // index.ts refuses to start already; checked again here for anything that builds these adapters alone.
  assertSafeRuntime();
  const env = Env.parse(process.env);
  const shared = deps();
  instance = {
    verifications: new FirestoreVerificationRepository(firestore()),
    kek: keyEncryption(env),
    vendor: identityVendor(env.IDENTITY_VENDOR_TIMEOUT_MS),
    tokens: env.IDENTITY_TOKEN_VERIFIER === 'insecure-local' ? new InsecureLocalIdTokenVerifier(env.GCLOUD_PROJECT) : new FirebaseIdTokenVerifier(),
    sanctions: sanctionsLists,
    tasks: shared.tasks,
    clock: shared.clock,
    log: shared.log.child({ context: 'identity' }),
    webhookSecrets: webhookSecretsFrom(env),
    rateLimiter: new FirestoreRateLimiter(firestore()),
    kycLimits: { perUser: env.KYC_LIMIT_PER_USER, perMerchant: env.KYC_LIMIT_PER_MERCHANT, windowMs: env.KYC_LIMIT_WINDOW_MS },
    callbackUrl: env.IDENTITY_WEBHOOK_URL,
  };
  return instance;
}

/** For the payments context; needs only Firestore, not the vendor configuration. */
export function merchantVerificationLookup(): MerchantVerificationLookup {
  lookup ??= cachedMerchantVerification(new FirestoreVerificationRepository(firestore()), systemClock);
  return lookup;
}

// One vendor client per mode, chosen by the verification's livemode: a test verification cannot reach the live vendor.
function identityVendor(timeoutMs: number): IdentityVendorByMode {
  const urls = identityVendorModesConfig(process.env);
  return new IdentityVendorByMode({
    test: new HttpIdentityVendorGateway({ mode: 'test', baseUrl: urls.test, timeoutMs }),
    live: urls.live === null ? null : new HttpIdentityVendorGateway({ mode: 'live', baseUrl: urls.live, timeoutMs }),
  });
}

function keyEncryption(env: z.infer<typeof Env>): KeyEncryptionService {
  if (env.KMS_KEY_NAME) return new CloudKmsKeyEncryptionService(env.KMS_KEY_NAME);
  if (env.LOCAL_KEK_PATH) return new LocalFileKeyEncryptionService(path.resolve(env.LOCAL_KEK_PATH));
  throw new Error('Set KMS_KEY_NAME (production) or LOCAL_KEK_PATH (development) to encrypt personal data');
}
