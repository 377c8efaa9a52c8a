import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultSanctionsDataDir, OfacCsvSanctionsSource } from './ofac-csv.sanctions-source';

const SDN = [
  '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
  '7,"MÜLLER, José",individual,"SDGT] [IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1960."',
  '9,"SEA STAR",vessel,"IRAN",-0- ,"9HA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
].join('\r\n');
const ALT = ['36,12,"aka","AERO-CARIBBEAN",-0- ', '7,13,"fka","MULLER, Jose Luis",-0- '].join('\r\n');

describe('OfacCsvSanctionsSource', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ofac-'));
    // OFAC files are Latin-1 and end with a DOS end-of-file byte.
    await writeFile(path.join(dir, 'sdn.csv'), Buffer.from(`${SDN}\r\n\x1a`, 'latin1'));
    await writeFile(path.join(dir, 'alt.csv'), Buffer.from(`${ALT}\r\n\x1a`, 'latin1'));
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads entries with Latin-1 names, types, programs and aliases', async () => {
    const list = await new OfacCsvSanctionsSource(dir).load();
    expect(list.listId).toBe('OFAC-SDN');
    expect(list.entries).toEqual([
      { entityId: 7, primaryName: 'MÜLLER, José', type: 'individual', programs: ['SDGT', 'IRAN'], aliases: [{ name: 'MULLER, Jose Luis', kind: 'fka' }] },
      { entityId: 9, primaryName: 'SEA STAR', type: 'vessel', programs: ['IRAN'], aliases: [] },
      { entityId: 36, primaryName: 'AEROCARIBBEAN AIRLINES', type: 'entity', programs: ['CUBA'], aliases: [{ name: 'AERO-CARIBBEAN', kind: 'aka' }] },
    ]);
  });

  it('derives the list version from content, with the entry count', async () => {
    const first = await new OfacCsvSanctionsSource(dir).load();
    expect(first.listVersion).toMatch(/^OFAC-SDN:[0-9a-f]{16}:3$/);
    expect((await new OfacCsvSanctionsSource(dir).load()).listVersion).toBe(first.listVersion);
    await writeFile(path.join(dir, 'alt.csv'), Buffer.from(`${ALT}\r\n36,14,"aka","AC AIR",-0- \r\n`, 'latin1'));
    expect((await new OfacCsvSanctionsSource(dir).load()).listVersion).not.toBe(first.listVersion);
  });

  it('reports a new source version when a file changes', async () => {
    const source = new OfacCsvSanctionsSource(dir);
    const before = await source.currentVersion();
    expect(await source.currentVersion()).toBe(before);
    await utimes(path.join(dir, 'sdn.csv'), new Date(0), new Date(1_000_000));
    expect(await source.currentVersion()).not.toBe(before);
  });

  it('dates the files by the fetch marker the fetch job writes, else by their modification time', async () => {
    const source = new OfacCsvSanctionsSource(dir);
    const old = new Date('2021-03-01T00:00:00Z');
    await utimes(path.join(dir, 'sdn.csv'), old, old);
    expect(await source.fetchedAtMs()).toBe(old.getTime());
    await writeFile(path.join(dir, 'fetched_at'), '2026-11-27T04:41:00.000Z\n');
    expect(await source.fetchedAtMs()).toBe(Date.parse('2026-11-27T04:41:00.000Z'));
  });

  it('fails loudly when the files are missing', async () => {
    await expect(new OfacCsvSanctionsSource(path.join(dir, 'nope')).load()).rejects.toThrow(/ENOENT/);
  });
});

describe('defaultSanctionsDataDir', () => {
  it('prefers SANCTIONS_DATA_DIR', () => {
    expect(defaultSanctionsDataDir({ SANCTIONS_DATA_DIR: '/data/ofac' })).toBe('/data/ofac');
  });

  it('falls back to shared/data beside the repository', () => {
    const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
    expect(defaultSanctionsDataDir({})).toBe(path.resolve(repoRoot, '..', 'shared', 'data', 'sanctions', 'ofac'));
  });
});
