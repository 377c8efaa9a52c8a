import { DocumentReference, Firestore, Query, Transaction } from 'firebase-admin/firestore';
import { ContextRecord, validateRecord } from '../../shared/context-record';
import { z } from 'zod';
import { AuditEntry } from '../domain/audit-entry';
import { ComplianceCase } from '../domain/compliance-case';
import { CustomerDay } from '../domain/customer-activity';
import { AuditFilter, CaptureRecord, RefundRecord, CaseFilter, COMPLIANCE_COLLECTIONS, ComplianceStore, ComplianceTransaction, Page, PaymentActivity } from '../application/compliance.store';
import { CaptureRecordDocument, RefundRecordDocument } from './aml-records.document';
import { AuditEntryDocument } from './audit-entry.document';
import { ComplianceCaseDocument } from './compliance-case.document';
import { CustomerDayDocument } from './customer-day.document';
import { parseStoredDocument, storedDocumentOf } from '../../platform/adapters/stored-document';

const C = COMPLIANCE_COLLECTIONS;
// Firestore refuses undefined fields; null is kept.
const plain = (data: object): object => JSON.parse(JSON.stringify(data));

/** Stages writes and applies them after every read, as Firestore transactions require. */
class FirestoreComplianceTransaction implements ComplianceTransaction {
  private readonly writes: Array<(t: Transaction) => void> = [];

  constructor(
    private readonly db: Firestore,
    private readonly t: Transaction,
  ) {}

  getCase(id: string): Promise<ComplianceCase | null> {
    return this.read(ComplianceCaseDocument, this.db.collection(C.cases).doc(id));
  }

  getCapture(paymentId: string): Promise<CaptureRecord | null> {
    return this.read(CaptureRecordDocument, this.captureRef(paymentId));
  }

  getRefundRecord(refundId: string): Promise<RefundRecord | null> {
    return this.read(RefundRecordDocument, this.db.collection(C.refunds).doc(refundId));
  }

  async getPaymentActivity(paymentId: string, customerKey: string, days: { readonly today: string; readonly yesterday: string }): Promise<PaymentActivity> {
    const [capture, today, yesterday] = await this.t.getAll(this.captureRef(paymentId), this.dayRef(customerKey, days.today), this.dayRef(customerKey, days.yesterday));
    return {
      capture: storedDocumentOf(CaptureRecordDocument, capture),
      today: storedDocumentOf(CustomerDayDocument, today),
      yesterday: storedDocumentOf(CustomerDayDocument, yesterday),
    };
  }

  saveCase(c: ComplianceCase): void {
    this.stage(this.db.collection(C.cases).doc(c.id), c);
  }

  appendAudit(entry: AuditEntry): void {
    // create, not set: an audit entry that already exists is never overwritten.
    const ref = this.db.collection(C.auditOutbox).doc(entry.id);
    this.writes.push((t) => t.create(ref, plain(entry)));
  }

  saveCustomerDay(day: CustomerDay): void {
    this.stage(this.dayRef(day.customerKey, day.day), day);
  }

  saveCapture(capture: CaptureRecord): void {
    this.stage(this.captureRef(capture.paymentId), capture);
  }

  saveRefundRecord(record: RefundRecord): void {
    this.stage(this.db.collection(C.refunds).doc(record.refundId), record);
  }

  create(record: ContextRecord): void {
    const valid = validateRecord(record);
    const ref = this.db.collection(valid.collection).doc(valid.id);
    const data = plain(valid.data);
    this.writes.push(valid.write === 'create' ? (t) => t.create(ref, data) : (t) => t.set(ref, data));
  }

  applyWrites(): void {
    for (const write of this.writes) write(this.t);
  }

  private captureRef(paymentId: string): DocumentReference {
    return this.db.collection(C.captures).doc(paymentId);
  }

  private dayRef(customerKey: string, day: string): DocumentReference {
    return this.db.collection(C.customerDays).doc(`${customerKey}_${day}`);
  }

  private async read<S extends z.ZodType>(schema: S, ref: DocumentReference): Promise<z.output<S> | null> {
    return storedDocumentOf(schema, await this.t.get(ref));
  }

  private stage(ref: DocumentReference, data: object): void {
    this.writes.push((t) => t.set(ref, plain(data)));
  }
}

export class FirestoreComplianceStore implements ComplianceStore {
  constructor(private readonly db: Firestore) {}

  transaction<T>(work: (tx: ComplianceTransaction) => Promise<T>): Promise<T> {
    return this.db.runTransaction(async (t) => {
      const tx = new FirestoreComplianceTransaction(this.db, t);
      const result = await work(tx);
      tx.applyWrites();
      return result;
    });
  }

  async getCase(id: string): Promise<ComplianceCase | null> {
    return storedDocumentOf(ComplianceCaseDocument, await this.db.collection(C.cases).doc(id).get());
  }

  listCases(filter: CaseFilter): Promise<Page<ComplianceCase>> {
    let query: Query = this.db.collection(C.cases);
    if (filter.status) query = query.where('status', '==', filter.status);
    return this.page(ComplianceCaseDocument, C.cases, query.orderBy('createdMs', 'desc'), filter);
  }

  private async page<S extends z.ZodType>(schema: S, collection: string, ordered: Query, filter: { limit: number; startingAfter?: string }): Promise<Page<z.output<S>>> {
    let query = ordered;
    if (filter.startingAfter) {
      const cursor = await this.db.collection(collection).doc(filter.startingAfter).get();
      if (cursor.exists) query = query.startAfter(cursor);
    }
    const snap = await query.limit(filter.limit + 1).get();
    // The extra document only tells whether there is more; it is not returned, so it is not parsed.
    const data = snap.docs.slice(0, filter.limit).map((doc) => parseStoredDocument(schema, collection, doc.id, doc.data()));
    return { data, hasMore: snap.docs.length > filter.limit };
  }
}
