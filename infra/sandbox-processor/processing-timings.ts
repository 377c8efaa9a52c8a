import type { IncomingMessage, ServerResponse } from 'node:http';

/** One call as the processor saw it: from the request's arrival to the last byte of its answer. */
export interface ProcessingTiming {
  method: string;
  path: string;
  idempotency_key: string | null;
  status: number;
  ms: number;
}

/**
 * Sandbox only: how long each `/v1` call spent inside the processor, so a benchmark can subtract the
 * processor's share from a payment's latency (`GET /__admin/timings`). Bounded: the oldest calls go first.
 */
export class ProcessingTimings {
  private calls: ProcessingTiming[] = [];

  constructor(private readonly limit = 100_000) {}

  observe(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    if (!path.startsWith('/v1/')) return;
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      if (this.calls.length >= this.limit) this.calls = this.calls.slice(this.limit / 2);
      this.calls.push({ method: req.method ?? 'GET', path, idempotency_key: (typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null), status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 });
    });
  }

  list(): ProcessingTiming[] {
    return [...this.calls];
  }

  clear(): void {
    this.calls = [];
  }
}
