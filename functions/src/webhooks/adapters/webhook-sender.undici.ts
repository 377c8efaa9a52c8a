import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, errors, request } from 'undici';
import type { WebhookRequest, WebhookResponse, WebhookSender } from '../application/webhook-sender';
import { addressRefusal, hostOf, urlRefusal } from '../domain/destination-policy';

/** The answer's body is read to at most this many bytes; the rest is never downloaded. */
const MAX_BODY_BYTES = 1024;

class AddressRefusedError extends Error {}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The connection goes only to an address the destination policy accepts for the mode: the policy runs inside
 * the socket's own DNS lookup, on the very addresses it will connect to (no window for DNS rebinding between a
 * check and the call). An IP literal never reaches a lookup, so it is checked before the request.
 */
export function guardedLookup(livemode: boolean) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.find((a) => addressRefusal(a.address, livemode) !== null);
      if (refused || addresses.length === 0) return callback(new AddressRefusedError(`${hostname} resolves to a refused address`) as NodeJS.ErrnoException, []);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** One POST per attempt with undici: no redirect followed (a 3xx is the answer), a hard timeout, at most 1 KB of the body read. */
export class UndiciWebhookSender implements WebhookSender {
  private readonly agents: Readonly<Record<'live' | 'test', Agent>>;

  constructor(private readonly options: { readonly timeoutMs: number }) {
    const agent = (livemode: boolean) => new Agent({ connect: { lookup: guardedLookup(livemode) as never, timeout: options.timeoutMs }, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs });
    this.agents = { live: agent(true), test: agent(false) };
  }

  async send(webhook: WebhookRequest): Promise<WebhookResponse> {
    const started = performance.now();
    const latencyMs = () => Math.round(performance.now() - started);
    const url = new URL(webhook.url);
    const host = hostOf(url);
    if (urlRefusal(url, webhook.livemode) || (isIP(host) && addressRefusal(host, webhook.livemode))) return { kind: 'not_answered', error: 'address_refused', latencyMs: 0 };
    try {
      const response = await request(url, {
        method: 'POST',
        headers: webhook.headers,
        body: webhook.body,
        dispatcher: this.agents[webhook.livemode ? 'live' : 'test'],
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const body = await readCapped(response.body, MAX_BODY_BYTES);
      return { kind: 'answered', statusCode: response.statusCode, body, latencyMs: latencyMs() };
    } catch (error) {
      return { kind: 'not_answered', error: errorKind(error), latencyMs: latencyMs() };
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.agents.live.close(), this.agents.test.close()]);
  }
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= maxBytes) break;
  }
  body.destroy();
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}

function errorKind(error: unknown): 'timeout' | 'connection_error' | 'address_refused' {
  const causes: unknown[] = [];
  // An abort arrives as a DOMException, which is not an Error instance: walk anything object-shaped.
  for (let e: unknown = error; typeof e === 'object' && e !== null && causes.length < 5; e = (e as { cause?: unknown }).cause) causes.push(e);
  if (causes.some((e) => e instanceof AddressRefusedError)) return 'address_refused';
  const timedOut = causes.some((e) => e instanceof errors.HeadersTimeoutError || e instanceof errors.BodyTimeoutError || e instanceof errors.ConnectTimeoutError || (e as { name?: string }).name === 'TimeoutError' || (e as { name?: string }).name === 'AbortError');
  return timedOut ? 'timeout' : 'connection_error';
}
