import { AuditEntry } from '../../domain/audit-entry';
import { PublishedSanctionsList, SanctionsListRegistry } from '../sanctions-list.registry';

/** For unit tests: `sanctions_lists/current` and the audit entries published with it. */
export class MemorySanctionsListRegistry implements SanctionsListRegistry {
  published: PublishedSanctionsList | null = null;
  readonly audit: AuditEntry[] = [];
  reads = 0;

  async current() {
    this.reads += 1;
    return this.published;
  }

  async publish(list: PublishedSanctionsList, audit: AuditEntry) {
    this.published = list;
    this.audit.push(audit);
  }

  async recordStale(audit: AuditEntry) {
    if (this.audit.some((entry) => entry.id === audit.id)) return false;
    this.audit.push(audit);
    return true;
  }
}
