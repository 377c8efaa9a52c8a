// A tiny merchant-API client for the emulator tests: the tests speak HTTP like any outside client.
import { eventually } from './eventually';

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export function apiClient(baseUrl: string, secretKey: string) {
  const call = async (method: string, path: string, options: { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Promise<ApiAnswer> => {
    const headers: Record<string, string> = { authorization: `Bearer ${secretKey}`, ...options.headers };
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // leave as text: a non-JSON answer is itself a failure the test will show
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };
  return {
    call,
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown, headers?: Record<string, string>) => call('POST', path, { body, headers }),
    /** Polls a payment until its status satisfies the predicate. */
    waitForPayment(id: string, done: (status: string) => boolean = (s) => s !== 'processing', timeoutMs = 30_000): Promise<any> {
      return eventually(
        async () => {
          const answer = await call('GET', `/v1/payments/${id}`);
          if (answer.status !== 200 || !done(answer.body.status)) throw new Error(`payment ${id} still ${answer.body?.status ?? answer.status} after ${timeoutMs} ms`);
          return answer.body;
        },
        { timeoutMs },
      );
    },
  };
}

export async function processorMovements(processorUrl: string): Promise<Array<{ type: string; authorization: string; amount: number; idempotency_key: string }>> {
  const response = await fetch(`${processorUrl}/v1/movements`);
  return ((await response.json()) as { data: any[] }).data;
}
