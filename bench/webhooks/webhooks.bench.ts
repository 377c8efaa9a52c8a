import { appendFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { startLocalStack } from '../../infra/local/local-stack';
import { createMerchantWithKey } from '../../infra/scripts/create-merchant';
import { firestore } from '../../functions/src/platform/adapters/firestore-client';
import type { BenchRow } from '../bench-row';
import { CompletionWatcher } from '../payments/completion-watcher';
import { percentile } from '../payments/payment-chain.bench';

export interface WebhooksBenchOptions {
  /** Payments per phase. */
  readonly payments: number;
  readonly concurrency: number;
  readonly merchants: number;
  readonly onProgress?: (step: string) => void;
}

interface Merchant {
  readonly id: string;
  readonly key: string;
  readonly endpoints: string[];
}

/** Receipts at the merchants' servers: path → event id → epoch ms; `/fail` answers 500, `/hang` never answers within 10 s. */
class Receivers {
  readonly receipts: Array<{ path: string; paymentId: string; atEpochMs: number }> = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void readBody(req).then((body) => {
        const atEpochMs = performance.timeOrigin + performance.now();
        if (req.url?.startsWith('/fail')) return void res.writeHead(500).end('failing on purpose');
        if (req.url?.startsWith('/hang')) return void setTimeout(() => res.writeHead(200).end(), 11_000).unref();
        const event = JSON.parse(body) as { type: string; data: { object: { id: string } } };
        if (event.type === 'payment.succeeded') this.receipts.push({ path: req.url ?? '', paymentId: event.data.object.id, atEpochMs });
        res.writeHead(200).end();
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function api(apiUrl: string, key: string, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${apiUrl}${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const answer = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** `payments` payments, `concurrency` in flight, round-robin over the merchants: create sent → succeeded committed, per payment. */
async function runPhase(apiUrl: string, merchants: readonly Merchant[], options: WebhooksBenchOptions, watcher: CompletionWatcher): Promise<{ chainMs: number[]; committedAt: Map<string, number>; startedEpochMs: number }> {
  const chainMs: number[] = [];
  const committedAt = new Map<string, number>();
  const startedEpochMs = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < options.payments) {
      const merchant = merchants[next++ % merchants.length];
      const sentEpochMs = performance.timeOrigin + performance.now();
      const created = await api(apiUrl, merchant.key, 'POST', '/v1/payments', { amount: 1_000 + (next % 500), currency: 'usd', payment_method: `pm_card_visa_us_wh${next}` });
      const outcome = await watcher.wait(created.id, 60_000);
      if (!outcome || outcome.status !== 'succeeded') continue;
      chainMs.push(outcome.committedAtEpochMs - sentEpochMs);
      committedAt.set(created.id, outcome.committedAtEpochMs);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { chainMs, committedAt, startedEpochMs };
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const round = (ms: number) => Math.round(ms * 10) / 10;

/** Receipt latency per healthy endpoint path prefix, from each payment's succeeded commit. */
function webhookLatencies(receivers: Receivers, committedAt: Map<string, number>, fromIndex: number): number[] {
  return receivers.receipts
    .slice(fromIndex)
    .filter((r) => committedAt.has(r.paymentId) && r.path.startsWith('/ok'))
    .map((r) => r.atEpochMs - committedAt.get(r.paymentId)!);
}

/**
 * Issue 10's benchmark on the whole local stack (every gate on): the payment chain without and with webhooks
 * (3 endpoints per merchant), commit → receipt latency and deliveries per second, and the healthy endpoints'
 * latency when each merchant also has one endpoint answering 500 and one hanging past the 10 s timeout.
 */
export async function runWebhooksBench(options: WebhooksBenchOptions): Promise<{ rows: BenchRow[] }> {
  const progress = options.onProgress ?? (() => undefined);
  const receivers = new Receivers();
  await receivers.start();
  const stack = await startLocalStack({ ports: 'free', onProgress: progress, onFunctionsLog: (line) => (process.env.WEBHOOKS_BENCH_LOG ? appendFileSync(process.env.WEBHOOKS_BENCH_LOG, line + '\n') : undefined) });
  const watcher = new CompletionWatcher(firestore());
  try {
    const merchants: Merchant[] = [];
    for (let i = 0; i < options.merchants; i++) {
      const { merchantId, secretKey } = await createMerchantWithKey(`Webhooks bench ${i}`);
      merchants.push({ id: merchantId, key: secretKey, endpoints: [] });
    }
    // warm-up: every function once
    await runPhase(stack.apiUrl, merchants, { ...options, payments: options.concurrency }, watcher);

    progress(`webhooks bench: ${options.payments} payments without webhooks`);
    const off = await runPhase(stack.apiUrl, merchants, options, watcher);

    for (const merchant of merchants) {
      for (let n = 0; n < 3; n++) {
        const endpoint = await api(stack.apiUrl, merchant.key, 'POST', '/v1/webhook_endpoints', { url: `${receivers.url}/ok/${merchant.id}/${n}`, enabled_events: ['payment.succeeded'] });
        merchant.endpoints.push(endpoint.id);
      }
    }
    progress(`webhooks bench: ${options.payments} payments, 3 endpoints per merchant`);
    const onFrom = receivers.receipts.length;
    const on = await runPhase(stack.apiUrl, merchants, options, watcher);
    await waitFor(() => webhookLatencies(receivers, on.committedAt, onFrom).length >= on.committedAt.size * 3, 30_000);
    const onLatency = sorted(webhookLatencies(receivers, on.committedAt, onFrom));
    const onReceipts = receivers.receipts.slice(onFrom).filter((r) => on.committedAt.has(r.paymentId));
    const onSeconds = (Math.max(...onReceipts.map((r) => r.atEpochMs)) - on.startedEpochMs) / 1000;

    // The same at one payment in flight: the pipeline's own latency, without the CPU the 16 chains take.
    progress('webhooks bench: 20 payments one at a time');
    const serialFrom = receivers.receipts.length;
    const serial = await runPhase(stack.apiUrl, merchants, { ...options, payments: 20, concurrency: 1 }, watcher);
    await waitFor(() => webhookLatencies(receivers, serial.committedAt, serialFrom).length >= serial.committedAt.size * 3, 30_000);
    const serialLatency = sorted(webhookLatencies(receivers, serial.committedAt, serialFrom));

    // One endpoint per merchant now answers 500, another hangs past the timeout; the third stays healthy.
    for (const merchant of merchants) {
      await api(stack.apiUrl, merchant.key, 'POST', `/v1/webhook_endpoints/${merchant.endpoints[1]}`, { url: `${receivers.url}/fail/${merchant.id}` });
      await api(stack.apiUrl, merchant.key, 'POST', `/v1/webhook_endpoints/${merchant.endpoints[2]}`, { url: `${receivers.url}/hang/${merchant.id}` });
    }
    progress(`webhooks bench: ${options.payments} payments, one endpoint failing and one hanging per merchant`);
    const faultFrom = receivers.receipts.length;
    const faulty = await runPhase(stack.apiUrl, merchants, options, watcher);
    await waitFor(() => webhookLatencies(receivers, faulty.committedAt, faultFrom).length >= faulty.committedAt.size, 30_000);
    const faultyLatency = sorted(webhookLatencies(receivers, faulty.committedAt, faultFrom));

    const offP50 = percentile(sorted(off.chainMs), 50);
    const onP50 = percentile(sorted(on.chainMs), 50);
    const p99On = percentile(onLatency, 99);
    const p99Faulty = percentile(faultyLatency, 99);
    return {
      rows: [
        { metric: `payment chain p50, webhooks off (${options.concurrency} in flight)`, value: round(offP50), unit: 'ms' },
        { metric: 'payment chain p50, webhooks on (3 endpoints per merchant)', value: round(onP50), unit: 'ms', target: '<= +10 % of off', pass: onP50 <= offP50 * 1.1 },
        { metric: 'webhook commit -> receipt p50', value: round(percentile(onLatency, 50)), unit: 'ms', target: '<= 150 ms', pass: percentile(onLatency, 50) <= 150 },
        { metric: 'webhook commit -> receipt p99', value: round(p99On), unit: 'ms' },
        { metric: 'webhook commit -> receipt p50, one payment in flight', value: round(percentile(serialLatency, 50)), unit: 'ms', target: '<= 150 ms', pass: percentile(serialLatency, 50) <= 150 },
        { metric: 'webhook deliveries per second (3 endpoints per merchant)', value: round(onReceipts.length / onSeconds), unit: 'per s' },
        { metric: 'healthy endpoint p50 beside a failing and a hanging one', value: round(percentile(faultyLatency, 50)), unit: 'ms' },
        { metric: 'healthy endpoint p99 beside a failing and a hanging one', value: round(p99Faulty), unit: 'ms', target: 'within +-10 % of the p99 above', pass: p99Faulty <= p99On * 1.1 },
        { metric: 'healthy endpoint receipts beside failing ones / expected', value: faultyLatency.length / Math.max(1, faulty.committedAt.size), unit: 'ratio', target: '1', pass: faultyLatency.length >= faulty.committedAt.size },
      ],
    };
  } finally {
    watcher.close();
    await stack.stop();
    await receivers.stop();
  }
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}
