import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { SanctionsListSource } from '../application/sanctions-list.source';
import {
  createSanctionsList,
  SanctionsAlias,
  SanctionsEntry,
  SanctionsEntryType,
  SanctionsList,
} from '../domain/sanctions-list';

// Reads OFAC's legacy SDN CSV files (sdn.csv + alt.csv; no header row, Latin-1, "-0-" = empty).

export const OFAC_SDN_LIST_ID = 'OFAC-SDN';
export const OFAC_LIST_FILES = ['sdn.csv', 'alt.csv'] as const;
const FILES = OFAC_LIST_FILES;
const EMPTY = '-0-';
/** Written by the fetch job beside the files: when they were downloaded from OFAC. */
export const FETCHED_AT_FILE = 'fetched_at';

/**
 * SANCTIONS_SOURCE_DIR (production: a directory synced from a bucket), else SANCTIONS_DATA_DIR,
 * else `<repo root>/../shared/data/sanctions/ofac`.
 */
export function defaultSanctionsDataDir(env: Readonly<Record<string, string | undefined>>): string {
  if (env.SANCTIONS_SOURCE_DIR) return env.SANCTIONS_SOURCE_DIR;
  if (env.SANCTIONS_DATA_DIR) return env.SANCTIONS_DATA_DIR;
  // Walk up to the package root so this works from sources and from compiled output alike.
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.resolve(dir, '..', 'shared', 'data', 'sanctions', 'ofac');
}

async function readRows(file: string): Promise<string[][]> {
  return parseOfacRows(await readFile(file));
}

/** One OFAC CSV file's rows (Latin-1; OFAC terminates its files with a DOS end-of-file byte, 0x1A). */
export function parseOfacRows(bytes: Buffer): string[][] {
  const text = bytes.toString('latin1').replace(/\x1a/g, '');
  return parse(text, { relax_column_count: true, relax_quotes: true, trim: true, skip_empty_lines: true });
}

const value = (field: string | undefined): string => (field === undefined || field === EMPTY ? '' : field);

function entryType(field: string | undefined): SanctionsEntryType {
  const t = value(field).toLowerCase();
  return t === 'individual' || t === 'vessel' || t === 'aircraft' ? t : 'entity';
}

/** Parses the two CSV texts' rows into entries; exported for tests on hand-made rows. */
export function toEntries(sdnRows: readonly string[][], altRows: readonly string[][]): SanctionsEntry[] {
  const aliases = new Map<number, SanctionsAlias[]>();
  for (const row of altRows) {
    const entityId = Number(row[0]);
    const name = value(row[3]);
    if (!Number.isInteger(entityId) || name === '') continue;
    const list = aliases.get(entityId) ?? [];
    list.push({ name, kind: value(row[2]) || 'aka' });
    aliases.set(entityId, list);
  }
  const entries: SanctionsEntry[] = [];
  for (const row of sdnRows) {
    const entityId = Number(row[0]);
    const primaryName = value(row[1]);
    if (!Number.isInteger(entityId) || primaryName === '') continue;
    const programs = value(row[3]).replace(/[[\]]/g, ' ').split(/\s+/).filter(Boolean);
    entries.push({ entityId, primaryName, type: entryType(row[2]), programs, aliases: aliases.get(entityId) ?? [] });
  }
  return entries;
}

export class OfacCsvSanctionsSource implements SanctionsListSource {
  constructor(private readonly dir: string) {}

  async currentVersion(): Promise<string> {
    const stats = await Promise.all(FILES.map((f) => stat(path.join(this.dir, f))));
    return stats.map((s, i) => `${FILES[i]}:${s.size}:${s.mtimeMs}`).join('|');
  }

  /**
   * The fetch job writes `fetched_at` (ISO 8601) beside the files it downloaded; without it the
   * files' own modification time is the best evidence of their age.
   */
  async fetchedAtMs(): Promise<number | null> {
    try {
      const marker = Date.parse((await readFile(path.join(this.dir, FETCHED_AT_FILE), 'utf8')).trim());
      if (Number.isFinite(marker)) return marker;
    } catch {
      // no marker: fall back to the files
    }
    const stats = await Promise.all(FILES.map((f) => stat(path.join(this.dir, f)).catch(() => null)));
    const times = stats.filter((s) => s !== null).map((s) => s.mtimeMs);
    return times.length > 0 ? Math.min(...times) : null;
  }

  async load(): Promise<SanctionsList> {
    const [sdnRows, altRows] = await Promise.all(FILES.map((f) => readRows(path.join(this.dir, f))));
    return createSanctionsList(OFAC_SDN_LIST_ID, toEntries(sdnRows, altRows));
  }
}
