import type { Firestore } from 'firebase-admin/firestore';
import type { StaffDirectory } from '../compliance/application/authenticate-staff.query';
import type { ConfigSection } from '../shared/config-section';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { HttpBankStatementSource } from './adapters/bank-statement.http-source';
import type { CsvEndpoint } from './adapters/csv-over-http';
import { FirestoreLedgerDayReader } from './adapters/ledger-day.firestore-reader';
import { FirestorePayoutLookup } from './adapters/payout.firestore-lookup';
import { HttpProcessorReportSource } from './adapters/processor-report.http-source';
import { AcquirerReportSource } from './adapters/acquirer-report.http-source';
import { MergedProcessorReports } from './adapters/merged-report.source';
import { FirestoreReconciliationStore } from './adapters/reconciliation.firestore-store';
import type { ReconciliationDeps } from './application/run-reconciliation.command';

export interface ReconciliationConfig {
  /** The processors whose daily reports are reconciled (the payments context's, per mode). */
  readonly processors: { readonly test: CsvEndpoint; readonly live: CsvEndpoint | null };
  /** The second processor (the European acquirer), when configured in a mode: its report joins the day's. */
  readonly acquirers?: { readonly test: CsvEndpoint | null; readonly live: CsvEndpoint | null };
  /** The platform's bank accounts (the settlement context's bank configuration, per mode). */
  readonly bank: ConfigSection<{ readonly test: CsvEndpoint; readonly live: CsvEndpoint | null }>;
  /** Per HTTP download (report, statement), headers and body each. */
  readonly timeoutMs?: number;
}

/** The reconciliation context: the three-way match of a day, its runs and exceptions, and the staff who read them. */
export interface ReconciliationModule extends ReconciliationDeps {
  readonly projectId: string;
  readonly staff: StaffDirectory;
  /** Whether live runs are possible (a live processor and a live bank are configured); the schedule skips live otherwise. */
  readonly liveConfigured: boolean;
}

export function reconciliationModule(
  config: ReconciliationConfig,
  deps: { readonly db: Firestore; readonly clock: Clock; readonly log: Logger; readonly projectId: string; readonly staff: StaffDirectory },
): ReconciliationModule {
  // The bank is needed here only: a missing bank configuration fails the first reconciliation request.
  if (!config.bank.ok) throw new Error(config.bank.problem);
  const bank = config.bank.value;
  return {
    projectId: deps.projectId,
    staff: deps.staff,
    clock: deps.clock,
    log: deps.log,
    liveConfigured: config.processors.live !== null && bank.live !== null,
    ledger: new FirestoreLedgerDayReader(deps.db),
    report: new MergedProcessorReports([new HttpProcessorReportSource(config.processors, config.timeoutMs), new AcquirerReportSource(config.acquirers ?? { test: null, live: null }, config.timeoutMs)]),
    bank: new HttpBankStatementSource(bank, config.timeoutMs),
    payouts: new FirestorePayoutLookup(deps.db),
    store: new FirestoreReconciliationStore(deps.db, deps.clock),
  };
}
