import { Clock } from '../../shared/clock';
import { Logger } from '../../shared/logger';
import { SanctionsIndex } from '../domain/sanctions-index';
import { RefreshOutcome } from './sanctions-list.cache';
import { SanctionsListRegistry } from './sanctions-list.registry';
import { SanctionsIndexProvider } from './screen-name.query';

/** What the watcher needs of the instance's cache (SanctionsListCache). */
export interface RefreshableSanctionsLists extends SanctionsIndexProvider {
  readonly listVersion: string | undefined;
  refresh(): Promise<RefreshOutcome>;
}

export type WatchOutcome = 'not_due' | 'in_step' | 'nothing_published' | RefreshOutcome;

export const DEFAULT_CHECK_EVERY_MS = 3 * 60_000;

/**
 * Keeps an instance's list in step with the version the refresh job published. At most once per
 * interval a screening triggers one document read, off the screening's own path; when the
 * published version differs from the loaded one, the cache reloads from its source.
 */
export class PublishedSanctionsListWatcher implements SanctionsIndexProvider {
  private lastCheckMs = Number.NEGATIVE_INFINITY;
  private checking?: Promise<WatchOutcome>;

  constructor(
    private readonly lists: RefreshableSanctionsLists,
    private readonly registry: SanctionsListRegistry,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly checkEveryMs: number = DEFAULT_CHECK_EVERY_MS,
  ) {}

  async current(): Promise<SanctionsIndex> {
    const index = await this.lists.current();
    // Not awaited: a screening never waits for the version check.
    void this.checkIfDue();
    return index;
  }

  /** Compares with the published version when the interval has passed; never throws. */
  checkIfDue(): Promise<WatchOutcome> {
    if (this.checking) return this.checking;
    const nowMs = this.clock.nowMs();
    if (nowMs - this.lastCheckMs < this.checkEveryMs) return Promise.resolve('not_due');
    this.lastCheckMs = nowMs;
    this.checking = this.check().finally(() => (this.checking = undefined));
    return this.checking;
  }

  /** Checks now, whatever the interval (the refresh job, right after publishing). */
  checkNow(): Promise<WatchOutcome> {
    this.lastCheckMs = Number.NEGATIVE_INFINITY;
    return this.checkIfDue();
  }

  private async check(): Promise<WatchOutcome> {
    try {
      const published = await this.registry.current();
      if (!published) return 'nothing_published';
      if (published.version === this.lists.listVersion) return 'in_step';
      const outcome = await this.lists.refresh();
      if (outcome.status === 'failed') this.log.warn('sanctions list reload failed; serving the loaded version', { published: published.version, serving: outcome.listVersion ?? null, error: outcome.message });
      else if (outcome.status === 'reloaded') this.log.info('sanctions list reloaded', { version: outcome.listVersion, previous: outcome.previousListVersion ?? null });
      return outcome;
    } catch (error) {
      this.log.warn('sanctions list version check failed; next screening retries after the interval', { error: String(error) });
      return { status: 'failed', code: 'SANCTIONS_REFRESH_FAILED', message: String(error), listVersion: this.lists.listVersion };
    }
  }
}
