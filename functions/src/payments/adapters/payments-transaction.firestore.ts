import type { AuditEntry } from '../../compliance/domain/audit-entry';
import { DocumentReference, Firestore, Transaction } from 'firebase-admin/firestore';
import { PaymentEventV1 } from '../../contracts/payment-events.v1';
import { Journal } from '../../ledger/domain/journal';
import { balanceTransactionDocument, currencyRegistryDocument, journalDocument } from '../../ledger/application/ledger-journal.record';
import { COLLECTIONS } from '../../shared/firestore-collections';
import { outboxDocument, outboxEntryId } from '../../platform/adapters/outbox.document';
import { OutboxEntry, publishedOnly } from '../../platform/application/outbox-relay';
import { TaskIntent } from '../../platform/application/task-queue';
import { IdempotencyRecord } from '../../platform/application/idempotency';
import { IdempotencyDocument, idempotencyDocId } from '../../platform/adapters/idempotency.document';
import { Payment } from '../domain/payment';
import { Refund } from '../domain/refund';
import { Dispute } from '../domain/dispute';
import { DisputeDocument, disputeDocument } from './dispute.document';
import { PaymentsTransaction } from '../application/payment.repository';
import { appCustomerPaymentDocument, appDisputeDocument, appPaymentDocument, appRefundDocument, appReviewDocument } from '../application/app-read-models';
import { ContextRecord, validateRecord } from '../../shared/context-record';
import { PaymentDocument, paymentDocument, RefundDocument, withoutUndefined } from './payment.document';

// Currencies already registered for a merchant's balance by this instance: the registry document
// is written once, not on every capture, so it never becomes a hot document.
const registeredCurrencies = new Set<string>();

/** Stages writes during a Firestore transaction and applies them after every read, as Firestore requires. */
export class FirestorePaymentsTransaction implements PaymentsTransaction {
  readonly events: PaymentEventV1[] = [];
  readonly tasks: TaskIntent[] = [];
  private readonly writes: Array<(t: Transaction) => void> = [];
  readonly currenciesToRemember: string[] = [];

  constructor(
    private readonly db: Firestore,
    private readonly t: Transaction,
    private readonly published?: ReadonlySet<string>,
  ) {}

  async getPayment(id: string): Promise<Payment | null> {
    const snap = await this.t.get(this.db.collection(COLLECTIONS.payments).doc(id));
    return snap.exists ? PaymentDocument.parse(snap.data()) : null;
  }

  async getRefund(id: string): Promise<Refund | null> {
    const snap = await this.t.get(this.db.collection(COLLECTIONS.refunds).doc(id));
    return snap.exists ? RefundDocument.parse(snap.data()) : null;
  }

  async getDispute(id: string): Promise<Dispute | null> {
    const snap = await this.t.get(this.db.collection(COLLECTIONS.disputes).doc(id));
    return snap.exists ? DisputeDocument.parse(snap.data()) : null;
  }

  async getIdempotencyRecord(merchantId: string, keyHash: string): Promise<IdempotencyRecord | null> {
    const snap = await this.t.get(this.db.collection(COLLECTIONS.idempotencyKeys).doc(idempotencyDocId(merchantId, keyHash)));
    return snap.exists ? IdempotencyDocument.parse(snap.data()) : null;
  }

  savePayment(payment: Payment): void {
    this.stage(this.db.collection(COLLECTIONS.payments).doc(payment.id), paymentDocument(payment));
    // The apps' read models, in the same commit: they never lag or lead the payment.
    this.stage(this.db.collection(COLLECTIONS.appPayments).doc(payment.id), appPaymentDocument(payment));
    const customerView = appCustomerPaymentDocument(payment);
    if (customerView) this.stage(this.db.collection(COLLECTIONS.appCustomerPayments).doc(payment.id), customerView);
    const review = appReviewDocument(payment);
    if (review) this.stage(this.db.collection(COLLECTIONS.appReviews).doc(payment.id), review);
  }

  saveRefund(refund: Refund): void {
    this.stage(this.db.collection(COLLECTIONS.refunds).doc(refund.id), withoutUndefined(refund));
    this.stage(this.db.collection(COLLECTIONS.appRefunds).doc(refund.id), appRefundDocument(refund));
  }

  saveDispute(dispute: Dispute): void {
    this.stage(this.db.collection(COLLECTIONS.disputes).doc(dispute.id), disputeDocument(dispute));
    this.stage(this.db.collection(COLLECTIONS.appDisputes).doc(dispute.id), appDisputeDocument(dispute));
  }

  saveIdempotencyRecord(record: IdempotencyRecord): void {
    const ref = this.db.collection(COLLECTIONS.idempotencyKeys).doc(idempotencyDocId(record.merchantId, record.keyHash));
    this.stage(ref, { ...record, body: JSON.stringify(record.body), expiresAt: new Date(record.expiresMs) });
  }

  // Staged in memory and written as one outbox document when the body returns (applyWrites).
  appendEvents(events: readonly PaymentEventV1[]): void {
    this.events.push(...publishedOnly(events, this.published));
  }

  handOff(task: TaskIntent): void {
    this.tasks.push(task);
  }

  appendJournal(journal: Journal): void {
    this.stage(this.db.collection(COLLECTIONS.ledgerJournals).doc(journal.id), journalDocument(journal));
    // What the merchant sees of the movement, in the same commit: the balance never lags the ledger.
    for (const txn of journal.balanceTransactions) this.stage(this.db.collection(COLLECTIONS.balanceTransactions).doc(txn.id), balanceTransactionDocument(txn));
    const registry = currencyRegistryDocument(journal);
    for (const [id, doc] of registry) {
      if (registeredCurrencies.has(id)) continue;
      this.currenciesToRemember.push(id);
      this.stage(this.db.collection(COLLECTIONS.ledgerCurrencies).doc(id), doc);
    }
  }

  appendAudit(entry: AuditEntry): void {
    const ref = this.db.collection(COLLECTIONS.auditOutbox).doc(entry.id);
    const data = withoutUndefined(entry);
    this.writes.push((t) => t.create(ref, data));
  }

  create(record: ContextRecord): void {
    const valid = validateRecord(record);
    const ref = this.db.collection(valid.collection).doc(valid.id);
    const data = withoutUndefined(valid.data);
    // create fails the commit with ALREADY_EXISTS when the document exists: append-only stays append-only.
    this.writes.push(valid.write === 'create' ? (t) => t.create(ref, data) : (t) => t.set(ref, data));
  }

  /** Applies the staged writes and the commit's one outbox document; returns that entry (or null). */
  applyWrites(): OutboxEntry | null {
    for (const write of this.writes) write(this.t);
    if (this.events.length === 0) return null;
    const id = outboxEntryId(this.events);
    this.t.set(this.db.collection(COLLECTIONS.outbox).doc(id), outboxDocument(this.events));
    return { id, events: [...this.events] };
  }

  rememberCommitted(): void {
    for (const id of this.currenciesToRemember) registeredCurrencies.add(id);
  }

  private stage(ref: DocumentReference, data: object): void {
    this.writes.push((t) => t.set(ref, data));
  }
}
