import { z } from 'zod';
import { routeOf } from '../../catalogue/function-catalogue';
import { ok } from '../../shared/result';
import { ListAuditLogQuery } from '../../contracts/compliance-api.v1';
import { presentAuditEntry } from '../application/compliance-api.presenter';
import type { ComplianceModule } from '../compliance.module';
import { staffFunction } from './staff-api.handler';

// Read-only by design: the audit log has this one route. Entries are written only inside the
// transactions of the decisions they record (into the audit outbox), archived by relay-audit-log into
// the append-only audit database, and read from there: no route updates or deletes them.
export const listAuditLogHttp = (deps: () => ComplianceModule) => staffFunction(routeOf('listAuditLog'), deps, async ({ input, deps }) => {
  const query = input as z.infer<typeof ListAuditLogQuery>;
  const page = await deps.auditArchive.list({ subject: query.subject, limit: query.limit, startingAfter: query.starting_after });
  return ok({ object: 'list', data: page.data.map(presentAuditEntry), has_more: page.hasMore });
});
