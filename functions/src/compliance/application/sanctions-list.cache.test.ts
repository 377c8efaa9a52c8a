import { buildSanctionsIndex } from '../domain/sanctions-index';
import { createSanctionsList, SanctionsList } from '../domain/sanctions-list';
import { SanctionsListCache } from './sanctions-list.cache';
import { SanctionsListSource } from './sanctions-list.source';

const listNamed = (name: string): SanctionsList =>
  createSanctionsList('TEST', [{ entityId: 1, primaryName: name, type: 'individual', programs: [], aliases: [] }]);

/** In-memory source whose published data and failures the test controls. */
class FakeSource implements SanctionsListSource {
  async fetchedAtMs() {
    return null;
  }
  version = 'v1';
  list = listNamed('PETROVIC, Dragan');
  loads = 0;
  failWith?: Error;

  async currentVersion(): Promise<string> {
    if (this.failWith) throw this.failWith;
    return this.version;
  }

  async load(): Promise<SanctionsList> {
    this.loads++;
    if (this.failWith) throw this.failWith;
    return this.list;
  }
}

describe('SanctionsListCache', () => {
  it('loads the list once and serves the same index to every caller', async () => {
    const source = new FakeSource();
    const cache = new SanctionsListCache(source);
    const [a, b] = await Promise.all([cache.current(), cache.current()]);
    const c = await cache.current();
    expect(source.loads).toBe(1);
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(cache.listVersion).toBe(source.list.listVersion);
  });

  it('does not reload on refresh while the source version is unchanged', async () => {
    const source = new FakeSource();
    const cache = new SanctionsListCache(source);
    await cache.current();
    expect(await cache.refresh()).toEqual({ status: 'unchanged', listVersion: source.list.listVersion });
    expect(source.loads).toBe(1);
  });

  it('reloads and swaps the index when the source version changes', async () => {
    const source = new FakeSource();
    const cache = new SanctionsListCache(source);
    const before = await cache.current();
    source.version = 'v2';
    source.list = listNamed('SMITH, John');
    const outcome = await cache.refresh();
    expect(outcome).toEqual({ status: 'reloaded', listVersion: source.list.listVersion, previousListVersion: before.list.listVersion });
    expect((await cache.current()).list.entries[0].primaryName).toBe('SMITH, John');
  });

  it('loads on the first refresh when nothing was loaded yet', async () => {
    const source = new FakeSource();
    const outcome = await new SanctionsListCache(source).refresh();
    expect(outcome.status).toBe('reloaded');
    expect(source.loads).toBe(1);
  });

  it('keeps serving the old list when a refresh fails', async () => {
    const source = new FakeSource();
    const cache = new SanctionsListCache(source);
    const before = await cache.current();
    source.version = 'v2';
    source.failWith = new Error('bucket unreachable');
    expect(await cache.refresh()).toEqual({
      status: 'failed',
      code: 'SANCTIONS_REFRESH_FAILED',
      message: 'bucket unreachable',
      listVersion: before.list.listVersion,
    });
    expect(await cache.current()).toBe(before);
  });

  it('retries the initial load after a failure instead of caching the error', async () => {
    const source = new FakeSource();
    const cache = new SanctionsListCache(source);
    source.failWith = new Error('disk not mounted');
    await expect(cache.current()).rejects.toThrow('disk not mounted');
    source.failWith = undefined;
    await expect(cache.current()).resolves.toMatchObject({ list: { listVersion: source.list.listVersion } });
  });

  it('uses the index builder it was given', async () => {
    const build = jest.fn(buildSanctionsIndex);
    await new SanctionsListCache(new FakeSource(), build).current();
    expect(build).toHaveBeenCalledTimes(1);
  });
});
