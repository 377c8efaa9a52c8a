import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { parseJson, readBody, sendJson } from '../sandbox-processor/http-json';
import { IdempotencyStore } from '../sandbox-processor/idempotency.store';
import { resolveTestToken } from '../sandbox-processor/test-card-tokens';

// The platform's card vault, sandboxed: payment methods are the platform's tokens, not a processor's, so
// a payment can go to either processor. It describes a token (brand, last four, country, fingerprint) and
// issues new ones for a distinct test card. It never holds a card number: tokens name test cards, and the
// processors' sandboxes resolve the same tokens (as network tokens would be).

export interface SandboxVaultOptions {
  host?: string;
  port?: number;
  /** Which side this instance plays: it accepts only `vk_<mode>_` keys and declares `livemode` accordingly. */
  mode?: 'test' | 'live';
}

export interface SandboxVault {
  url: string;
  port: number;
  mode: 'test' | 'live';
  close(): Promise<void>;
}

const IssueBody = z.object({ type: z.literal('card'), card: z.object({ brand: z.enum(['visa', 'mastercard', 'amex']), country: z.string().regex(/^[a-z]{2}$/) }).strict() }).strict();
const error = (code: string, message: string) => ({ error: { code, message } });

export async function startSandboxVault(opts: SandboxVaultOptions = {}): Promise<SandboxVault> {
  const mode = opts.mode ?? 'test';
  const live = mode === 'live';
  const idempotency = new IdempotencyStore();

  const describe = (token: string) => {
    const card = resolveTestToken(token);
    if (!card) return null;
    // The sandbox's word on test risk reaches only test mode, as the processors' does.
    return { id: token, object: 'payment_method', type: 'card', token, card: card.card, ...(!live && card.testRisk ? { test_risk: card.testRisk } : {}), livemode: live };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://vault');
    const key = /^Bearer (vk_(test|live)_\S+)$/.exec(req.headers.authorization ?? '');
    if (!key) return sendJson(res, 401, error('missing_api_key', 'Send Authorization: Bearer vk_test_… or vk_live_…'));
    if (key[2] !== mode) return sendJson(res, 403, error('livemode_mismatch', `This is the ${mode}-mode vault`));
    const one = /^\/v1\/payment_methods\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && one) {
      const method = describe(decodeURIComponent(one[1]!));
      return method ? sendJson(res, 200, method) : sendJson(res, 404, error('resource_not_found', 'No such payment method'));
    }
    if (req.method === 'POST' && url.pathname === '/v1/payment_methods') {
      const raw = await readBody(req);
      const body = raw.ok ? parseJson(raw.text) : ({ ok: false } as const);
      if (!body.ok) return sendJson(res, 400, error('invalid_request', 'Body is not JSON'));
      const input = IssueBody.safeParse(body.value);
      if (!input.success) return sendJson(res, 400, error('invalid_request', input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')));
      const idempotencyKey = req.headers['idempotency-key'];
      const earlier = typeof idempotencyKey === 'string' ? idempotency.lookup(idempotencyKey, 'POST', url.pathname, body.value) : ({ kind: 'new' } as const);
      if (earlier.kind === 'replay') return sendJson(res, earlier.response.status, earlier.response.body);
      if (earlier.kind === 'mismatch') return sendJson(res, 422, error('idempotency_mismatch', 'Idempotency-Key was already used with another request'));
      // A suffix makes a distinct card (its own fingerprint) of that brand and country.
      const token = `pm_card_${input.data.card.brand}_${input.data.card.country}_${randomBytes(6).toString('hex')}`;
      const response = { status: 201, body: describe(token) };
      if (typeof idempotencyKey === 'string') idempotency.remember(idempotencyKey, 'POST', url.pathname, body.value, response);
      return sendJson(res, response.status, response.body);
    }
    return sendJson(res, 404, error('route_not_found', `No route ${req.method} ${url.pathname}`));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => sendJson(res, 500, error('internal_error', String(e))));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    mode,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
