import type { HttpFunction } from '@google-cloud/functions-framework';
import { relayAuditLog } from '../application/relay-audit-log.command';
import type { ComplianceModule } from '../compliance.module';

// Cloud Scheduler calls this every minute: the audit entries committed since the last run move
// from the operational database's outbox into the append-only audit database.
export const relayAuditLogSchedule = (deps: () => Pick<ComplianceModule, 'auditOutbox' | 'auditArchive' | 'clock' | 'log'>): HttpFunction => async (_req, res) => {
  const d = deps();
  const log = d.log.child({ context: 'audit' });
  try {
    const result = await relayAuditLog({ outbox: d.auditOutbox, archive: d.auditArchive, log, nowMs: () => d.clock.nowMs() });
    if (result.appended + result.alreadyArchived > 0) log.info('audit entries archived', { appended: result.appended, already_archived: result.alreadyArchived, more: result.more });
    res.status(200).json(result);
  } catch (error) {
    log.warn('audit relay failed; the entries wait in the outbox for the next run', { error: String(error) });
    res.status(503).json({ outcome: 'retry' });
  }
};
