import { buildSanctionsIndex, SanctionsIndex } from '../domain/sanctions-index';
import { SanctionsList } from '../domain/sanctions-list';
import { SanctionsListSource } from './sanctions-list.source';
import { SanctionsIndexProvider } from './screen-name.query';

export type RefreshOutcome =
  | { readonly status: 'unchanged'; readonly listVersion: string }
  | { readonly status: 'reloaded'; readonly listVersion: string; readonly previousListVersion?: string }
  | { readonly status: 'failed'; readonly code: 'SANCTIONS_REFRESH_FAILED'; readonly message: string; readonly listVersion?: string };

interface Loaded {
  readonly sourceVersion: string;
  readonly index: SanctionsIndex;
}

/**
 * Holds one indexed list per instance. The first screening loads it; afterwards `refresh`
 * (called by the scheduled job) reloads only when the source reports a new version, and swaps
 * the index in one assignment so screenings never see a half-built list.
 */
export class SanctionsListCache implements SanctionsIndexProvider {
  private loaded?: Loaded;
  private inFlight?: Promise<Loaded>;

  constructor(
    private readonly source: SanctionsListSource,
    private readonly buildIndex: (list: SanctionsList) => SanctionsIndex = buildSanctionsIndex,
  ) {}

  async current(): Promise<SanctionsIndex> {
    return (this.loaded ?? (await this.load())).index;
  }

  /** Version of the list being served, if one is loaded. */
  get listVersion(): string | undefined {
    return this.loaded?.index.list.listVersion;
  }

  async refresh(): Promise<RefreshOutcome> {
    const previous = this.loaded;
    try {
      const sourceVersion = await this.source.currentVersion();
      if (previous && previous.sourceVersion === sourceVersion) {
        return { status: 'unchanged', listVersion: previous.index.list.listVersion };
      }
      const next = await this.load();
      return { status: 'reloaded', listVersion: next.index.list.listVersion, previousListVersion: previous?.index.list.listVersion };
    } catch (cause) {
      // Keep serving the list we have: a stale list beats no screening at all.
      const message = cause instanceof Error ? cause.message : String(cause);
      return { status: 'failed', code: 'SANCTIONS_REFRESH_FAILED', message, listVersion: this.listVersion };
    }
  }

  /** Concurrent callers share one load; a failed load is not cached, so the next call retries. */
  private load(): Promise<Loaded> {
    this.inFlight ??= (async () => {
      try {
        // Version first: if the data changes mid-load, the next refresh simply loads again.
        const sourceVersion = await this.source.currentVersion();
        const index = this.buildIndex(await this.source.load());
        this.loaded = { sourceVersion, index };
        return this.loaded;
      } finally {
        this.inFlight = undefined;
      }
    })();
    return this.inFlight;
  }
}
