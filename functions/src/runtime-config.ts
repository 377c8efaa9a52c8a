import { z } from 'zod';
import { PAYMENT_GATES } from './catalogue/function-catalogue';
import type { ComplianceConfig } from './compliance/compliance.module';
import { defaultSanctionsDataDir } from './compliance/adapters/ofac-csv.sanctions-source';
import { DEFAULT_CHECK_EVERY_MS } from './compliance/application/published-sanctions-list.watcher';
import { DEFAULT_SANCTIONS_MAX_AGE_MS } from './compliance/application/refresh-sanctions-list.command';
import type { FraudConfig } from './fraud/fraud.module';
import { identityVendorModesConfig } from './identity/adapters/identity-vendor-modes.config';
import { webhookSecretsFrom } from './identity/entrypoints/identity.config';
import type { IdentityConfig } from './identity/identity.module';
import { processorModesConfig } from './payments/adapters/processor-modes.config';
import { acquirerModesConfig } from './payments/adapters/acquirer-modes.config';
import { vaultModesConfig } from './fraud/adapters/vault-modes.config';
import { enabledGates } from './payments/application/payment-gates';
import type { PaymentsConfig } from './payments/payments.module';
import type { PlatformConfig, TasksConfig } from './platform/platform.module';
import { type BankConfig, bankModesConfig } from './settlement/adapters/bank-modes.config';
import { type FxConfig, fxModesConfig } from './settlement/adapters/fx-modes.config';
import { ConfigSection, sectionOf } from './shared/config-section';
import type { WebhooksConfig } from './webhooks/webhooks.module';
import { hashPepperFrom } from './shared/keyed-hash';

// Every environment variable the functions read, read here once at cold start (functions/src/index.ts)
// and handed down as one validated object: no other production file reads process.env (the logger's
// level, the runtime guard and the hash key included: index.ts passes them on). A malformed value
// refuses to start. What only some functions need (the task target, the identity vendor) is a
// section: read and checked now, its problem reported by the first function that builds a module
// needing it, so the others still start (Terraform gives the identity variables to identity functions only).

/** An unset variable and an empty one mean the same: the default. */
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);
const optionalText = z.preprocess(unsetIfEmpty, z.string().optional());
const positiveInt = (fallback: number) => z.preprocess(unsetIfEmpty, z.coerce.number().int().positive().default(fallback));

export const ConfigEnv = z.object({
  GCLOUD_PROJECT: optionalText,
  GOOGLE_CLOUD_PROJECT: optionalText,
  LOG_LEVEL: z.preprocess(unsetIfEmpty, z.enum(['debug', 'info']).default('info')),
  // Cloud Tasks: where each queue's function listens.
  TASKS_LOCATION: z.preprocess(unsetIfEmpty, z.string().default('us-central1')),
  FUNCTIONS_BASE_URL: z.preprocess(unsetIfEmpty, z.url().optional()),
  CLOUD_TASKS_EMULATOR_HOST: optionalText,
  TASKS_SERVICE_ACCOUNT: optionalText,
  // PROCESSOR_TEST_* / PROCESSOR_LIVE_* / PROCESSOR_SANDBOX_HOSTS are read and checked by processorModesConfig.
  PROCESSOR_TIMEOUT_MS: positiveInt(2000),
  /** Comma-separated gates to run before authorisation; unset = every declared gate. */
  PAYMENT_GATES: z.string().optional(),
  // Well past a task's normal life (seconds) and its first retries, short of the processor queue's
  // ~3.4 h of retries; a task still waiting or retrying keeps its name, so re-enqueueing is refused.
  SWEEP_STUCK_AFTER_MS: positiveInt(60_000),
  SWEEP_LIMIT: z.preprocess(unsetIfEmpty, z.coerce.number().int().positive().max(500).default(200)),
  GEOIP_TABLE_PATH: optionalText,
  // SANCTIONS_SOURCE_DIR / SANCTIONS_DATA_DIR are read by defaultSanctionsDataDir.
  SANCTIONS_VERSION_CHECK_MS: positiveInt(DEFAULT_CHECK_EVERY_MS),
  SANCTIONS_MAX_AGE_HOURS: z.preprocess(unsetIfEmpty, z.coerce.number().positive().optional()),
  SANCTIONS_FETCH_URL: optionalText,
  SANCTIONS_FETCH_FROM_DIR: optionalText,
  /** Production: the Cloud Storage bucket holding OFAC's files (terraform/sanctions.tf). */
  SANCTIONS_BUCKET: optionalText,
  /** The Firestore database holding the append-only audit log (terraform/audit.tf); the emulator serves any name. */
  AUDIT_DATABASE: z.preprocess(unsetIfEmpty, z.string().default('audit')),
  // Identity (the identity functions only). IDENTITY_VENDOR_TEST_URL / _LIVE_URL / _SANDBOX_HOSTS are
  // read and checked by identityVendorModesConfig; the webhook secrets by webhookSecretsFrom
  // (IDENTITY_VENDOR_WEBHOOK_SECRETS, newest first, or IDENTITY_VENDOR_WEBHOOK_SECRET + _PREVIOUS).
  IDENTITY_VENDOR_TIMEOUT_MS: positiveInt(2000),
  IDENTITY_WEBHOOK_URL: z.preprocess(unsetIfEmpty, z.url().optional()),
  /** projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>: production key-encryption key. */
  KMS_KEY_NAME: optionalText,
  LOCAL_KEK_PATH: optionalText,
  // Webhooks: the key sealing the endpoints' signing secrets (Cloud KMS), or a key file in development;
  // and how long a merchant's endpoint has to answer a delivery.
  WEBHOOK_KMS_KEY_NAME: optionalText,
  LOCAL_WEBHOOK_KEK_PATH: optionalText,
  WEBHOOK_TIMEOUT_MS: positiveInt(10_000),
  // New end-user KYC verifications allowed per window (POST /v1/kyc/verifications).
  KYC_LIMIT_PER_USER: positiveInt(5),
  KYC_LIMIT_PER_MERCHANT: positiveInt(200),
  KYC_LIMIT_WINDOW_MS: positiveInt(60 * 60 * 1000),
  // Money out (the settlement functions). BANK_TEST_* / BANK_LIVE_* / BANK_SANDBOX_HOSTS /
  // BANK_WEBHOOK_SECRET(_PREVIOUS) are read and checked by bankModesConfig; FX_TEST_* / FX_LIVE_* /
  // FX_SANDBOX_HOSTS / FX_MARKUP_BPS by fxModesConfig.
  BANK_TIMEOUT_MS: positiveInt(5000),
  FX_TIMEOUT_MS: positiveInt(2000),
  /** How long a new payout stays pending (cancelable) before it is sent to the bank. */
  PAYOUT_SUBMIT_DELAY_SECONDS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(86_400).default(60)),
});

export interface RuntimeConfig {
  readonly platform: PlatformConfig;
  readonly payments: PaymentsConfig;
  readonly fraud: FraudConfig;
  readonly compliance: ComplianceConfig;
  readonly identity: ConfigSection<IdentityConfig>;
  /** The platform's bank (payouts out, webhooks in); the settlement functions need it. */
  readonly bank: ConfigSection<BankConfig>;
  /** FX quotes and the markup for converted payouts; the settlement functions need it. */
  readonly fx: ConfigSection<FxConfig>;
  /** Settlement and payouts (PAYOUT_SUBMIT_DELAY_SECONDS). */
  readonly settlement: { readonly payoutSubmitDelaySeconds: number };
  /** Merchant webhooks: the signing secrets' key and the delivery timeout; the webhooks functions need it. */
  readonly webhooks: ConfigSection<WebhooksConfig>;
  /** HASH_PEPPER, or the public development key on the emulator and in unit tests; null: none (hashing refuses). */
  readonly hashPepper: string | null;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads and checks the whole configuration; throws one error naming every problem (never a value). */
export function loadConfig(env: Env): RuntimeConfig {
  const parsed = ConfigEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Refusing to start: invalid configuration: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
  }
  const e = parsed.data;
  // Refuses to start: a test-mode processor that is not a sandbox, or an incomplete live configuration.
  const processors = processorModesConfig(env);
  const acquirers = acquirerModesConfig(env);
  const vault = vaultModesConfig(env);
  // Likewise the identity vendor, wherever it is configured.
  const vendorConfigured = env.IDENTITY_VENDOR_URL !== undefined || env.IDENTITY_VENDOR_TEST_URL !== undefined || env.IDENTITY_VENDOR_LIVE_URL !== undefined;
  if (vendorConfigured) identityVendorModesConfig(env);
  // Likewise the bank and the FX provider: a test bank that is not a sandbox never starts.
  if (env.BANK_TEST_URL || env.BANK_LIVE_URL) bankModesConfig(env);
  if (env.FX_TEST_URL || env.FX_LIVE_URL) fxModesConfig(env);
  const pepper = sectionOf(() => hashPepperFrom(env));
  const projectId = e.GCLOUD_PROJECT ?? e.GOOGLE_CLOUD_PROJECT ?? 'demo-payments';
  const tasks: ConfigSection<TasksConfig> = e.FUNCTIONS_BASE_URL
    ? { ok: true, value: { location: e.TASKS_LOCATION, functionsBaseUrl: e.FUNCTIONS_BASE_URL, emulatorHost: e.CLOUD_TASKS_EMULATOR_HOST, serviceAccount: e.TASKS_SERVICE_ACCOUNT } }
    : { ok: false, problem: 'FUNCTIONS_BASE_URL must be set: Cloud Tasks deliver to <FUNCTIONS_BASE_URL>/<function name>' };
  return {
    platform: { projectId, logLevel: e.LOG_LEVEL, tasks },
    payments: {
      processors,
      acquirers,
      processorTimeoutMs: e.PROCESSOR_TIMEOUT_MS,
      gates: enabledGates(PAYMENT_GATES, e.PAYMENT_GATES),
      sweep: { stuckAfterMs: e.SWEEP_STUCK_AFTER_MS, limit: e.SWEEP_LIMIT },
    },
    fraud: { processors, acquirers, vault, processorTimeoutMs: e.PROCESSOR_TIMEOUT_MS, geoipTablePath: e.GEOIP_TABLE_PATH },
    compliance: {
      auditDatabase: e.AUDIT_DATABASE,
      sanctions: {
        sourceDir: defaultSanctionsDataDir(env),
        versionCheckMs: e.SANCTIONS_VERSION_CHECK_MS,
        maxAgeMs: e.SANCTIONS_MAX_AGE_HOURS === undefined ? DEFAULT_SANCTIONS_MAX_AGE_MS : e.SANCTIONS_MAX_AGE_HOURS * 3_600_000,
        fetch: { url: e.SANCTIONS_FETCH_URL, fromDir: e.SANCTIONS_FETCH_FROM_DIR },
        ...(e.SANCTIONS_BUCKET ? { bucket: e.SANCTIONS_BUCKET } : {}),
      },
    },
    identity: sectionOf((): IdentityConfig => {
      if (!e.IDENTITY_WEBHOOK_URL) throw new Error('IDENTITY_WEBHOOK_URL must be set: where the identity vendor posts its results');
      return {
        vendor: identityVendorModesConfig(env),
        vendorTimeoutMs: e.IDENTITY_VENDOR_TIMEOUT_MS,
        webhookSecrets: webhookSecretsFrom(env),
        callbackUrl: e.IDENTITY_WEBHOOK_URL,
        keyEncryption: keyEncryption(e.KMS_KEY_NAME, e.LOCAL_KEK_PATH),
        kycLimits: { perUser: e.KYC_LIMIT_PER_USER, perMerchant: e.KYC_LIMIT_PER_MERCHANT, windowMs: e.KYC_LIMIT_WINDOW_MS },
      };
    }),
    bank: sectionOf((): BankConfig => ({ ...bankModesConfig(env), timeoutMs: e.BANK_TIMEOUT_MS })),
    fx: sectionOf((): FxConfig => ({ ...fxModesConfig(env), timeoutMs: e.FX_TIMEOUT_MS })),
    settlement: { payoutSubmitDelaySeconds: e.PAYOUT_SUBMIT_DELAY_SECONDS },
    webhooks: sectionOf((): WebhooksConfig => {
      const keyEncryption: WebhooksConfig['keyEncryption'] | null = e.WEBHOOK_KMS_KEY_NAME
        ? { kind: 'kms', keyName: e.WEBHOOK_KMS_KEY_NAME }
        : e.LOCAL_WEBHOOK_KEK_PATH ? { kind: 'local-file', path: e.LOCAL_WEBHOOK_KEK_PATH } : null;
      if (!keyEncryption) throw new Error('Set WEBHOOK_KMS_KEY_NAME (production) or LOCAL_WEBHOOK_KEK_PATH (development) to seal webhook signing secrets');
      return { keyEncryption, deliveryTimeoutMs: e.WEBHOOK_TIMEOUT_MS };
    }),
    hashPepper: pepper.ok ? pepper.value : null,
  };
}

function keyEncryption(kmsKeyName: string | undefined, localKekPath: string | undefined): IdentityConfig['keyEncryption'] {
  if (kmsKeyName) return { kind: 'kms', keyName: kmsKeyName };
  if (localKekPath) return { kind: 'local-file', path: localKekPath };
  throw new Error('Set KMS_KEY_NAME (production) or LOCAL_KEK_PATH (development) to encrypt personal data');
}
