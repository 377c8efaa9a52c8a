import * as grpc from '@grpc/grpc-js';
import { loadCloudTasksService } from './cloud-tasks-proto';
import { cloudTasksHandlers } from './cloud-tasks-service';
import type { DeliveryFaults } from './delivery-faults';
import type { EmulatorLog } from './emulator-types';
import { QueueStore } from './queue-store';
import { TaskDispatcher } from './task-dispatcher';

export { cloudTasksEmulatorClientOptions } from './emulator-client-options';
export type { EmulatorLog, LogLine } from './emulator-types';

export interface CloudTasksEmulatorOptions {
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** How long a named task's name stays reserved after it completes or is deleted. Default 1 hour. */
  dedupWindowMs?: number;
  /** Receives structured log lines (completions at DEBUG, failed attempts, dropped tasks). Default: non-DEBUG lines as JSON on stderr. */
  log?: EmulatorLog;
  /** Simulation only (infra/simulation): duplicated and reordered deliveries. Unset: none. */
  deliveryFaults?: DeliveryFaults;
}

export interface RunningCloudTasksEmulator {
  host: string;
  port: number;
  /** Stops dispatching, cancels timers and in-flight requests, and shuts the gRPC server down. */
  close(): Promise<void>;
}

export const DEFAULT_DEDUP_WINDOW_MS = 60 * 60_000;
/** How long close() lets in-progress RPCs finish before cutting them off. */
const GRACEFUL_SHUTDOWN_MS = 1000;

/** Per-task DEBUG lines (completions) would swamp stderr at benchmark rates, so the default skips them. */
const stderrLog: EmulatorLog = (line) => {
  if (line.severity !== 'DEBUG') process.stderr.write(`${JSON.stringify(line)}\n`);
};

function bind(server: grpc.Server, address: string): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
  );
}

function shutdown(server: grpc.Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.forceShutdown(), GRACEFUL_SHUTDOWN_MS);
    server.tryShutdown(() => {
      clearTimeout(force);
      resolve();
    });
  });
}

/** Starts an in-memory Cloud Tasks (v2) gRPC server that dispatches HTTP tasks with fetch. */
export async function startCloudTasksEmulator(opts: CloudTasksEmulatorOptions = {}): Promise<RunningCloudTasksEmulator> {
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? stderrLog;
  const store = new QueueStore(opts.dedupWindowMs ?? DEFAULT_DEDUP_WINDOW_MS);
  const dispatcher = new TaskDispatcher(store, log, Date.now, opts.deliveryFaults);
  const server = new grpc.Server();
  server.addService(loadCloudTasksService(), cloudTasksHandlers(store, dispatcher, log));
  // IPv6 literals need brackets in a gRPC address.
  const address = host.includes(':') ? `[${host}]:${opts.port ?? 0}` : `${host}:${opts.port ?? 0}`;
  const port = await bind(server, address);

  let closing: Promise<void> | undefined;
  return {
    host,
    port,
    close: () => (closing ??= Promise.all([dispatcher.close(), shutdown(server)]).then(() => undefined)),
  };
}
