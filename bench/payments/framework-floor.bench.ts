import type { BenchRow } from '../bench-row';
import { coresBusy, cpuSnapshot } from './process-cpu';

/**
 * What one function invocation costs before any business logic: a request the merchant API refuses at
 * once (no key: 401, nothing read or written) still goes through the HTTP server, express, body
 * parsing, the Functions Framework's per-request domain, the API shell and one log line. A payment
 * needs four invocations and two event pushes on top of its real work, so this is its floor.
 */
export async function measureFrameworkFloor(apiUrl: string, options: { requests: number; concurrency: number }): Promise<BenchRow[]> {
  let next = 0;
  const statuses = new Map<number, number>();
  const worker = async () => {
    while (next < options.requests) {
      next += 1;
      const response = await fetch(`${apiUrl}/v1/payments/pay_floor`, { signal: AbortSignal.timeout(15_000) });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker)); // warm-up
  next = 0;
  statuses.clear();
  const before = cpuSnapshot();
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cores = coresBusy(before, cpuSnapshot(), seconds);
  const functionsCores = Object.entries(cores)
    .filter(([name]) => name.startsWith('functions'))
    .reduce((sum, [, busy]) => sum + busy, 0);
  const perRequestMs = (functionsCores * seconds * 1000) / options.requests;
  const refused = statuses.get(401) ?? 0;
  return [
    { metric: `framework floor: a request refused at once (401), ${options.concurrency} in flight`, value: Math.round(options.requests / seconds), unit: `requests/s (${refused} of ${options.requests} answered 401)` },
    { metric: 'framework floor: functions CPU per request', value: Math.round(perRequestMs * 100) / 100, unit: 'ms' },
  ];
}
