import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { guardedLookup, UndiciWebhookSender } from './webhook-sender.undici';

let server: Server;
let base: string;
const received: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    received.push(req.url ?? '');
    if (req.url === '/ok') return void res.writeHead(200).end('{"received":true}');
    if (req.url === '/fail') return void res.writeHead(500).end('down');
    if (req.url === '/moved') return void res.writeHead(302, { location: '/ok' }).end();
    if (req.url === '/slow') return void setTimeout(() => res.writeHead(200).end('late'), 2_000).unref();
    if (req.url === '/huge') {
      res.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (sent < 5 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      return pump();
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const send = (sender: UndiciWebhookSender, path: string, livemode = false) => sender.send({ url: `${base}${path}`, livemode, headers: { 'content-type': 'application/json' }, body: '{}' });

describe('the undici webhook sender', () => {
  const sender = new UndiciWebhookSender({ timeoutMs: 500 });
  afterAll(() => sender.close());

  it('given answers 200, 500 and 302, then each is the answer as given (the redirect is not followed)', async () => {
    expect(await send(sender, '/ok')).toMatchObject({ kind: 'answered', statusCode: 200, body: '{"received":true}' });
    expect(await send(sender, '/fail')).toMatchObject({ kind: 'answered', statusCode: 500, body: 'down' });
    received.length = 0;
    expect(await send(sender, '/moved')).toMatchObject({ kind: 'answered', statusCode: 302 });
    expect(received).toEqual(['/moved']);
  });

  it('given an endpoint slower than the timeout, then a timeout, on time', async () => {
    const started = Date.now();
    expect(await send(sender, '/slow')).toMatchObject({ kind: 'not_answered', error: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('given a 5 MB answer, then at most 1 KB of it is read', async () => {
    const answer = await send(sender, '/huge');
    expect(answer).toMatchObject({ kind: 'answered', statusCode: 200 });
    expect(answer.kind === 'answered' && answer.body.length).toBe(1024);
  });

  it('given live mode and a loopback address, then nothing is sent', async () => {
    received.length = 0;
    expect(await send(sender, '/ok', true)).toEqual({ kind: 'not_answered', error: 'address_refused', latencyMs: 0 });
    expect(await sender.send({ url: base.replace('127.0.0.1', 'localhost') + '/ok', livemode: true, headers: {}, body: '{}' })).toMatchObject({ kind: 'not_answered', error: 'address_refused' });
    expect(received).toEqual([]);
  });

  it('given a name, then the socket\'s own lookup refuses what the mode forbids (no rebinding window) and passes what it allows', async () => {
    const lookup = (livemode: boolean) => new Promise<{ error: Error | null; addresses: unknown }>((resolve) => guardedLookup(livemode)('localhost', { all: true }, (error, addresses) => resolve({ error, addresses })));
    expect((await lookup(true)).error?.message).toMatch(/refused address/);
    expect(await lookup(false)).toMatchObject({ error: null, addresses: expect.arrayContaining([expect.objectContaining({ address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) })]) });
  });
});
