import { Clock } from '../../shared/clock';
import { Logger } from '../../shared/logger';
import { auditEntry, SYSTEM_ACTORS } from '../domain/audit-entry';
import { SanctionsListSource } from './sanctions-list.source';
import { CURRENT_SANCTIONS_LIST, PublishedSanctionsList, SanctionsListRegistry, SANCTIONS_LISTS_COLLECTION } from './sanctions-list.registry';

export interface RefreshSanctionsListDeps {
  readonly source: SanctionsListSource;
  /** Human-readable name of the source (directory or URL), stored with the published version. */
  readonly sourceName: string;
  readonly registry: SanctionsListRegistry;
  readonly clock: Clock;
  readonly log: Logger;
}

export type PublishOutcome =
  | { readonly status: 'unchanged'; readonly version: string }
  | { readonly status: 'published'; readonly version: string; readonly previousVersion: string | null }
  | { readonly status: 'failed'; readonly code: 'SANCTIONS_REFRESH_FAILED'; readonly message: string; readonly version: string | null };

/**
 * The scheduled job: loads the list from the configured source, and when its content version
 * differs from the published one, publishes it (with an audit entry) so every instance reloads.
 * A source that cannot be read leaves the published version alone: a stale list beats none.
 */
export async function refreshSanctionsList(deps: RefreshSanctionsListDeps): Promise<PublishOutcome> {
  const published = await deps.registry.current();
  let list;
  try {
    list = await deps.source.load();
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    deps.log.warn('sanctions list source unreadable; keeping the published version', { source: deps.sourceName, error: message, version: published?.version ?? null });
    return { status: 'failed', code: 'SANCTIONS_REFRESH_FAILED', message, version: published?.version ?? null };
  }
  if (list.entries.length === 0) {
    // An empty file is a broken sync, not OFAC delisting everyone: screening against it would clear all.
    deps.log.warn('sanctions list source is empty; keeping the published version', { source: deps.sourceName });
    return { status: 'failed', code: 'SANCTIONS_REFRESH_FAILED', message: 'source has no entries', version: published?.version ?? null };
  }
  if (published?.version === list.listVersion) return { status: 'unchanged', version: list.listVersion };

  const nowMs = deps.clock.nowMs();
  const next: PublishedSanctionsList = { version: list.listVersion, entries: list.entries.length, loadedAt: new Date(nowMs).toISOString(), source: deps.sourceName };
  const audit = auditEntry(
    {
      actor: SYSTEM_ACTORS.sanctionsRefresh,
      action: 'sanctions.list_published',
      subject: `${SANCTIONS_LISTS_COLLECTION}/${CURRENT_SANCTIONS_LIST}`,
      reason: published ? `Sanctions list changed: ${published.version} → ${next.version}` : `First sanctions list published: ${next.version}`,
      details: { version: next.version, previousVersion: published?.version ?? null, entries: next.entries, source: next.source },
    },
    nowMs,
  );
  await deps.registry.publish(next, audit);
  deps.log.info('sanctions list published', { version: next.version, previous: published?.version ?? null, entries: next.entries });
  return { status: 'published', version: next.version, previousVersion: published?.version ?? null };
}
