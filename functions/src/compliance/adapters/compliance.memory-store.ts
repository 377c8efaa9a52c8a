import { AuditEntry } from '../domain/audit-entry';
import { ContextRecordExistsError, validateRecord } from '../../shared/context-record';
import { ComplianceCase } from '../domain/compliance-case';
import { CustomerDay } from '../domain/customer-activity';
import type { AuditArchive, AuditOutbox } from '../application/audit-trail';
import { AuditFilter, CaptureRecord, RefundRecord, CaseFilter, COMPLIANCE_COLLECTIONS, ComplianceStore, ComplianceTransaction, Page } from '../application/compliance.store';

const copy = <T>(value: T): T => structuredClone(value);
const C = COMPLIANCE_COLLECTIONS;

/** ComplianceStore in memory, documents keyed `collection/id` as in Firestore. Transactions run one at a time. */
export class InMemoryComplianceStore implements ComplianceStore {
  private readonly docs = new Map<string, object>();
  private tail: Promise<void> = Promise.resolve();
  /** Documents written by committed transactions, as Firestore would bill them. */
  writeCount = 0;

  async transaction<T>(work: (tx: ComplianceTransaction) => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise((resolve) => (release = resolve));
    await previous;
    try {
      // Firestore may run a body more than once: every body runs twice here and only the second
      // run's writes commit, so a side effect in a body shows up twice in a test.
      await work(this.stagingTransaction(new Map<string, object>(), new Set<string>()));
      const staged = new Map<string, object>();
      const creates = new Set<string>();
      const result = await work(this.stagingTransaction(staged, creates));
      // Firestore's create fails the whole commit when the document exists (audit entries, reports).
      for (const path of creates) if (this.docs.has(path)) throw new ContextRecordExistsError(path.slice(0, path.indexOf('/')), path.slice(path.indexOf('/') + 1));
      for (const [path, data] of staged) this.docs.set(path, data);
      this.writeCount += staged.size;
      return result;
    } finally {
      release();
    }
  }

  private stagingTransaction(staged: Map<string, object>, creates: Set<string>): ComplianceTransaction {
    const read = async <D>(path: string) => (this.docs.has(path) ? copy(this.docs.get(path) as D) : null);
    const stage = (path: string, data: object) => void staged.set(path, copy(data));
    const create = (path: string, data: object) => {
      if (creates.has(path)) throw new ContextRecordExistsError(path.slice(0, path.indexOf('/')), path.slice(path.indexOf('/') + 1));
      creates.add(path);
      stage(path, data);
    };
    const tx: ComplianceTransaction = {
      getCase: (id) => read<ComplianceCase>(`${C.cases}/${id}`),
      getCapture: (paymentId) => read<CaptureRecord>(`${C.captures}/${paymentId}`),
      getRefundRecord: (refundId) => read<RefundRecord>(`${C.refunds}/${refundId}`),
      getPaymentActivity: async (paymentId, key, days) => ({
        capture: await read<CaptureRecord>(`${C.captures}/${paymentId}`),
        today: await read<CustomerDay>(`${C.customerDays}/${key}_${days.today}`),
        yesterday: await read<CustomerDay>(`${C.customerDays}/${key}_${days.yesterday}`),
      }),
      saveCase: (c) => stage(`${C.cases}/${c.id}`, c),
      appendAudit: (entry) => create(`${C.auditOutbox}/${entry.id}`, entry),
      saveCustomerDay: (day) => stage(`${C.customerDays}/${day.customerKey}_${day.day}`, day),
      saveCapture: (capture) => stage(`${C.captures}/${capture.paymentId}`, capture),
      saveRefundRecord: (record) => stage(`${C.refunds}/${record.refundId}`, record),
      create: (record) => {
        const valid = validateRecord(record);
        if (valid.write === 'create') create(`${valid.collection}/${valid.id}`, valid.data);
        else stage(`${valid.collection}/${valid.id}`, valid.data);
      },
    };
    return tx;
  }

  /** Writes a document as another transaction (e.g. the payments gate runner) would. */
  put(collection: string, id: string, data: object): void {
    this.docs.set(`${collection}/${id}`, copy(data));
  }

  async getCase(id: string): Promise<ComplianceCase | null> {
    return (this.doc(C.cases, id) as ComplianceCase | null) ?? null;
  }

  async listCases(filter: CaseFilter): Promise<Page<ComplianceCase>> {
    const all = this.all<ComplianceCase>(C.cases).filter((c) => !filter.status || c.status === filter.status);
    return page(all.sort((a, b) => b.createdMs - a.createdMs || b.id.localeCompare(a.id)), filter);
  }

  /** The audit outbox's view of this store: what the relay reads and removes. */
  readonly auditOutbox: AuditOutbox = {
    oldest: async (limit) => this.all<AuditEntry>(C.auditOutbox).sort((a, b) => a.atMs - b.atMs || a.id.localeCompare(b.id)).slice(0, limit),
    remove: async (ids) => void ids.forEach((id) => this.docs.delete(`${C.auditOutbox}/${id}`)),
  };

  doc(collection: string, id: string): object | null {
    const data = this.docs.get(`${collection}/${id}`);
    return data ? copy(data) : null;
  }

  all<T>(collection: string): T[] {
    return [...this.docs.entries()].filter(([path]) => path.startsWith(`${collection}/`)).map(([, data]) => copy(data) as T);
  }
}

/** The append-only audit database in memory: create-only, like the relay's IAM grant. */
export class InMemoryAuditArchive implements AuditArchive {
  private readonly entries = new Map<string, AuditEntry>();

  async append(entry: AuditEntry): Promise<'appended' | 'already_archived'> {
    if (this.entries.has(entry.id)) return 'already_archived';
    this.entries.set(entry.id, copy(entry));
    return 'appended';
  }

  async list(filter: AuditFilter): Promise<Page<AuditEntry>> {
    const all = [...this.entries.values()].filter((e) => !filter.subject || e.subject === filter.subject).map(copy);
    return page(all.sort((a, b) => b.atMs - a.atMs || b.id.localeCompare(a.id)), filter);
  }
}

function page<T extends { id: string }>(sorted: T[], filter: { limit: number; startingAfter?: string }): Page<T> {
  const start = filter.startingAfter ? sorted.findIndex((item) => item.id === filter.startingAfter) + 1 : 0;
  const data = sorted.slice(start, start + filter.limit);
  return { data, hasMore: start + filter.limit < sorted.length };
}
