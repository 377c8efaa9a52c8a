import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CardLookupByMode, HttpCardLookup } from './card-lookup.http-gateway';

describe('card lookup over pooled HTTP', () => {
  let server: Server;
  let lookup: HttpCardLookup;
  const hits: string[] = [];
  const auths: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      auths.push(req.headers.authorization ?? '');
      if (req.url?.endsWith('/pm_known')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: 'pm_known', card: { brand: 'visa', country: 'gb', fingerprint: 'fp_1' } }));
      } else if (req.url?.endsWith('/pm_broken')) {
        res.writeHead(503).end('unavailable');
      } else {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"not_found"}}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    lookup = new HttpCardLookup({ mode: 'test', apiKey: 'sk_test_x', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, maxAttempts: 1 });
  });

  afterAll(async () => {
    await lookup.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('given a known token, then its card with an upper-case country', async () => {
    expect(await lookup.lookup('pm_known', false)).toEqual({ fingerprint: 'fp_1', brand: 'visa', country: 'GB' });
  });

  it('given an unknown token, then null, asked once', async () => {
    hits.length = 0;
    expect(await lookup.lookup('pm_unknown', false)).toBeNull();
    expect(hits).toEqual(['/v1/payment_methods/pm_unknown']);
  });

  it('given a processor error, then the lookup fails for the task to retry', async () => {
    await expect(lookup.lookup('pm_broken', false)).rejects.toThrow(/503/);
  });

  it('given a live-mode lookup on the test client, then it is refused before any request; a test lookup carries the test key', async () => {
    hits.length = 0;
    auths.length = 0;
    await expect(lookup.lookup('pm_known', true)).rejects.toThrow(/live-mode card lookup reached the test-mode/);
    expect(hits).toEqual([]);
    await lookup.lookup('pm_known', false);
    expect(auths).toEqual(['Bearer sk_test_x']);
  });

  it('given no live processor, then a live token is unknown and the test processor is never asked', async () => {
    hits.length = 0;
    const byMode = new CardLookupByMode({ test: lookup, live: null });
    expect(await byMode.lookup('pm_known', true)).toBeNull();
    expect(hits).toEqual([]);
  });
});
