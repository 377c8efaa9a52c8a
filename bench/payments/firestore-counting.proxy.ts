import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { collectionOf, GrpcMessageSplitter, topLevelFields } from './grpc-frames';

/**
 * The Firestore emulator exposes no read/write metrics, so the functions are pointed at this h2c
 * proxy in front of it. It forwards every gRPC call untouched and counts what Firestore would bill:
 * writes in successful Commit/BatchWrite calls (per collection) and documents returned by
 * BatchGetDocuments (found and missing) and RunQuery.
 */
export interface FirestoreCounts {
  writes: number;
  writesByCollection: Record<string, number>;
  readsFound: number;
  readsMissing: number;
  queryDocuments: number;
  commits: number;
  failedCommits: number;
  rpcs: Record<string, number>;
}

export interface FirestoreCountingProxy {
  hostPort: string;
  snapshot(): FirestoreCounts;
  close(): Promise<void>;
}

const emptyCounts = (): FirestoreCounts => ({ writes: 0, writesByCollection: {}, readsFound: 0, readsMissing: 0, queryDocuments: 0, commits: 0, failedCommits: 0, rpcs: {} });

/** Document names touched by a Commit/BatchWrite request (field 2 holds the writes). */
function writtenDocuments(request: Buffer): string[] {
  const names: string[] = [];
  for (const write of topLevelFields(request).filter((f) => f.field === 2)) {
    for (const part of topLevelFields(write.bytes)) {
      if (part.field === 1) names.push(topLevelFields(part.bytes).find((f) => f.field === 1)?.bytes.toString('utf8') ?? '?');
      else if (part.field === 2 || part.field === 6) names.push(part.field === 2 ? part.bytes.toString('utf8') : '?');
    }
  }
  return names;
}

/**
 * Simulation only (infra/simulation): a gRPC status code (10 ABORTED, 14 UNAVAILABLE) to answer a call
 * with, without forwarding it, as a transient Firestore failure; null forwards the call.
 */
export type FirestoreFaultInjector = (method: string) => number | null;

/**
 * Sees every gRPC message of every call the proxy forwards (`call` is one object per call, for state
 * such as the subscription a StreamingPull serves). The same proxy sits in front of the Pub/Sub and
 * Cloud Tasks emulators in the bench, where this counts messages published and delivered.
 */
export type GrpcObserver = (method: string, direction: 'request' | 'response', message: Buffer, call: Record<string, unknown>) => void;

export async function startFirestoreCountingProxy(upstreamHostPort: string, host = '127.0.0.1', injectFault?: FirestoreFaultInjector, observe?: GrpcObserver): Promise<FirestoreCountingProxy> {
  const counts = emptyCounts();
  const upstream = http2.connect(`http://${upstreamHostPort}`);
  upstream.on('error', () => undefined);
  const server = http2.createServer();
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });

  server.on('stream', (stream, headers) => {
    const path = String(headers[':path']);
    const method = path.slice(path.lastIndexOf('/') + 1);
    counts.rpcs[method] = (counts.rpcs[method] ?? 0) + 1;
    const injected = injectFault?.(method) ?? null;
    if (injected !== null) {
      // Trailers-only answer, as the server sends for an error before any message; nothing reached the emulator.
      stream.on('data', () => undefined);
      stream.on('error', () => undefined);
      stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': String(injected), 'grpc-message': 'injected by the simulation' }, { endStream: true });
      return;
    }
    const forwarded: http2.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(headers)) if (name !== ':authority' && name !== ':scheme') forwarded[name] = value;
    const up = upstream.request(forwarded);
    const staged: string[] = [];
    const call: Record<string, unknown> = {};
    const requestSplitter = new GrpcMessageSplitter((message) => {
      observe?.(method, 'request', message, call);
      if (method === 'Commit' || method === 'BatchWrite') staged.push(...writtenDocuments(message));
    });
    const responseSplitter = new GrpcMessageSplitter((message) => {
      observe?.(method, 'response', message, call);
      const fields = topLevelFields(message);
      if (method === 'BatchGetDocuments') {
        if (fields.some((f) => f.field === 1)) counts.readsFound += 1;
        if (fields.some((f) => f.field === 2)) counts.readsMissing += 1;
      } else if (method === 'RunQuery' && fields.some((f) => f.field === 1)) counts.queryDocuments += 1;
    });
    // A write is counted once the call reports grpc-status 0: aborted transactions wrote nothing.
    const settle = (status: unknown) => {
      if (method !== 'Commit' && method !== 'BatchWrite') return;
      if (String(status) !== '0') {
        counts.failedCommits += 1;
        return;
      }
      counts.commits += 1;
      for (const name of staged) {
        const collection = collectionOf(name);
        counts.writes += 1;
        counts.writesByCollection[collection] = (counts.writesByCollection[collection] ?? 0) + 1;
      }
    };

    stream.on('data', (chunk: Buffer) => {
      requestSplitter.push(chunk);
      up.write(chunk);
    });
    stream.on('end', () => up.end());
    stream.on('error', () => up.close(http2.constants.NGHTTP2_CANCEL));
    stream.on('close', () => {
      if (!up.closed) up.close(http2.constants.NGHTTP2_CANCEL);
    });
    let trailers: http2.IncomingHttpHeaders = {};
    up.on('response', (responseHeaders, flags) => {
      if (stream.closed) return;
      const endStream = (flags & http2.constants.NGHTTP2_FLAG_END_STREAM) !== 0;
      if (endStream) {
        // Trailers-only response (typically an error status): headers carry grpc-status.
        settle(responseHeaders['grpc-status']);
        stream.respond(responseHeaders, { endStream: true });
      } else stream.respond(responseHeaders, { waitForTrailers: true });
    });
    up.on('data', (chunk: Buffer) => {
      responseSplitter.push(chunk);
      if (!stream.closed) stream.write(chunk);
    });
    up.on('trailers', (received) => {
      trailers = received;
      settle(received['grpc-status']);
    });
    stream.on('wantTrailers', () => {
      const out: http2.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(trailers)) if (!name.startsWith(':')) out[name] = value;
      stream.sendTrailers(out);
    });
    up.on('end', () => {
      if (!stream.closed) stream.end();
    });
    up.on('error', () => {
      if (!stream.closed) stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    hostPort: `${host}:${port}`,
    snapshot: () => structuredClone(counts),
    close: async () => {
      for (const session of sessions) session.destroy();
      upstream.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** What happened between two snapshots. */
export function countsBetween(before: FirestoreCounts, after: FirestoreCounts): FirestoreCounts {
  const minus = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v - (b[k] ?? 0)]).filter(([, v]) => (v as number) > 0));
  return {
    writes: after.writes - before.writes,
    writesByCollection: minus(after.writesByCollection, before.writesByCollection),
    readsFound: after.readsFound - before.readsFound,
    readsMissing: after.readsMissing - before.readsMissing,
    queryDocuments: after.queryDocuments - before.queryDocuments,
    commits: after.commits - before.commits,
    failedCommits: after.failedCommits - before.failedCommits,
    rpcs: minus(after.rpcs, before.rpcs),
  };
}
