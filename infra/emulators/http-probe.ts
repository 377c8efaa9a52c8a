import { request } from 'node:http';

export interface HttpResult {
  status: number;
  body: string;
}

/**
 * Minimal HTTP call without connection pooling (agent: false), so readiness polling never leaves
 * keep-alive sockets behind that would hold a test runner open. Resolves undefined on any
 * network error or timeout: "not reachable yet" is an expected state while an emulator boots.
 */
export function httpCall(method: string, url: string, timeoutMs: number): Promise<HttpResult | undefined> {
  return new Promise((resolve) => {
    const req = request(url, { method, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => resolve(undefined));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });
}
