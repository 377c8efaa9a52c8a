import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpCardLookup } from './card-lookup.http-gateway';

describe('card lookup over pooled HTTP', () => {
  let server: Server;
  let lookup: HttpCardLookup;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url?.endsWith('/pm_known')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: 'pm_known', card: { brand: 'visa', country: 'gb', fingerprint: 'fp_1' } }));
      } else if (req.url?.endsWith('/pm_broken')) {
        res.writeHead(503).end('unavailable');
      } else {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"not_found"}}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    lookup = new HttpCardLookup({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, maxAttempts: 1 });
  });

  afterAll(async () => {
    await lookup.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('given a known token, then its card with an upper-case country', async () => {
    expect(await lookup.lookup('pm_known')).toEqual({ fingerprint: 'fp_1', brand: 'visa', country: 'GB' });
  });

  it('given an unknown token, then null, asked once', async () => {
    hits.length = 0;
    expect(await lookup.lookup('pm_unknown')).toBeNull();
    expect(hits).toEqual(['/v1/payment_methods/pm_unknown']);
  });

  it('given a processor error, then the lookup fails for the task to retry', async () => {
    await expect(lookup.lookup('pm_broken')).rejects.toThrow(/503/);
  });
});
