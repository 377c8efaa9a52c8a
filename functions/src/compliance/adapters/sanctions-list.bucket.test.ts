import { Storage } from '@google-cloud/storage';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startCloudStorageFake, type CloudStorageFake } from '../../../../infra/cloud-storage-fake/cloud-storage-fake.server';
import { defaultSanctionsDataDir, OfacCsvSanctionsSource } from './ofac-csv.sanctions-source';
import { BucketSanctionsList } from './sanctions-list.bucket';

// The production adapter with the real @google-cloud/storage client, against an in-memory stand-in
// for the Cloud Storage JSON API.
describe('the sanctions list in a Cloud Storage bucket', () => {
  let gcs: CloudStorageFake;
  let list: BucketSanctionsList;
  const snapshot = defaultSanctionsDataDir({});
  const files = ['sdn.csv', 'alt.csv'].map((name) => ({ name, bytes: readFileSync(path.join(snapshot, name)) }));

  beforeAll(async () => {
    gcs = await startCloudStorageFake();
    list = new BucketSanctionsList(new Storage({ projectId: 'demo-sanctions', apiEndpoint: gcs.url }).bucket('sanctions-lists'));
  });
  afterAll(() => gcs.close());

  it('given the fetch wrote the files, when the refresh reads the bucket, then it loads the same list as from the snapshot, with fetched_at', async () => {
    // given
    await list.write(files, Date.UTC(2026, 10, 28, 6));

    // when
    const [fromBucket, fromDirectory] = await Promise.all([list.load(), new OfacCsvSanctionsSource(snapshot).load()]);

    // then
    expect(fromBucket.entries.length).toBeGreaterThan(5_000);
    expect(fromBucket.entries.length).toBe(fromDirectory.entries.length);
    expect(await list.fetchedAtMs()).toBe(Date.UTC(2026, 10, 28, 6));
    expect([...gcs.objects.keys()].sort()).toEqual(['sanctions-lists/ofac/alt.csv', 'sanctions-lists/ofac/fetched_at', 'sanctions-lists/ofac/sdn.csv']);
  }, 60_000);

  it('when the files are written again, then the version changes (new generations) so the refresh publishes the new list', async () => {
    const before = await list.currentVersion();
    await list.write(files, Date.UTC(2026, 10, 29, 6));
    expect(await list.currentVersion()).not.toBe(before);
    expect(await list.fetchedAtMs()).toBe(Date.UTC(2026, 10, 29, 6));
  }, 60_000);

  it('given an empty bucket, then reading the list fails (the refresh keeps what it has and the staleness alert fires)', async () => {
    const empty = new BucketSanctionsList(new Storage({ projectId: 'demo-sanctions', apiEndpoint: gcs.url }).bucket('empty-bucket'));
    await expect(empty.currentVersion()).rejects.toMatchObject({ code: 404 });
  });
});
