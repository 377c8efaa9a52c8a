import type { Journal } from '../../ledger/domain/journal';
import type { ExceptionWriter, FinanceCase, ReconciliationStore } from '../application/reconciliation.ports';
import type { ReconciliationException, ReconciliationRun } from '../domain/reconciliation-run';

/** In-memory runs, exceptions and finance cases, for unit tests and the bench. */
export class InMemoryReconciliationStore implements ReconciliationStore {
  readonly runs = new Map<string, ReconciliationRun>();
  readonly exceptions: ReconciliationException[] = [];
  readonly cases = new Map<string, FinanceCase & { livemode: boolean }>();
  /** Exceptions stored so far (cheap to keep when the bench only counts). */
  exceptionCount = 0;

  constructor(private readonly options: { keepExceptions?: boolean } = {}) {}

  async saveRun(run: ReconciliationRun): Promise<void> {
    this.runs.set(run.id, run);
  }

  /** Ledger journals the runs booked, by id (a second booking of the same id replaces the first, as in Firestore). */
  readonly journals = new Map<string, Journal>();

  async bookJournal(journal: Journal): Promise<void> {
    this.journals.set(journal.id, journal);
  }

  exceptionWriter(): ExceptionWriter {
    return {
      add: async (exception, caseToOpen) => {
        this.exceptionCount += 1;
        if (this.options.keepExceptions !== false) this.exceptions.push(exception);
        // Like Firestore's create: a case already opened for the same finding stays as it is.
        if (!this.cases.has(caseToOpen.id)) this.cases.set(caseToOpen.id, { ...caseToOpen, livemode: exception.livemode });
      },
      close: async () => undefined,
    };
  }

  async getRun(id: string): Promise<ReconciliationRun | null> {
    return this.runs.get(id) ?? null;
  }

  async listRuns(q: { livemode?: boolean; limit: number; startingAfter?: string }): Promise<{ data: ReconciliationRun[]; hasMore: boolean }> {
    const all = [...this.runs.values()]
      .filter((run) => q.livemode === undefined || run.livemode === q.livemode)
      .sort((a, b) => b.startedMs - a.startedMs || (a.id < b.id ? 1 : -1));
    const from = q.startingAfter === undefined ? 0 : all.findIndex((run) => run.id === q.startingAfter) + 1;
    const page = all.slice(from, from + q.limit);
    return { data: page, hasMore: from + q.limit < all.length };
  }

  async listExceptions(runId: string, q: { limit: number; startingAfter?: string }): Promise<{ data: ReconciliationException[]; hasMore: boolean }> {
    const all = this.exceptions.filter((e) => e.runId === runId);
    const from = q.startingAfter === undefined ? 0 : all.findIndex((e) => e.id === q.startingAfter) + 1;
    return { data: all.slice(from, from + q.limit), hasMore: from + q.limit < all.length };
  }
}
