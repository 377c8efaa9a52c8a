import { DocumentReference, Firestore, Transaction } from 'firebase-admin/firestore';
import { PaymentEventV1 } from '../../contracts/payment-events.v1';
import { balanceTransactionDocument, BalanceTransactionDocument, currencyRegistryDocument, journalDocument } from '../../ledger/application/ledger-journal.record';
import type { BalanceTransaction } from '../../ledger/domain/balance-transaction';
import type { Journal } from '../../ledger/domain/journal';
import { IdempotencyDocument, idempotencyDocId } from '../../platform/adapters/idempotency.document';
import { outboxDocument, outboxEntryId } from '../../platform/adapters/outbox.document';
import { parseStoredDocument } from '../../platform/adapters/stored-document';
import { IdempotencyRecord } from '../../platform/application/idempotency';
import { OutboxEntry, publishedOnly } from '../../platform/application/outbox-relay';
import { TaskIntent } from '../../platform/application/task-queue';
import { COLLECTIONS } from '../../shared/firestore-collections';
import type { Payout } from '../domain/payout';
import type { PayoutSettings } from '../domain/payout-settings';
import { merchantModeId } from '../domain/settlement-date';
import { presentPayout } from '../application/payout.presenter';
import type { BalanceSummary, BankEventRecord, SettlementRecord, SettlementTransaction } from '../application/settlement.repository';
import { payoutDocument, payoutFromDocument, payoutSettingsFromDocument, settlementFromDocument } from './settlement.documents';

/**
 * Stages a settlement command's writes during a Firestore transaction and applies them after every
 * read, as Firestore requires: the payouts, the journal document with its balance transactions, the
 * marks on settled transactions, the records, and one outbox document for the commit's events. Tasks
 * are handed to the relay after the commit, as payments' transaction does.
 */
export class FirestoreSettlementTransaction implements SettlementTransaction {
  readonly events: PaymentEventV1[] = [];
  readonly tasks: TaskIntent[] = [];
  private readonly writes: Array<(t: Transaction) => void> = [];

  constructor(
    private readonly db: Firestore,
    private readonly t: Transaction,
    private readonly published?: ReadonlySet<string>,
  ) {}

  async getPayout(id: string): Promise<Payout | null> {
    const snap = await this.t.get(this.db.collection(COLLECTIONS.payouts).doc(id));
    return snap.exists ? payoutFromDocument(id, snap.data()) : null;
  }

  async getPayoutSettings(merchantId: string, livemode: boolean): Promise<PayoutSettings | null> {
    const id = merchantModeId(merchantId, livemode);
    const snap = await this.t.get(this.db.collection(COLLECTIONS.payoutSettings).doc(id));
    return snap.exists ? payoutSettingsFromDocument(id, snap.data()) : null;
  }

  async getSettlement(id: string): Promise<SettlementRecord | null> {
    const snap = await this.t.get(this.db.collection(COLLECTIONS.settlements).doc(id));
    return snap.exists ? settlementFromDocument(id, snap.data()) : null;
  }

  async getBalanceTransactions(ids: readonly string[]): Promise<Array<BalanceTransaction | null>> {
    if (ids.length === 0) return [];
    // One round trip for every candidate, each read by id (and so locked until the commit).
    const snaps = await this.t.getAll(...ids.map((id) => this.db.collection(COLLECTIONS.balanceTransactions).doc(id)));
    return snaps.map((snap) => (snap.exists ? (parseStoredDocument(BalanceTransactionDocument, COLLECTIONS.balanceTransactions, snap.id, snap.data()) as BalanceTransaction) : null));
  }

  async bankEventExists(id: string): Promise<boolean> {
    return (await this.t.get(this.db.collection(COLLECTIONS.bankEvents).doc(id))).exists;
  }

  async getIdempotencyRecord(merchantId: string, keyHash: string): Promise<IdempotencyRecord | null> {
    const snap = await this.t.get(this.db.collection(COLLECTIONS.idempotencyKeys).doc(idempotencyDocId(merchantId, keyHash)));
    return snap.exists ? IdempotencyDocument.parse(snap.data()) : null;
  }

  saveIdempotencyRecord(record: IdempotencyRecord): void {
    const ref = this.db.collection(COLLECTIONS.idempotencyKeys).doc(idempotencyDocId(record.merchantId, record.keyHash));
    this.set(ref, { ...record, body: JSON.stringify(record.body), expiresAt: new Date(record.expiresMs) });
  }

  savePayout(payout: Payout): void {
    this.set(this.db.collection(COLLECTIONS.payouts).doc(payout.id), payoutDocument(payout));
    // The apps' read model in the same commit: the API's payout (bank account as last4 only), never the bank token.
    this.set(this.db.collection(COLLECTIONS.appPayouts).doc(payout.id), JSON.parse(JSON.stringify({ merchantId: payout.merchantId, livemode: payout.livemode, payout: presentPayout(payout) })) as object);
  }

  savePayoutSettings(settings: PayoutSettings): void {
    this.set(this.db.collection(COLLECTIONS.payoutSettings).doc(merchantModeId(settings.merchantId, settings.livemode)), { ...settings });
  }

  createSettlement(record: SettlementRecord): void {
    const ref = this.db.collection(COLLECTIONS.settlements).doc(record.id);
    this.writes.push((t) => t.create(ref, { ...record, carried: record.carried.map((c) => ({ ...c })) }));
  }

  createBankEvent(record: BankEventRecord): void {
    const ref = this.db.collection(COLLECTIONS.bankEvents).doc(record.id);
    this.writes.push((t) => t.create(ref, { ...record }));
  }

  saveBalanceSummary(summary: BalanceSummary): void {
    this.set(this.db.collection(COLLECTIONS.balanceSummaries).doc(merchantModeId(summary.merchantId, summary.livemode)), { ...summary });
  }

  markSettled(transactionIds: readonly string[], payoutId: string): void {
    for (const id of transactionIds) {
      const ref = this.db.collection(COLLECTIONS.balanceTransactions).doc(id);
      this.writes.push((t) => t.update(ref, { payoutId }));
    }
  }

  appendJournal(journal: Journal): void {
    this.set(this.db.collection(COLLECTIONS.ledgerJournals).doc(journal.id), journalDocument(journal));
    for (const txn of journal.balanceTransactions) this.set(this.db.collection(COLLECTIONS.balanceTransactions).doc(txn.id), balanceTransactionDocument(txn));
    // A settlement in a new currency (an FX payout) registers it for the merchant's balance, once.
    for (const [id, doc] of currencyRegistryDocument(journal)) this.set(this.db.collection(COLLECTIONS.ledgerCurrencies).doc(id), doc);
  }

  appendEvents(events: readonly PaymentEventV1[]): void {
    this.events.push(...publishedOnly(events, this.published));
  }

  handOff(task: TaskIntent): void {
    this.tasks.push(task);
  }

  /** Applies the staged writes and the commit's one outbox document; returns that entry (or null). */
  applyWrites(): OutboxEntry | null {
    for (const write of this.writes) write(this.t);
    if (this.events.length === 0) return null;
    const id = outboxEntryId(this.events);
    this.t.set(this.db.collection(COLLECTIONS.outbox).doc(id), outboxDocument(this.events));
    return { id, events: [...this.events] };
  }

  private set(ref: DocumentReference, data: object): void {
    this.writes.push((t) => t.set(ref, data));
  }
}
