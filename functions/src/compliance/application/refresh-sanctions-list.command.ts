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
  /** A list fetched longer ago than this is stale: alert and audit (default 48 h: OFAC publishes daily). */
  readonly maxAgeMs?: number;
}

export const DEFAULT_SANCTIONS_MAX_AGE_MS = 48 * 3_600_000;

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
  const outcome = await publishIfChanged(deps);
  await checkFreshness(deps);
  return outcome;
}

/**
 * Screening against an old list lets through everyone designated since. Every run checks how long ago
 * the source was fetched from OFAC; past the limit it logs an ERROR named `sanctions.list_stale` (a
 * log-based alert in Terraform pages compliance) and appends one `sanctions.list_stale` audit entry per day.
 */
async function checkFreshness(deps: RefreshSanctionsListDeps): Promise<void> {
  const maxAgeMs = deps.maxAgeMs ?? DEFAULT_SANCTIONS_MAX_AGE_MS;
  const nowMs = deps.clock.nowMs();
  const fetchedAtMs = await deps.source.fetchedAtMs().catch(() => null);
  const published = await deps.registry.current();
  // An unreadable source says nothing about its age: judge by when the published version was loaded.
  const asOfMs = fetchedAtMs ?? (published ? Date.parse(published.loadedAt) : null);
  const ageMs = asOfMs === null ? Number.POSITIVE_INFINITY : nowMs - asOfMs;
  if (ageMs <= maxAgeMs) return;
  const ageHours = Number.isFinite(ageMs) ? Math.floor(ageMs / 3_600_000) : null;
  const details = { ageHours, maxAgeHours: maxAgeMs / 3_600_000, fetchedAt: asOfMs === null ? null : new Date(asOfMs).toISOString(), version: published?.version ?? null, source: deps.sourceName };
  deps.log.error('sanctions.list_stale', details);
  const day = new Date(nowMs).toISOString().slice(0, 10);
  const entry = auditEntry(
    {
      actor: SYSTEM_ACTORS.sanctionsRefresh,
      action: 'sanctions.list_stale',
      subject: `${SANCTIONS_LISTS_COLLECTION}/${CURRENT_SANCTIONS_LIST}`,
      reason: ageHours === null ? 'The sanctions list has no known fetch time.' : `The sanctions list was fetched ${ageHours} h ago, more than the ${maxAgeMs / 3_600_000} h allowed.`,
      details,
    },
    nowMs,
  );
  await deps.registry.recordStale({ ...entry, id: `aud_sanctions_stale_${day}` });
}

async function publishIfChanged(deps: RefreshSanctionsListDeps): Promise<PublishOutcome> {
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
