import http from 'node:http';
import { CloudTasksClient } from '@google-cloud/tasks';
import { startCloudTasksEmulator, type RunningCloudTasksEmulator } from './cloud-tasks-emulator';
import { cloudTasksEmulatorClientOptions } from './emulator-client-options';
import type { LogLine } from './emulator-types';

/** Test support: a real CloudTasksClient, the emulator, and a loopback HTTP receiver. */

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  receivedAtMs: number;
}

type Responder = (request: ReceivedRequest, res: http.ServerResponse) => void;

/** Promise-based waiting on things that accumulate (requests, log lines). */
class Recorder<T> {
  readonly items: T[] = [];
  private waiters: Array<{ match: (item: T) => boolean; count: number; resolve: (items: T[]) => void }> = [];

  add(item: T): void {
    this.items.push(item);
    this.waiters = this.waiters.filter((w) => !this.settle(w));
  }

  /** Resolves with the matching items once there are at least `count` of them. */
  waitFor(match: (item: T) => boolean, count = 1): Promise<T[]> {
    return new Promise((resolve) => {
      const waiter = { match, count, resolve };
      if (!this.settle(waiter)) this.waiters.push(waiter);
    });
  }

  private settle(w: { match: (item: T) => boolean; count: number; resolve: (items: T[]) => void }): boolean {
    const matching = this.items.filter(w.match);
    if (matching.length < w.count) return false;
    w.resolve(matching);
    return true;
  }
}

export class Receiver {
  readonly requests = new Recorder<ReceivedRequest>();
  /** Per-path responders; the default answers 200. */
  readonly responders = new Map<string, Responder>();
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAtMs: Date.now(),
      };
      const responder = this.responders.get(received.path);
      if (responder) responder(received, res);
      else res.end('ok');
      this.requests.add(received);
    });
  });
  port = 0;

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  on(path: string): Promise<ReceivedRequest[]> {
    return this.requests.waitFor((r) => r.path === path);
  }

  received(path: string): ReceivedRequest[] {
    return this.requests.items.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export const LOCATION = 'projects/demo/locations/local';
let queueCounter = 0;

export class EmulatorHarness {
  readonly receiver = new Receiver();
  readonly logs = new Recorder<LogLine>();
  emulator!: RunningCloudTasksEmulator;
  client!: CloudTasksClient;

  constructor(private readonly dedupWindowMs?: number) {}

  async start(): Promise<void> {
    await this.receiver.start();
    this.emulator = await startCloudTasksEmulator({ port: 0, dedupWindowMs: this.dedupWindowMs, log: (l) => this.logs.add(l) });
    this.client = new CloudTasksClient(cloudTasksEmulatorClientOptions(this.emulator.host, this.emulator.port));
  }

  async stop(): Promise<void> {
    await this.client.close();
    await this.emulator.close();
    await this.receiver.stop();
  }

  /** Creates a queue with a unique name; small backoffs keep retry tests fast. */
  async queue(settings: { maxAttempts?: number; maxConcurrentDispatches?: number } = {}): Promise<string> {
    const name = `${LOCATION}/queues/q${++queueCounter}-${process.pid}`;
    await this.client.createQueue({
      parent: LOCATION,
      queue: {
        name,
        retryConfig: { maxAttempts: settings.maxAttempts, minBackoff: { nanos: 1e6 }, maxBackoff: { nanos: 5e6 } },
        rateLimits: { maxConcurrentDispatches: settings.maxConcurrentDispatches },
      },
    });
    return name;
  }

  waitForLog(event: string, task: string): Promise<LogLine[]> {
    return this.logs.waitFor((l) => l.event === event && l.task === task);
  }
}

/** The gRPC status code of a rejected call. */
export async function grpcCode(call: Promise<unknown>): Promise<number | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return (error as { code?: number }).code;
  }
}

export function secondsFromNow(ms: number): { seconds: number; nanos: number } {
  const at = Date.now() + ms;
  return { seconds: Math.floor(at / 1000), nanos: (at % 1000) * 1e6 };
}
