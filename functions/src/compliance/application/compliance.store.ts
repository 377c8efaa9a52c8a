import { COLLECTIONS } from '../../shared/firestore-collections';
import { ContextRecord } from '../../shared/context-record';
import { AuditEntry } from '../domain/audit-entry';
import { ComplianceCase, CaseStatus } from '../domain/compliance-case';
import { CustomerDay } from '../domain/customer-activity';

/** Compliance's collections, named in the one registry. */
export const COMPLIANCE_COLLECTIONS = {
  screenings: COLLECTIONS.screenings,
  cases: COLLECTIONS.cases,
  auditOutbox: COLLECTIONS.auditOutbox,
  staffKeys: COLLECTIONS.staffKeys,
  customerDays: COLLECTIONS.amlCustomerDays,
  captures: COLLECTIONS.amlCaptures,
  refunds: COLLECTIONS.amlRefunds,
  reports: COLLECTIONS.amlReports,
} as const;

/**
 * When a payment was captured, kept by the monitor to judge how soon a refund followed. Keyed by
 * payment id, it is also the proof that the payment's payment.succeeded event was applied: a payment
 * succeeds once, so no separate processed-event marker is needed (one write fewer per payment).
 */
export interface CaptureRecord {
  readonly paymentId: string;
  readonly customerKey: string;
  readonly capturedMs: number;
  /** The event that was applied, for tracing a redelivery back to the first delivery. */
  readonly eventId?: string;
}

/** Keyed by refund id: the proof that the refund's refund.succeeded event was applied. */
export interface RefundRecord {
  readonly refundId: string;
  readonly paymentId: string;
  readonly customerKey: string;
  readonly refundedMs: number;
  readonly eventId: string;
}

/** What the monitor needs to apply a succeeded payment: whether it was applied, and the customer's last two days. */
export interface PaymentActivity {
  /** Present when the payment's payment.succeeded event was already applied. */
  readonly capture: CaptureRecord | null;
  readonly today: CustomerDay | null;
  readonly yesterday: CustomerDay | null;
}

/**
 * Port: one atomic unit of compliance work. Reads see committed state; writes are staged and
 * committed together, so a case change and its audit entry (or an alert and the marker that its
 * event was handled) land together or not at all.
 */
export interface ComplianceTransaction {
  getCase(id: string): Promise<ComplianceCase | null>;
  getCapture(paymentId: string): Promise<CaptureRecord | null>;
  getRefundRecord(refundId: string): Promise<RefundRecord | null>;
  /**
   * The capture marker and the customer's two day documents in one round trip: a transaction holds
   * its locks for every round trip it waits on, and these three are read for every captured payment.
   */
  getPaymentActivity(paymentId: string, customerKey: string, days: { readonly today: string; readonly yesterday: string }): Promise<PaymentActivity>;
  saveCase(c: ComplianceCase): void;
  /** Append-only: an entry is written once and never updated. */
  appendAudit(entry: AuditEntry): void;
  saveCustomerDay(day: CustomerDay): void;
  saveCapture(capture: CaptureRecord): void;
  saveRefundRecord(record: RefundRecord): void;
  /** A typed record of a declared kind (compliance.records.ts): validated before staging, written with create when append-only. */
  create(record: ContextRecord): void;
}

export interface Page<T> {
  readonly data: readonly T[];
  readonly hasMore: boolean;
}

export interface CaseFilter {
  readonly status?: CaseStatus;
  readonly limit: number;
  readonly startingAfter?: string;
}

export interface AuditFilter {
  readonly subject?: string;
  readonly limit: number;
  readonly startingAfter?: string;
}

export interface ComplianceStore {
  transaction<T>(work: (tx: ComplianceTransaction) => Promise<T>): Promise<T>;
  getCase(id: string): Promise<ComplianceCase | null>;
  /** Newest first. */
  listCases(filter: CaseFilter): Promise<Page<ComplianceCase>>;
}
