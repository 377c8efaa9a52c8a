import type { Firestore } from 'firebase-admin/firestore';
import type { CardLookup } from '../fraud/application/card-lookup.gateway';
import type { IpGeolocation } from '../fraud/application/ip-geolocation';
import type { MerchantCountries } from '../merchants/application/merchant-countries.query';
import type { GateCheck, PaymentGate } from '../payments/application/payment-gates';
import type { PaymentRepository } from '../payments/application/payment.repository';
import type { DeadLetterStore } from '../platform/adapters/dead-letter.firestore-store';
import type { RateLimiter } from '../platform/application/rate-limiter';
import type { Clock } from '../shared/clock';
import { HIGH_RISK_JURISDICTIONS } from '../shared/high-risk-jurisdictions';
import type { Logger } from '../shared/logger';
import { FirestoreComplianceStore } from './adapters/compliance.firestore-store';
import { FirestoreAuditArchive } from './adapters/audit-archive.firestore';
import { FirestoreAuditOutbox } from './adapters/audit-outbox.firestore';
import type { AuditArchive, AuditOutbox } from './application/audit-trail';
import { Storage } from '@google-cloud/storage';
import { OfacCsvSanctionsSource } from './adapters/ofac-csv.sanctions-source';
import { BucketSanctionsList } from './adapters/sanctions-list.bucket';
import type { SanctionsListStore } from './application/fetch-sanctions-list.command';
import type { SanctionsListSource } from './application/sanctions-list.source';
import { once } from '../shared/once';
import { FirestoreSanctionsListRegistry } from './adapters/sanctions-list.firestore-registry';
import { FirestoreStaffDirectory } from './adapters/staff-directory.firestore';
import { StaffDirectory } from './application/authenticate-staff.query';
import { ComplianceStore } from './application/compliance.store';
import { MonitorDeps } from './application/monitor-transactions.command';
import { PublishedSanctionsListWatcher } from './application/published-sanctions-list.watcher';
import { sanctionsGate } from './application/sanctions-payment.gate';
import { SanctionsListCache } from './application/sanctions-list.cache';
import { SanctionsListRegistry } from './application/sanctions-list.registry';
import { SanctionsIndexProvider } from './application/screen-name.query';
import { compileAmlRules, PLATFORM_AML_RULES } from './domain/aml-rules';

export interface SanctionsConfig {
  /** SANCTIONS_SOURCE_DIR, else SANCTIONS_DATA_DIR, else the repository's snapshot: where the refresh reads the OFAC files. */
  readonly sourceDir: string;
  /** SANCTIONS_VERSION_CHECK_MS: how often an instance compares its loaded list with the published version. */
  readonly versionCheckMs: number;
  /** SANCTIONS_MAX_AGE_HOURS: how old the fetched list may get before the refresh calls it stale. */
  readonly maxAgeMs: number;
  /** SANCTIONS_FETCH_URL (https) or SANCTIONS_FETCH_FROM_DIR: where the fetch job downloads from. */
  readonly fetch: { readonly url?: string; readonly fromDir?: string };
  /** SANCTIONS_BUCKET (production): the Cloud Storage bucket the fetch writes and everyone reads; unset, the directories above. */
  readonly bucket?: string;
}

export interface ComplianceConfig {
  /** AUDIT_DATABASE: the Firestore database of the append-only audit log. */
  readonly auditDatabase: string;
  readonly sanctions: SanctionsConfig;
}

/** The compliance context: cases and audit log, the staff directory, AML monitoring, the sanctions list and its gate. */
export interface ComplianceModule extends MonitorDeps {
  readonly projectId: string;
  readonly store: ComplianceStore;
  /** The append-only audit log staff read, and the outbox its entries wait in until relay-audit-log archives them. */
  readonly auditArchive: AuditArchive;
  readonly auditOutbox: AuditOutbox;
  readonly staff: StaffDirectory;
  readonly log: Logger;
  readonly deadLetters: DeadLetterStore;
  readonly payments: PaymentRepository;
  /** The payment gates this deployment runs: releasing a held payment hands it to the next one. */
  readonly gates: readonly PaymentGate[];
  readonly rateLimiter: RateLimiter;
  readonly sanctions: SanctionsConfig;
  readonly sanctionsRegistry: SanctionsListRegistry;
  /**
   * This instance's loaded and indexed list, shared by the screening endpoint, the payment gate and
   * KYC checks; the watcher reloads it when the refresh job publishes a new version. Created on
   * first use, and the list itself is read on the first screening: a function that screens
   * nothing never loads it.
   */
  sanctionsLists(): PublishedSanctionsListWatcher;
  /** Where the list is read (the bucket, else the source directory), and where the fetch job writes it (null: the directory). */
  sanctionsListStorage(): { readonly source: SanctionsListSource; readonly name: string; readonly store: SanctionsListStore | null };
  /** The sanctions gate's check, run by screen-payment. */
  readonly gate: GateCheck;
}

export interface ComplianceModuleDeps {
  readonly projectId: string;
  readonly db: Firestore;
  /** The audit database's client (created on first use: only the relay and the staff audit route touch it). */
  readonly auditDb: () => Firestore;
  readonly clock: Clock;
  readonly log: Logger;
  readonly deadLetters: DeadLetterStore;
  readonly rateLimiter: RateLimiter;
  readonly payments: PaymentRepository;
  readonly gates: readonly PaymentGate[];
  readonly merchants: MerchantCountries;
  /** The fraud context's card lookup and IP table: the gate's card and IP countries. */
  readonly cards: CardLookup;
  readonly geo: IpGeolocation;
}

export function complianceModule(config: ComplianceConfig, deps: ComplianceModuleDeps): ComplianceModule {
  const { db, clock } = deps;
  const registry = new FirestoreSanctionsListRegistry(() => db);
  const sanctionsListStorage = once(() => {
    const bucketName = config.sanctions.bucket;
    if (!bucketName) return { source: new OfacCsvSanctionsSource(config.sanctions.sourceDir), name: config.sanctions.sourceDir, store: null };
    const bucket = new BucketSanctionsList(new Storage({ projectId: deps.projectId }).bucket(bucketName));
    return { source: bucket, name: `gs://${bucketName}/ofac/`, store: bucket };
  });
  const auditArchive = once(() => new FirestoreAuditArchive(deps.auditDb()));
  let watcher: PublishedSanctionsListWatcher | undefined;
  const sanctionsLists = (): PublishedSanctionsListWatcher =>
    (watcher ??= new PublishedSanctionsListWatcher(new SanctionsListCache(sanctionsListStorage().source), registry, clock, deps.log.child({ context: 'sanctions' }), config.sanctions.versionCheckMs));
  const lists: SanctionsIndexProvider = { current: () => sanctionsLists().current() };
  return {
    projectId: deps.projectId,
    payments: deps.payments,
    gates: deps.gates,
    clock,
    log: deps.log,
    deadLetters: deps.deadLetters,
    rateLimiter: deps.rateLimiter,
    store: new FirestoreComplianceStore(db),
    get auditArchive() {
      return auditArchive();
    },
    auditOutbox: new FirestoreAuditOutbox(db),
    staff: new FirestoreStaffDirectory(db),
    merchants: deps.merchants,
    // Compiled when the module is built: an invalid rule fails the function's first request, not a payment.
    amlRules: compileAmlRules(PLATFORM_AML_RULES),
    highRiskJurisdictions: HIGH_RISK_JURISDICTIONS.countries,
    sanctions: config.sanctions,
    sanctionsRegistry: registry,
    sanctionsLists,
    sanctionsListStorage,
    gate: sanctionsGate({ lists, merchants: deps.merchants, cards: deps.cards, geo: deps.geo, clock }),
  };
}
