import { fixedClock } from '../../shared/clock';
import { createLogger } from '../../shared/logger';
import { createSanctionsList, SanctionsEntry, SanctionsList } from '../domain/sanctions-list';
import { PublishedSanctionsListWatcher } from './published-sanctions-list.watcher';
import { refreshSanctionsList } from './refresh-sanctions-list.command';
import { SanctionsListCache } from './sanctions-list.cache';
import { SanctionsListSource } from './sanctions-list.source';
import { MemorySanctionsListRegistry } from './testing/memory-sanctions-registry';

const petrovic: SanctionsEntry = { entityId: 2, primaryName: 'PETROVIC, Dragan', type: 'individual', programs: ['BALKANS'], aliases: [] };
const kovacevic: SanctionsEntry = { entityId: 7, primaryName: 'KOVACEVIC, Milorad', type: 'individual', programs: ['BALKANS'], aliases: [] };

/** A source whose published files the test swaps, or breaks. */
class FakeSource implements SanctionsListSource {
  fetchedAt: number | null = 1_700_000_000_000;
  async fetchedAtMs() {
    if (this.broken) throw new Error('bucket unreachable');
    return this.fetchedAt;
  }
  revision = 1;
  list: SanctionsList = createSanctionsList('OFAC-SDN', [petrovic]);
  broken = false;
  loads = 0;
  async currentVersion() {
    if (this.broken) throw new Error('bucket unreachable');
    return `rev-${this.revision}`;
  }
  async load() {
    if (this.broken) throw new Error('bucket unreachable');
    this.loads += 1;
    return this.list;
  }
  publish(entries: SanctionsEntry[]) {
    this.list = createSanctionsList('OFAC-SDN', entries);
    this.revision += 1;
  }
}

function setup() {
  const source = new FakeSource();
  const registry = new MemorySanctionsListRegistry();
  const clock = fixedClock(1_700_000_000_000);
  const logLines: string[] = [];
  const log = createLogger({}, (line) => logLines.push(line));
  const job = () => refreshSanctionsList({ source, sourceName: '/data/ofac', registry, clock, log });
  return { source, registry, clock, log, logLines, job };
}

describe('refresh-sanctions-list job', () => {
  it('given nothing published, when the job runs, then it publishes the version and audits it', async () => {
    const { registry, job, source } = setup();
    expect(await job()).toEqual({ status: 'published', version: source.list.listVersion, previousVersion: null });
    expect(registry.published).toMatchObject({ version: source.list.listVersion, entries: 1, source: '/data/ofac', loadedAt: '2023-11-14T22:13:20.000Z' });
    expect(registry.audit).toEqual([expect.objectContaining({ action: 'sanctions.list_published', actor: 'system:refresh-sanctions-list', subject: 'sanctions_lists/current' })]);
  });

  it('given the same list is published, when the job runs, then nothing is written', async () => {
    const { registry, job } = setup();
    await job();
    const before = registry.published;
    expect(await job()).toMatchObject({ status: 'unchanged' });
    expect(registry.published).toBe(before);
    expect(registry.audit).toHaveLength(1);
  });

  it('given the source changed, when the job runs, then the new version is published with an audit entry naming both versions', async () => {
    const { registry, job, source } = setup();
    await job();
    const old = source.list.listVersion;
    source.publish([petrovic, kovacevic]);
    expect(await job()).toEqual({ status: 'published', version: source.list.listVersion, previousVersion: old });
    expect(registry.published).toMatchObject({ version: source.list.listVersion, entries: 2 });
    expect(registry.audit[1]).toMatchObject({ details: { previousVersion: old, version: source.list.listVersion } });
  });

  it('given an unreadable or empty source, when the job runs, then the published version stays and the failure is reported', async () => {
    const { registry, job, source, logLines } = setup();
    await job();
    const kept = registry.published;
    source.broken = true;
    expect(await job()).toMatchObject({ status: 'failed', code: 'SANCTIONS_REFRESH_FAILED', version: kept?.version });
    source.broken = false;
    source.publish([]);
    expect(await job()).toMatchObject({ status: 'failed', message: 'source has no entries' });
    expect(registry.published).toBe(kept);
    expect(logLines.join('\n')).toMatch(/keeping the published version/);
  });
});

describe('sanctions list freshness', () => {
  const HOUR = 3_600_000;

  it('given a list fetched 72 hours ago, when the job runs twice in a day, then it logs sanctions.list_stale at ERROR each time and audits it once', async () => {
    const { registry, job, source, clock, logLines } = setup();
    source.fetchedAt = clock.nowMs() - 72 * HOUR;
    await job();
    clock.advance(HOUR);
    await job();
    const stale = logLines.map((line) => JSON.parse(line)).filter((entry) => entry.message === 'sanctions.list_stale');
    expect(stale).toHaveLength(2);
    expect(stale[0]).toMatchObject({ severity: 'ERROR', ageHours: 72, maxAgeHours: 48 });
    expect(registry.audit.filter((entry) => entry.action === 'sanctions.list_stale')).toEqual([
      expect.objectContaining({ subject: 'sanctions_lists/current', actor: 'system:refresh-sanctions-list', details: expect.objectContaining({ ageHours: 72 }) }),
    ]);
  });

  it('given a list fetched an hour ago, when the job runs, then nothing is raised', async () => {
    const { registry, job, source, clock, logLines } = setup();
    source.fetchedAt = clock.nowMs() - HOUR;
    await job();
    expect(logLines.join()).not.toContain('list_stale');
    expect(registry.audit.map((entry) => entry.action)).toEqual(['sanctions.list_published']);
  });

  it('given a source that cannot be read, when the published version was loaded long ago, then that age counts', async () => {
    const { registry, job, source, clock } = setup();
    await job();
    source.broken = true;
    clock.advance(49 * HOUR);
    expect((await job()).status).toBe('failed');
    expect(registry.audit.map((entry) => entry.action)).toEqual(['sanctions.list_published', 'sanctions.list_stale']);
  });
});

describe('instance watcher', () => {
  async function instance() {
    const s = setup();
    const cache = new SanctionsListCache(s.source);
    const watcher = new PublishedSanctionsListWatcher(cache, s.registry, s.clock, s.log, 60_000);
    await s.job();
    await watcher.current();
    return { ...s, cache, watcher };
  }

  it('given the published version equals the loaded one, when checked, then it does not reload', async () => {
    const { watcher, source, clock } = await instance();
    clock.advance(60_000);
    expect(await watcher.checkIfDue()).toBe('in_step');
    expect(source.loads).toBe(2);
  });

  it('given a new version was published, when the interval passes, then the instance reloads it', async () => {
    const { watcher, source, clock, job, cache } = await instance();
    source.publish([petrovic, kovacevic]);
    await job();
    clock.advance(60_000);
    expect(await watcher.checkIfDue()).toMatchObject({ status: 'reloaded', listVersion: source.list.listVersion });
    expect(cache.listVersion).toBe(source.list.listVersion);
  });

  it('given checks within the interval, when screenings run, then the published document is read at most once', async () => {
    const { watcher, registry } = await instance();
    const reads = registry.reads;
    await watcher.checkIfDue();
    await watcher.current();
    expect(registry.reads).toBe(reads);
  });

  it('given the source fails during a reload, when checked, then the old list keeps serving and the failure is reported', async () => {
    const { watcher, source, clock, job, cache } = await instance();
    const served = cache.listVersion;
    source.publish([petrovic, kovacevic]);
    await job();
    source.broken = true;
    clock.advance(60_000);
    expect(await watcher.checkIfDue()).toMatchObject({ status: 'failed', code: 'SANCTIONS_REFRESH_FAILED', listVersion: served });
    expect((await watcher.current()).list.listVersion).toBe(served);
  });
});
