import type { Logger } from '../../shared/logger';
import type { AuditArchive, AuditOutbox } from './audit-trail';

export interface RelayAuditLogDeps {
  readonly outbox: AuditOutbox;
  readonly archive: AuditArchive;
  readonly log: Logger;
  readonly nowMs: () => number;
}

export interface RelayAuditLogResult {
  readonly appended: number;
  /** Entries found already archived: a previous run created them and stopped before removing them. */
  readonly alreadyArchived: number;
  /** True when entries may remain (the run stopped at its time budget); the next run continues. */
  readonly more: boolean;
}

const BATCH = 200;
/** Well inside the scheduler's attempt deadline, so a backlog drains over several runs, never in one that is killed. */
const BUDGET_MS = 40_000;

/**
 * Moves committed audit entries from the operational database into the append-only audit database,
 * oldest first. Idempotent: an entry is removed from the outbox only once the archive holds it, and
 * archiving an id twice changes nothing, so a crash anywhere is repaired by the next run. Any error
 * (the archive unreachable) stops the run with the entries still waiting; it is thrown, so the
 * scheduler sees a failed run.
 */
export async function relayAuditLog(deps: RelayAuditLogDeps): Promise<RelayAuditLogResult> {
  const deadline = deps.nowMs() + BUDGET_MS;
  let appended = 0;
  let alreadyArchived = 0;
  for (;;) {
    const entries = await deps.outbox.oldest(BATCH);
    const done: string[] = [];
    // One at a time, oldest first: if the archive fails midway, the entries archived so far are still removed.
    try {
      for (const entry of entries) {
        const outcome = await deps.archive.append(entry);
        if (outcome === 'appended') appended++;
        else alreadyArchived++;
        done.push(entry.id);
      }
    } finally {
      if (done.length > 0) await deps.outbox.remove(done);
    }
    if (entries.length < BATCH) return { appended, alreadyArchived, more: false };
    if (deps.nowMs() >= deadline) {
      deps.log.warn('audit relay stopped at its time budget; the next run continues', { appended, already_archived: alreadyArchived });
      return { appended, alreadyArchived, more: true };
    }
  }
}
