import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OfacHttpsFetcher } from './ofac.https-fetcher';
import { SnapshotDirectoryFetcher } from './snapshot-directory.fetcher';
import { DirectorySanctionsListStore } from './sanctions-list.directory-store';
import { FETCHED_AT_FILE } from './ofac-csv.sanctions-source';
import { sanctionsFetchWiring } from '../entrypoints/fetch-sanctions-list.schedule';


describe('OFAC HTTPS fetcher against a local publisher', () => {
  let server: Server;
  let baseUrl: string;
  const hits: string[] = [];
  let failNextSdn = true;

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/moved/sdn.csv' || req.url === '/moved/alt.csv' || req.url === '/moved/add.csv') {
        res.writeHead(301, { location: req.url.replace('/moved/', '/files/') }).end();
      } else if (req.url === '/files/sdn.csv' && failNextSdn) {
        failNextSdn = false;
        res.writeHead(503).end();
      } else if (req.url?.startsWith('/files/')) {
        res.writeHead(200, { 'content-type': 'text/csv' }).end(`contents of ${path.basename(req.url)}`);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('given a moved host and one 503, when it fetches, then it follows the redirect, retries and returns every file', async () => {
    const files = await new OfacHttpsFetcher(`${baseUrl}/moved`, { attempts: 3, timeoutMs: 2_000 }).fetch();
    expect(files.map((f) => [f.name, f.bytes.toString()])).toEqual([
      ['sdn.csv', 'contents of sdn.csv'], ['alt.csv', 'contents of alt.csv'], ['add.csv', 'contents of add.csv'],
    ]);
    expect(hits.filter((h) => h === '/files/sdn.csv')).toHaveLength(2);
  });

  it('given a publisher that answers 404, when it fetches, then it throws after its attempts', async () => {
    await expect(new OfacHttpsFetcher(`${baseUrl}/nowhere`, { attempts: 2, timeoutMs: 2_000 }).fetch()).rejects.toThrow(/answered 404/);
  });
});

describe('local snapshot fetcher and directory store', () => {
  it('given a snapshot without add.csv, when fetched and stored, then the list files and fetched_at land in the target directory', async () => {
    const snapshot = await mkdtemp(path.join(tmpdir(), 'snapshot-'));
    await writeFile(path.join(snapshot, 'sdn.csv'), 'sdn rows');
    await writeFile(path.join(snapshot, 'alt.csv'), 'alt rows');
    const files = await new SnapshotDirectoryFetcher(snapshot).fetch();
    expect(files.map((f) => f.name)).toEqual(['sdn.csv', 'alt.csv']);

    const target = path.join(await mkdtemp(path.join(tmpdir(), 'list-')), 'bucket');
    await new DirectorySanctionsListStore(target).write(files, Date.parse('2026-11-28T04:11:00Z'));
    expect(await readFile(path.join(target, 'sdn.csv'), 'utf8')).toBe('sdn rows');
    expect((await readFile(path.join(target, FETCHED_AT_FILE), 'utf8')).trim()).toBe('2026-11-28T04:11:00.000Z');
  });
});

describe('fetch wiring', () => {
  it('uses HTTPS when SANCTIONS_FETCH_URL is set and refuses a plain http address', () => {
    expect(sanctionsFetchWiring({ url: 'https://www.treasury.gov/ofac/downloads' }, '/list')).toMatchObject({ fetcher: { sourceName: 'https://www.treasury.gov/ofac/downloads' }, targetDir: '/list' });
    expect(() => sanctionsFetchWiring({ url: 'http://www.treasury.gov/ofac/downloads' }, '/list')).toThrow(/https/);
  });

  it('copies a local snapshot into the list directory, and skips when the refresh already reads the snapshot', () => {
    expect(sanctionsFetchWiring({ fromDir: '/snapshot' }, '/list')).toMatchObject({ fetcher: { sourceName: 'file:///snapshot' } });
    expect(sanctionsFetchWiring({ fromDir: '/list' }, '/list')).toEqual({ skip: expect.any(String) });
    expect(sanctionsFetchWiring({}, '/list')).toEqual({ skip: expect.any(String) });
  });
});
