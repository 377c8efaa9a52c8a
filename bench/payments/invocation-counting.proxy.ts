import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Every function invocation of the local stack that is not an API call (Cloud Tasks dispatches, Pub/Sub
 * pushes, scheduled calls) goes to `<FUNCTIONS_BASE_URL>/<function-name>`; the bench points that URL at
 * this proxy and records each invocation: which function, how it was delivered, which payment it
 * served (the first `pay_…` id in its body, a push message's data decoded), when it started and ended.
 * Nothing about the chain is assumed: whatever functions it calls are what is counted.
 */
export type InvocationKind = 'task' | 'push' | 'other';

export interface Invocation {
  fn: string;
  kind: InvocationKind;
  /** The Cloud Tasks queue of a task dispatch, the subscription of a push. */
  source: string | null;
  paymentId: string | null;
  status: number;
  /** Epoch milliseconds (the wall clock the emulators' commit times and the driver use too). */
  startMs: number;
  endMs: number;
}

export interface InvocationCountingProxy {
  url: string;
  /** Invocations completed so far, in completion order. */
  invocations(): readonly Invocation[];
  close(): Promise<void>;
}

export const epochMs = (): number => Date.now();

const PAYMENT_ID = /pay_[A-Za-z0-9]+/;

/** How an invocation was delivered, and the payment it names, from its headers and body. */
export function describeInvocation(headers: http.IncomingHttpHeaders, body: string): { kind: InvocationKind; source: string | null; paymentId: string | null } {
  const queue = headers['x-cloudtasks-queuename'];
  if (typeof queue === 'string') return { kind: 'task', source: queue, paymentId: PAYMENT_ID.exec(body)?.[0] ?? null };
  try {
    const envelope = JSON.parse(body) as { message?: { data?: string; attributes?: Record<string, string> }; subscription?: string };
    if (envelope.message && typeof envelope.subscription === 'string') {
      const data = Buffer.from(envelope.message.data ?? '', 'base64').toString('utf8');
      const paymentId = PAYMENT_ID.exec(data)?.[0] ?? PAYMENT_ID.exec(JSON.stringify(envelope.message.attributes ?? {}))?.[0] ?? null;
      return { kind: 'push', source: envelope.subscription.slice(envelope.subscription.lastIndexOf('/') + 1), paymentId };
    }
  } catch {
    // Not JSON: neither a push nor (without the queue header) a task.
  }
  return { kind: 'other', source: null, paymentId: PAYMENT_ID.exec(body)?.[0] ?? null };
}

export async function startInvocationCountingProxy(upstreamUrl: string, host = '127.0.0.1'): Promise<InvocationCountingProxy> {
  const upstream = new URL(upstreamUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const seen: Invocation[] = [];
  const server = http.createServer((req, res) => {
    const startMs = epochMs();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = req.url ?? '/';
      const fn = path.split('/')[1]?.split('?')[0] ?? '';
      const described = describeInvocation(req.headers, body.toString('utf8'));
      const headers = { ...req.headers, host: upstream.host, 'content-length': String(body.length) };
      delete headers['transfer-encoding'];
      const forwarded = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path, headers, agent }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', () => seen.push({ fn, ...described, status: answer.statusCode ?? 0, startMs, endMs: epochMs() }));
      });
      forwarded.on('error', () => {
        seen.push({ fn, ...described, status: 502, startMs, endMs: epochMs() });
        if (!res.headersSent) res.writeHead(502).end();
        else res.destroy();
      });
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    invocations: () => seen,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
