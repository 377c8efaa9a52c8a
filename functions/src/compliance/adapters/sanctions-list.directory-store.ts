import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SanctionsFile, SanctionsListStore } from '../application/fetch-sanctions-list.command';
import { FETCHED_AT_FILE } from './ofac-csv.sanctions-source';

/**
 * The files the refresh job reads, in a directory: locally `.local/sanctions`, in production the
 * mounted list bucket. Each file is written beside its final name and renamed over it, and
 * `fetched_at` goes last, so a reader never takes a half-written list for a fresh one.
 */
export class DirectorySanctionsListStore implements SanctionsListStore {
  constructor(private readonly dir: string) {}

  async write(files: readonly SanctionsFile[], fetchedAtMs: number): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    for (const file of files) await this.replace(file.name, file.bytes);
    await this.replace(FETCHED_AT_FILE, Buffer.from(`${new Date(fetchedAtMs).toISOString()}\n`));
  }

  private async replace(name: string, bytes: Buffer): Promise<void> {
    const target = path.join(this.dir, path.basename(name));
    const staging = `${target}.partial`;
    await writeFile(staging, bytes);
    await rename(staging, target);
  }
}
