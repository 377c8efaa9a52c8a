import { DocumentReference, Firestore, Query, Transaction } from 'firebase-admin/firestore';
import { AuditEntry } from '../domain/audit-entry';
import { ComplianceCase } from '../domain/compliance-case';
import { CustomerDay } from '../domain/customer-activity';
import { AuditFilter, CaptureRecord, RefundRecord, CaseFilter, COMPLIANCE_COLLECTIONS, ComplianceStore, ComplianceTransaction, Page } from '../application/compliance.store';

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

  async getCase(id: string): Promise<ComplianceCase | null> {
    return this.read<ComplianceCase>(this.db.collection(C.cases).doc(id));
  }

  getCustomerDay(customerKey: string, day: string): Promise<CustomerDay | null> {
    return this.read<CustomerDay>(this.db.collection(C.customerDays).doc(`${customerKey}_${day}`));
  }

  getCapture(paymentId: string): Promise<CaptureRecord | null> {
    return this.read<CaptureRecord>(this.db.collection(C.captures).doc(paymentId));
  }

  getRefundRecord(refundId: string): Promise<RefundRecord | null> {
    return this.read<RefundRecord>(this.db.collection(C.refunds).doc(refundId));
  }

  saveCase(c: ComplianceCase): void {
    this.stage(this.db.collection(C.cases).doc(c.id), c);
  }

  appendAudit(entry: AuditEntry): void {
    // create, not set: an audit entry that already exists is never overwritten.
    const ref = this.db.collection(C.auditLog).doc(entry.id);
    this.writes.push((t) => t.create(ref, plain(entry)));
  }

  saveCustomerDay(day: CustomerDay): void {
    this.stage(this.db.collection(C.customerDays).doc(`${day.customerKey}_${day.day}`), day);
  }

  saveCapture(capture: CaptureRecord): void {
    this.stage(this.db.collection(C.captures).doc(capture.paymentId), capture);
  }

  saveRefundRecord(record: RefundRecord): void {
    this.stage(this.db.collection(C.refunds).doc(record.refundId), record);
  }

  appendRecord(collection: string, id: string, data: object): void {
    this.stage(this.db.collection(collection).doc(id), data);
  }

  applyWrites(): void {
    for (const write of this.writes) write(this.t);
  }

  private async read<T>(ref: DocumentReference): Promise<T | null> {
    const snap = await this.t.get(ref);
    return snap.exists ? (snap.data() as T) : null;
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
    const snap = await this.db.collection(C.cases).doc(id).get();
    return snap.exists ? (snap.data() as ComplianceCase) : null;
  }

  listCases(filter: CaseFilter): Promise<Page<ComplianceCase>> {
    let query: Query = this.db.collection(C.cases);
    if (filter.status) query = query.where('status', '==', filter.status);
    return this.page<ComplianceCase>(C.cases, query.orderBy('createdMs', 'desc'), filter);
  }

  listAudit(filter: AuditFilter): Promise<Page<AuditEntry>> {
    let query: Query = this.db.collection(C.auditLog);
    if (filter.subject) query = query.where('subject', '==', filter.subject);
    return this.page<AuditEntry>(C.auditLog, query.orderBy('atMs', 'desc'), filter);
  }

  private async page<T>(collection: string, ordered: Query, filter: { limit: number; startingAfter?: string }): Promise<Page<T>> {
    let query = ordered;
    if (filter.startingAfter) {
      const cursor = await this.db.collection(collection).doc(filter.startingAfter).get();
      if (cursor.exists) query = query.startAfter(cursor);
    }
    const snap = await query.limit(filter.limit + 1).get();
    const docs = snap.docs.map((d) => d.data() as T);
    return { data: docs.slice(0, filter.limit), hasMore: docs.length > filter.limit };
  }
}
