import type { Bucket } from '@google-cloud/storage';
import type { SanctionsFile, SanctionsListStore } from '../application/fetch-sanctions-list.command';
import type { SanctionsListSource } from '../application/sanctions-list.source';
import { createSanctionsList, type SanctionsList } from '../domain/sanctions-list';
import { FETCHED_AT_FILE, OFAC_LIST_FILES, OFAC_SDN_LIST_ID, parseOfacRows, toEntries } from './ofac-csv.sanctions-source';

/**
 * Production's list, in a Cloud Storage bucket (SANCTIONS_BUCKET): the scheduled fetch writes OFAC's
 * files there and the refresh job reads them, so the deployed functions screen against what OFAC
 * publishes, not the snapshot in their zip. Each object is replaced whole (an upload is atomic per
 * object) and `fetched_at` is written last, so a reader never takes a half-written list for a fresh one.
 */
export class BucketSanctionsList implements SanctionsListStore, SanctionsListSource {
  constructor(
    private readonly bucket: Bucket,
    private readonly prefix = 'ofac/',
  ) {}

  private file(name: string) {
    return this.bucket.file(`${this.prefix}${name}`);
  }

  async write(files: readonly SanctionsFile[], fetchedAtMs: number): Promise<void> {
    for (const f of files) await this.file(f.name).save(f.bytes, { resumable: false, contentType: 'text/csv' });
    await this.file(FETCHED_AT_FILE).save(`${new Date(fetchedAtMs).toISOString()}\n`, { resumable: false, contentType: 'text/plain' });
  }

  /** The objects' generations: a new upload is a new version, whatever its size. */
  async currentVersion(): Promise<string> {
    const metadata = await Promise.all(OFAC_LIST_FILES.map(async (name) => (await this.file(name).getMetadata())[0]));
    return metadata.map((m, i) => `${OFAC_LIST_FILES[i]}:${m.size}:${m.generation}`).join('|');
  }

  async fetchedAtMs(): Promise<number | null> {
    try {
      const [bytes] = await this.file(FETCHED_AT_FILE).download();
      const marker = Date.parse(bytes.toString('utf8').trim());
      if (Number.isFinite(marker)) return marker;
    } catch (error) {
      if ((error as { code?: number }).code !== 404) throw error;
    }
    // No marker: the objects' own upload times are the best evidence of their age.
    const metadata = await Promise.all(OFAC_LIST_FILES.map(async (name) => (await this.file(name).getMetadata())[0]));
    const times = metadata.map((m) => Date.parse(String(m.updated))).filter(Number.isFinite);
    return times.length > 0 ? Math.min(...times) : null;
  }

  async load(): Promise<SanctionsList> {
    const [sdn, alt] = await Promise.all(OFAC_LIST_FILES.map(async (name) => parseOfacRows((await this.file(name).download())[0])));
    return createSanctionsList(OFAC_SDN_LIST_ID, toEntries(sdn, alt));
  }
}
