import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import type { FaultCounter } from './fault-counter';
import type { Prng } from './prng';

/**
 * Sits between the functions and the sandbox processor and misbehaves like a network and a processor
 * on a bad day, each decision drawn from the seeded generator:
 * - timeout_after_success: the processor acts, the answer never arrives (the client times out);
 * - burst_5xx: a run of 503s, the processor untouched;
 * - conflict_409: 409 "idempotency key in use", the processor untouched;
 * - reset_before / reset_after: the connection is cut before the request reaches the processor, or
 *   after it acted;
 * - slow: the answer arrives late but within the client's timeout.
 * The sandbox processor itself stays honest (it records every money movement), so the auditor can
 * compare what really happened with what the backend believes.
 */
export interface ProcessorFaultRates {
  timeoutAfterSuccess: number;
  burst5xx: number;
  conflict409: number;
  resetBefore: number;
  resetAfter: number;
  slow: number;
}

export const DEFAULT_PROCESSOR_FAULT_RATES: ProcessorFaultRates = {
  timeoutAfterSuccess: 0.02,
  burst5xx: 0.008,
  conflict409: 0.015,
  resetBefore: 0.015,
  resetAfter: 0.015,
  slow: 0.06,
};

/**
 * Bugs the proxy can play for the end-to-end demonstration that the auditor catches a broken backend
 * (`--inject-bug`). They live here, outside the functions, so no production code path can be switched
 * into a bug.
 * - duplicate-refund: every refund is also sent with a second idempotency key, as a backend that
 *   retried a refund under a fresh key would: the processor moves the money twice, the ledger once.
 */
export type InjectedBug = 'duplicate-refund';

export interface ProcessorFaultProxy {
  url: string;
  close(): Promise<void>;
}

export async function startProcessorFaultProxy(options: {
  upstreamUrl: string;
  prng: Prng;
  rates: ProcessorFaultRates;
  faults: FaultCounter;
  /** Longer than the functions' processor timeout, so a held answer is a timeout to them. */
  holdMs: number;
  bug?: InjectedBug;
}): Promise<ProcessorFaultProxy> {
  const { prng, rates, faults } = options;
  const pool = new Agent({ connections: 64, keepAliveTimeout: 10_000 });
  let burstLeft = 0;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  const forward = async (req: IncomingMessage, body: Buffer, headers: Record<string, string> = {}) => {
    const forwarded: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) forwarded[name] = value;
    const response = await request(`${options.upstreamUrl}${req.url}`, { method: req.method as 'GET' | 'POST', headers: { ...forwarded, ...headers }, body: req.method === 'GET' ? undefined : body, dispatcher: pool });
    return { status: response.statusCode, contentType: String(response.headers['content-type'] ?? 'application/json'), body: Buffer.from(await response.body.arrayBuffer()) };
  };

  const answer = (res: ServerResponse, status: number, contentType: string, body: Buffer | string) => {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const path = (req.url ?? '/').split('?')[0];
    // The auditor's read of the processor's movements, and anything after the workload, passes untouched.
    const faultable = faults.enabled && path !== '/v1/movements' && !path.startsWith('/__admin');
    if (faultable && burstLeft === 0 && prng.chance(rates.burst5xx)) {
      burstLeft = prng.int(3, 8);
      faults.add('processor_5xx_burst');
    }
    if (faultable && burstLeft > 0) {
      burstLeft -= 1;
      faults.add('processor_503');
      return answer(res, 503, 'application/json', JSON.stringify({ error: { code: 'processor_unavailable', message: 'Injected by the simulation' } }));
    }
    const kind = faultable ? pickFault(prng, rates) : 'none';
    if (kind !== 'none') faults.add(`processor_${kind}`);
    if (kind === 'conflict_409') return answer(res, 409, 'application/json', JSON.stringify({ error: { code: 'idempotency_key_in_use', message: 'Injected by the simulation' } }));
    if (kind === 'reset_before') return void req.socket.destroy();
    if (kind === 'slow') await new Promise<void>((resolve) => later(prng.int(100, 600), resolve));
    if (options.bug === 'duplicate-refund' && req.method === 'POST' && path === '/v1/refunds') {
      await forward(req, body, { 'idempotency-key': `${String(req.headers['idempotency-key'])}_again` }).catch(() => undefined);
    }
    const upstream = await forward(req, body);
    if (kind === 'reset_after') return void req.socket.destroy();
    if (kind === 'timeout_after_success') return later(options.holdMs, () => req.socket.destroy());
    answer(res, upstream.status, upstream.contentType, upstream.body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch(() => {
        // The sandbox itself is unreachable: the network's answer.
        if (!res.headersSent) req.socket.destroy();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.destroy();
    },
  };
}

type FaultKind = 'none' | 'timeout_after_success' | 'conflict_409' | 'reset_before' | 'reset_after' | 'slow';

function pickFault(prng: Prng, rates: ProcessorFaultRates): FaultKind {
  let roll = prng.next();
  const kinds: Array<[FaultKind, number]> = [
    ['timeout_after_success', rates.timeoutAfterSuccess],
    ['conflict_409', rates.conflict409],
    ['reset_before', rates.resetBefore],
    ['reset_after', rates.resetAfter],
    ['slow', rates.slow],
  ];
  for (const [kind, rate] of kinds) {
    if (roll < rate) return kind;
    roll -= rate;
  }
  return 'none';
}
