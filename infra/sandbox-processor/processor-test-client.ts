// Small fetch wrapper shared by the sandbox processor's tests.
import { randomUUID } from 'node:crypto';

export interface JsonReply {
  status: number;
  // Loosely typed on purpose: tests poke at arbitrary response fields.
  body: any;
}

export interface PostOptions {
  key?: string | null;
  signal?: AbortSignal;
  rawBody?: string;
  /** Overrides the client's API key for this request; null sends none. */
  apiKey?: string | null;
}

export class ProcessorTestClient {
  // The key's prefix carries the mode; the sandbox refuses money-moving POSTs without one.
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey = 'sk_test_sandbox',
  ) {}

  async post(path: string, body: unknown, options: PostOptions = {}): Promise<JsonReply> {
    const key = options.key === undefined ? randomUUID() : options.key;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (key !== null) headers['idempotency-key'] = key;
    const apiKey = options.apiKey === undefined ? this.apiKey : options.apiKey;
    if (apiKey !== null) headers.authorization = `Bearer ${apiKey}`;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers,
      body: options.rawBody ?? JSON.stringify(body),
      signal: options.signal,
    });
    return { status: response.status, body: await response.json() };
  }

  async get(path: string): Promise<JsonReply> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: { authorization: `Bearer ${this.apiKey}` } });
    return { status: response.status, body: await response.json() };
  }

  async request(method: string, path: string): Promise<JsonReply> {
    const response = await fetch(`${this.baseUrl}${path}`, { method });
    return { status: response.status, body: await response.json() };
  }

  authorize(token: string, amount = 1000, options: PostOptions = {}): Promise<JsonReply> {
    return this.post('/v1/authorizations', { token, amount, currency: 'usd' }, options);
  }

  capture(authorizationId: string, amount: number, options: PostOptions = {}): Promise<JsonReply> {
    return this.post(`/v1/authorizations/${authorizationId}/capture`, { amount }, options);
  }

  void(authorizationId: string, options: PostOptions = {}): Promise<JsonReply> {
    return this.post(`/v1/authorizations/${authorizationId}/void`, {}, options);
  }

  refund(captureId: string, amount: number, options: PostOptions = {}): Promise<JsonReply> {
    return this.post('/v1/refunds', { capture: captureId, amount }, options);
  }

  async movements(): Promise<Array<{ id: string; type: string; amount: number; authorization: string; idempotency_key: string }>> {
    return (await this.get('/v1/movements')).body.data;
  }

  /** Scripts the next matching POST's answer (see README: fault injection). */
  fault(spec: { path?: string; idempotency_key?: string; status: number; code: string; times?: number; after_processing?: boolean }): Promise<JsonReply> {
    return this.post('/__admin/faults', spec, { key: null, apiKey: null });
  }

  reset(): Promise<JsonReply> {
    return this.post('/__admin/reset', {}, { key: null });
  }
}
