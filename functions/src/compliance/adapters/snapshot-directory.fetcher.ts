import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SanctionsFile, SanctionsListFetcher } from '../application/fetch-sanctions-list.command';
import { OFAC_FILES } from './ofac.https-fetcher';

/**
 * The local stand-in for OFAC's download site: reads the files from a directory (the shared
 * snapshot, `../shared/data/sanctions/ofac`). There is no network locally; production uses
 * `OfacHttpsFetcher`. A missing optional file (add.csv) is left out; the fetch command refuses a
 * list without sdn.csv or alt.csv.
 */
export class SnapshotDirectoryFetcher implements SanctionsListFetcher {
  constructor(private readonly dir: string) {}

  get sourceName(): string {
    return `file://${this.dir}`;
  }

  async fetch(): Promise<SanctionsFile[]> {
    const files = await Promise.all(
      OFAC_FILES.map(async (name): Promise<SanctionsFile | undefined> => {
        try {
          return { name, bytes: await readFile(path.join(this.dir, name)) };
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
          throw error;
        }
      }),
    );
    return files.filter((f): f is SanctionsFile => f !== undefined);
  }
}
