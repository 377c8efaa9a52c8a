import type { BulkWriter, Firestore, Query } from 'firebase-admin/firestore';
import { z } from 'zod';
import { COMPLIANCE_CASE } from '../../compliance/application/compliance.records';
import { openCase } from '../../compliance/domain/compliance-case';
import { parseStoredDocument } from '../../platform/adapters/stored-document';
import { Clock } from '../../shared/clock';
import { COLLECTIONS } from '../../shared/firestore-collections';
import type { ExceptionWriter, FinanceCase, ReconciliationStore } from '../application/reconciliation.ports';
import type { ReconciliationException, ReconciliationRun } from '../domain/reconciliation-run';
import { ReconciliationExceptionDocument, ReconciliationRunDocument } from './reconciliation.documents';
import type { Journal } from '../../ledger/domain/journal';
import { journalDocument } from '../../ledger/application/ledger-journal.record';

/** Firestore's ALREADY_EXISTS: the finance case for this finding was opened by an earlier run. */
const ALREADY_EXISTS = 6;
/** The platform itself, for a case no single merchant is concerned by (a processor deposit). */
export const PLATFORM_CASE_OWNER = 'platform';

/**
 * Runs, exceptions and their finance cases in Firestore. Exceptions are written through a BulkWriter
 * as the match finds them (batched, flow-controlled: the match waits when writes fall behind, so
 * memory stays flat however many there are). Each opens a compliance case of kind `reconciliation`
 * (`cases/{caseId}`, created once per finding key: a later run finding the same discrepancy does
 * not open a second one), which finance staff work through the staff case API.
 */
export class FirestoreReconciliationStore implements ReconciliationStore {
  constructor(
    private readonly db: Firestore,
    private readonly clock: Clock,
  ) {}

  async saveRun(run: ReconciliationRun): Promise<void> {
    await this.db.collection(COLLECTIONS.reconciliationRuns).doc(run.id).set(ReconciliationRunDocument.parse(run));
  }

  async bookJournal(journal: Journal): Promise<void> {
    await this.db.collection(COLLECTIONS.ledgerJournals).doc(journal.id).set(journalDocument(journal));
  }

  exceptionWriter(): ExceptionWriter {
    const writer: BulkWriter = this.db.bulkWriter();
    const failures: Error[] = [];
    let pending: Promise<unknown>[] = [];
    writer.onWriteError((error) => error.failedAttempts < 5 && error.code !== ALREADY_EXISTS);
    const track = (write: Promise<unknown>, ignoreExisting: boolean) =>
      write.catch((error: { code?: number }) => {
        if (!(ignoreExisting && error.code === ALREADY_EXISTS)) failures.push(error instanceof Error ? error : new Error(String(error)));
      });
    return {
      add: async (exception, caseToOpen) => {
        const exceptionRef = this.db.collection(COLLECTIONS.reconciliationExceptions).doc(exception.id);
        const caseRef = this.db.collection(COMPLIANCE_CASE.collection).doc(caseToOpen.id);
        pending.push(track(writer.set(exceptionRef, ReconciliationExceptionDocument.parse(exception)), false));
        pending.push(track(writer.create(caseRef, this.caseDocument(exception, caseToOpen)), true));
        // Back-pressure: every few hundred writes, wait for them, so the match never runs far ahead.
        if (pending.length >= 400) {
          await writer.flush();
          await Promise.all(pending);
          pending = [];
        }
        if (failures.length > 0) throw failures[0];
      },
      close: async () => {
        await writer.close();
        await Promise.all(pending);
        pending = [];
        if (failures.length > 0) throw failures[0];
      },
    };
  }

  async getRun(id: string): Promise<ReconciliationRun | null> {
    const snap = await this.db.collection(COLLECTIONS.reconciliationRuns).doc(id).get();
    return snap.exists ? parseStoredDocument(ReconciliationRunDocument, COLLECTIONS.reconciliationRuns, id, snap.data()) : null;
  }

  async listRuns(q: { livemode?: boolean; limit: number; startingAfter?: string }): Promise<{ data: ReconciliationRun[]; hasMore: boolean }> {
    let query: Query = this.db.collection(COLLECTIONS.reconciliationRuns);
    if (q.livemode !== undefined) query = query.where('livemode', '==', q.livemode);
    query = query.orderBy('startedMs', 'desc').orderBy('__name__', 'desc');
    return this.page(ReconciliationRunDocument, COLLECTIONS.reconciliationRuns, query, q);
  }

  async listExceptions(runId: string, q: { limit: number; startingAfter?: string }): Promise<{ data: ReconciliationException[]; hasMore: boolean }> {
    // Exception ids are <runId>_<7-digit sequence>: their order is the order found.
    const query = this.db.collection(COLLECTIONS.reconciliationExceptions).where('runId', '==', runId).orderBy('__name__');
    return this.page(ReconciliationExceptionDocument, COLLECTIONS.reconciliationExceptions, query, q);
  }

  private async page<S extends z.ZodType>(schema: S, collection: string, ordered: Query, q: { limit: number; startingAfter?: string }): Promise<{ data: z.output<S>[]; hasMore: boolean }> {
    let query = ordered;
    if (q.startingAfter !== undefined) {
      const cursor = await this.db.collection(collection).doc(q.startingAfter).get();
      if (!cursor.exists) return { data: [], hasMore: false };
      query = query.startAfter(cursor);
    }
    const snap = await query.limit(q.limit + 1).get();
    const docs = snap.docs.slice(0, q.limit).map((doc) => parseStoredDocument(schema, collection, doc.id, doc.data()));
    return { data: docs, hasMore: snap.docs.length > q.limit };
  }

  private caseDocument(exception: ReconciliationException, finance: FinanceCase) {
    const opened = openCase(
      {
        id: finance.id, kind: 'reconciliation', priority: finance.priority, subject: `${COLLECTIONS.reconciliationExceptions}/${exception.id}`,
        merchantId: finance.merchantId ?? PLATFORM_CASE_OWNER, livemode: exception.livemode, summary: finance.summary, details: finance.details,
      },
      this.clock.nowMs(),
    );
    return COMPLIANCE_CASE.schema.parse(opened);
  }
}
