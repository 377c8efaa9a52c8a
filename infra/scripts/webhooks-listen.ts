import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';
import { portsFromFirebaseJson } from '../local/local-ports';

// `npm run webhooks:listen -- --forward-to http://localhost:4242/webhook` (like `stripe listen`): registers a
// test-mode webhook endpoint that points at a receiver on this machine, verifies each delivery's signature with
// the `standardwebhooks` package, prints it, and forwards it (same body, same webhook-* headers) to the local
// app. The app verifies with the secret printed at start. Ctrl-C deletes the endpoint.

export interface WebhookListenerOptions {
  readonly apiUrl: string;
  /** A test-mode secret key (sk_test_…): the listener never registers a live endpoint. */
  readonly secretKey: string;
  /** Where to forward each event; unset, events are only printed. */
  readonly forwardTo?: string;
  readonly events?: readonly string[];
  readonly print?: (line: string) => void;
}

export interface ReceivedEvent {
  readonly id: string;
  readonly type: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly verified: boolean;
}

export interface WebhookListener {
  readonly endpointId: string;
  readonly secret: string;
  readonly url: string;
  readonly received: readonly ReceivedEvent[];
  stop(): Promise<void>;
}

const WEBHOOK_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

export async function startWebhookListener(options: WebhookListenerOptions): Promise<WebhookListener> {
  if (!options.secretKey.startsWith('sk_test_')) throw new Error('webhooks:listen takes a test-mode secret key (sk_test_…)');
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const received: ReceivedEvent[] = [];
  let verifier: Webhook | null = null;

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const headers = Object.fromEntries(WEBHOOK_HEADERS.map((name) => [name, String(req.headers[name] ?? '')]));
      let event: { id?: string; type?: string } = {};
      let verified = false;
      try {
        event = (verifier ?? failNotReady()).verify(body, headers) as { id?: string; type?: string };
        verified = true;
      } catch {
        print(`!!  a delivery failed signature verification (webhook-id ${headers['webhook-id'] || 'none'}): answered 400`);
      }
      received.push({ id: event.id ?? headers['webhook-id'], type: event.type ?? 'unknown', body, headers, verified });
      if (!verified) return void res.writeHead(400).end();
      print(`--> ${event.type} [${event.id}]`);
      if (!options.forwardTo) return void res.writeHead(200).end();
      const status = await forward(options.forwardTo, body, headers).catch((error: unknown) => {
        print(`<-- [error] POST ${options.forwardTo}: ${error instanceof Error ? error.message : String(error)}`);
        return 502;
      });
      if (status !== 502) print(`<-- [${status}] POST ${options.forwardTo}`);
      // The platform retries what the local app did not accept, exactly as it would in production.
      res.writeHead(status >= 200 && status < 300 ? 200 : 502).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;

  const created = await api(options, 'POST', '/v1/webhook_endpoints', {
    url,
    enabled_events: options.events ?? ['*'],
    description: `webhooks:listen${options.forwardTo ? ` -> ${options.forwardTo}` : ''}`,
  }).catch(async (error: unknown) => {
    server.close();
    throw error;
  });
  const secret = String(created.secret);
  verifier = new Webhook(secret);
  const endpointId = String(created.id);
  print(`Ready. Endpoint ${endpointId} receives ${(options.events ?? ['*']).join(', ')} at ${url}`);
  print(`Signing secret (verify with it in your app): ${secret}`);

  return {
    endpointId,
    secret,
    url,
    received,
    stop: async () => {
      await api(options, 'DELETE', `/v1/webhook_endpoints/${endpointId}`).catch(() => undefined);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function failNotReady(): never {
  throw new Error('not registered yet');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function forward(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(url, { method: 'POST', body, headers: { ...headers, 'content-type': 'application/json' }, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  await response.arrayBuffer();
  return response.status;
}

async function api(options: WebhookListenerOptions, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${options.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${options.secretKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'forward-to': { type: 'string' }, api: { type: 'string' }, key: { type: 'string' }, events: { type: 'string' } } });
  const secretKey = values.key ?? process.env.PAYMENTS_SECRET_KEY;
  if (!secretKey) {
    process.stderr.write('usage: npm run webhooks:listen -- --key sk_test_… [--forward-to http://localhost:4242/webhook] [--events payment.*,refund.*] [--api http://127.0.0.1:5000]  (or set PAYMENTS_SECRET_KEY; `npm start` prints a test key)\n');
    process.exit(2);
  }
  const apiUrl = values.api ?? `http://127.0.0.1:${portsFromFirebaseJson().api}`;
  const listener = await startWebhookListener({ apiUrl, secretKey, forwardTo: values['forward-to'], events: values.events?.split(',').map((e) => e.trim()) });
  const stop = () => void listener.stop().finally(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`webhooks:listen failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
