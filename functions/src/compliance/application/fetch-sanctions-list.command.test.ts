import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixedClock } from '../../shared/clock';
import { createLogger } from '../../shared/logger';
import { OfacCsvSanctionsSource } from '../adapters/ofac-csv.sanctions-source';
import { OfacHttpsFetcher } from '../adapters/ofac.https-fetcher';
import { DirectorySanctionsListStore } from '../adapters/sanctions-list.directory-store';
import { fetchSanctionsList, MIN_FILE_BYTES } from './fetch-sanctions-list.command';

const T0 = Date.UTC(2026, 10, 28, 4, 41);
const SDN_ROW = '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n';
const ALT_ROW = '36,12,"aka","AERO-CARIBBEAN",-0- \r\n';
// Plausible sizes: the fetcher refuses a truncated answer.
const files: Record<string, Buffer> = {
  'sdn.csv': Buffer.from(SDN_ROW.repeat(Math.ceil(MIN_FILE_BYTES['sdn.csv'] / SDN_ROW.length)), 'latin1'),
  'alt.csv': Buffer.from(ALT_ROW.repeat(Math.ceil(MIN_FILE_BYTES['alt.csv'] / ALT_ROW.length)), 'latin1'),
  'add.csv': Buffer.from('36,25,-0- ,"Havana",Cuba,-0- \r\n', 'latin1'),
};

/** A stand-in for OFAC's download host, on loopback: redirects once, as the real host does, then serves the files. */
function publisher(overrides: Record<string, { status: number; body?: Buffer }> = {}): Promise<{ url: string; server: Server; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const name = path.basename(req.url ?? '');
    if (req.url?.startsWith('/downloads/')) return void res.writeHead(302, { location: `/current/${name}` }).end();
    const override = overrides[name];
    if (override) return void res.writeHead(override.status).end(override.body ?? '');
    const body = files[name];
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/csv' }).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/downloads`, server, requests })));
}

describe('fetch-sanctions-list', () => {
  let dir: string;
  let server: Server | undefined;
  const logLines: string[] = [];
  const log = createLogger({}, (line) => logLines.push(line));

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ofac-store-'));
  });
  afterEach(async () => {
    server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('given the publisher serves the files, when the job runs, then they are stored with fetched_at and the refresh source reads them', async () => {
    const host = await publisher();
    server = host.server;
    const outcome = await fetchSanctionsList({ fetcher: new OfacHttpsFetcher(host.url), store: new DirectorySanctionsListStore(dir), clock: fixedClock(T0), log });
    expect(outcome).toMatchObject({ status: 'stored', files: 3 });
    expect(host.requests).toEqual(expect.arrayContaining(['/downloads/sdn.csv', '/current/sdn.csv']));
    expect(await readFile(path.join(dir, 'fetched_at'), 'utf8')).toBe('2026-11-28T04:41:00.000Z\n');
    const source = new OfacCsvSanctionsSource(dir);
    expect(await source.fetchedAtMs()).toBe(T0);
    expect((await source.load()).entries[0]).toMatchObject({ entityId: 36, primaryName: 'AEROCARIBBEAN AIRLINES' });
  });

  it('given the publisher fails for one file, when the job runs, then nothing is replaced and the failure is reported', async () => {
    const host = await publisher({ 'alt.csv': { status: 503 } });
    server = host.server;
    const store = new DirectorySanctionsListStore(dir);
    const outcome = await fetchSanctionsList({ fetcher: new OfacHttpsFetcher(host.url, { attempts: 2, timeoutMs: 2_000 }), store, clock: fixedClock(T0), log });
    expect(outcome).toMatchObject({ status: 'failed', message: expect.stringContaining('503') });
    await expect(readFile(path.join(dir, 'fetched_at'), 'utf8')).rejects.toThrow();
  });

  it('given a truncated sdn.csv, when the job runs, then the last good files stay and their age keeps counting', async () => {
    const good = await publisher();
    server = good.server;
    const store = new DirectorySanctionsListStore(dir);
    await fetchSanctionsList({ fetcher: new OfacHttpsFetcher(good.url), store, clock: fixedClock(T0), log });
    good.server.close();
    const broken = await publisher({ 'sdn.csv': { status: 200, body: Buffer.from('<html>maintenance</html>') } });
    server = broken.server;
    const outcome = await fetchSanctionsList({ fetcher: new OfacHttpsFetcher(broken.url), store, clock: fixedClock(T0 + 86_400_000), log });
    expect(outcome).toMatchObject({ status: 'failed', message: expect.stringContaining('sdn.csv') });
    expect(await new OfacCsvSanctionsSource(dir).fetchedAtMs()).toBe(T0);
  });
});
