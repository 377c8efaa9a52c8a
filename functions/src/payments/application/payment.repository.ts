import type { AuditEntry } from '../../compliance/domain/audit-entry';
import { Journal } from '../../ledger/domain/journal';
import { Payment } from '../domain/payment';
import { Refund } from '../domain/refund';
import { Dispute } from '../domain/dispute';
import { PaymentEventV1 } from '../../contracts/payment-events.v1';
import { IdempotencyRecord, IdempotencyTransaction } from '../../platform/application/idempotency';
import { TaskIntent } from '../../platform/application/task-queue';
import { ContextRecord } from '../../shared/context-record';

// Port: everything a payments command reads and writes, inside one atomic transaction. Writes are
// staged and committed together, so a state change and the events announcing it (the outbox) and
// the ledger entries it causes land together or not at all.
export interface PaymentsTransaction extends IdempotencyTransaction {
  getPayment(id: string): Promise<Payment | null>;
  getRefund(id: string): Promise<Refund | null>;
  getDispute(id: string): Promise<Dispute | null>;
  getIdempotencyRecord(merchantId: string, keyHash: string): Promise<IdempotencyRecord | null>;
  savePayment(payment: Payment): void;
  saveRefund(refund: Refund): void;
  saveDispute(dispute: Dispute): void;
  saveIdempotencyRecord(record: IdempotencyRecord): void;
  appendEvents(events: readonly PaymentEventV1[]): void;
  appendJournal(journal: Journal): void;
  /** An entry of the compliance audit trail, committed with the change it describes (the audit outbox). */
  appendAudit(entry: AuditEntry): void;
  /** A named Cloud Task to create once this transaction has committed: the chain's next step. */
  handOff(task: TaskIntent): void;
  /** A record another context keeps with a payment decision (a risk assessment, a case, an audit
   * entry), committed atomically with it. Validated against its kind's schema before it is staged
   * (InvalidContextRecordError); an append-only kind is written with Firestore `create`, so a
   * second record with the same id fails the commit instead of overwriting the first. */
  create(record: ContextRecord): void;
}

export interface PaymentPage {
  readonly payments: readonly Payment[];
  readonly hasMore: boolean;
}

export interface PaymentRepository {
  transaction<T>(work: (tx: PaymentsTransaction) => Promise<T>): Promise<T>;
  getPayment(id: string): Promise<Payment | null>;
  getRefund(id: string): Promise<Refund | null>;
  listPayments(merchantId: string, livemode: boolean, page: { limit: number; startingAfter?: string }): Promise<PaymentPage>;
  getDispute(id: string): Promise<Dispute | null>;
  /** Newest first; `paymentId` narrows to one payment's disputes. */
  listDisputes(merchantId: string, livemode: boolean, page: { limit: number; startingAfter?: string; paymentId?: string }): Promise<DisputePage>;
}

export interface DisputePage {
  readonly disputes: readonly Dispute[];
  readonly hasMore: boolean;
}

/**
 * What a caller stages in another command's transaction, told whether that command changed anything:
 * e.g. the record of the processor notification that caused it, so the record and its effect commit
 * together.
 */
export type AlsoStage = (tx: PaymentsTransaction, changed: boolean) => void;
