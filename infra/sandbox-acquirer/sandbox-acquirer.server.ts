import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { BankWebhookSender, type BankWebhookDelivery } from '../sandbox-bank/bank-webhook-sender';
import { parseJson, readBody, sendJson } from '../sandbox-processor/http-json';
import { IdempotencyStore, type StoredResponse } from '../sandbox-processor/idempotency.store';
import { disputeScenarioOf, resolveTestToken } from '../sandbox-processor/test-card-tokens';
import { acquirerDisputes } from './acquirer-disputes';
import { netByCurrency, settlementCsv, settlementRecords } from './acquirer-settlement';
import { dayBounds, payDayNet } from '../sandbox-processor/settlement-report';
import { AcquirerLedger, isRefusal, type EventCode, type Modification, type AcquirerPayment } from './acquirer-ledger';
import { authorisationView, cardSummaryOf, errorView, notificationOf, paymentView, receivedView } from './acquirer-views';
import { parseMajorUnits } from '../../functions/src/shared/major-units';

export interface SandboxAcquirerOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Which side this instance plays: it accepts only `ak_<mode>_` keys and declares `live` accordingly. */
  mode?: 'test' | 'live';
  /** Where signed notifications go (the platform's connector webhook), or a function asked at each one; unset: confirmed silently. */
  notificationUrl?: string | (() => string);
  /** `whsec_<base64>`: the Standard Webhooks secret notifications are signed with. */
  notificationSecret?: string;
  /** How long after accepting a capture, cancellation or refund the acquirer confirms it (default 300 ms). */
  confirmDelayMs?: number;
  /** How long pm_card_timeout_once holds its first answer. */
  hangMs?: number;
  /** How many attempts per idempotency key pm_card_processor_error fails with 500 before approving. */
  errorAttempts?: number;
  /** After a dispute token's capture is confirmed, how long until its dispute opens (default 2 s). */
  disputeDelayMs?: number;
  /** After a defence, how long until the outcome (default 1 s). */
  disputeOutcomeDelayMs?: number;
  /** The platform's sandbox bank of the same mode: pulling a day's settlement report pays its net there (ea_<date>_<currency>). */
  bankUrl?: string;
}

export interface SandboxAcquirer {
  url: string;
  port: number;
  mode: 'test' | 'live';
  ledger: AcquirerLedger;
  /** Every notification it has sent, with its delivery attempts (a receiver that answered non-2xx got it again). */
  notifications: readonly BankWebhookDelivery[];
  /** Stops listening (new connections are refused, open ones dropped) or listens again on the same port: a host that is down. */
  setDown(down: boolean): Promise<void>;
  close(): Promise<void>;
}

const Amount = z.object({ value: z.string(), currency: z.string() });
const AuthoriseBody = z.object({ merchantReference: z.string().min(1).max(80), amount: Amount, paymentMethod: z.object({ type: z.literal('token'), token: z.string().min(1).max(200) }) });
const ModificationBody = z.object({ merchantReference: z.string().min(1).max(80), amount: Amount.optional() });
const MODIFICATION = /^\/api\/v2\/payments\/([A-Z0-9]+)\/(captures|cancels|refunds)$/;
const EVENT_CODES: Record<string, EventCode> = { captures: 'CAPTURE', cancels: 'CANCELLATION', refunds: 'REFUND' };

/** Starts the sandbox European acquirer: a second card processor with an API shape of its own (infra/sandbox-acquirer/README.md). */
export async function startSandboxAcquirer(opts: SandboxAcquirerOptions = {}): Promise<SandboxAcquirer> {
  const mode = opts.mode ?? 'test';
  const live = mode === 'live';
  const ledger = new AcquirerLedger(Date.now);
  const idempotency = new IdempotencyStore();
  const sender = new BankWebhookSender({ secret: opts.notificationSecret ?? `whsec_${randomBytes(24).toString('base64')}`, retryDelayMs: 200, maxRetryDelayMs: 5_000, maxAttempts: 40 });
  const faults: Array<{ status: number; errorCode: string; path?: string; times: number }> = [];
  const sockets = new Set<Socket>();
  const held = new Set<NodeJS.Timeout>();
  let outage = false;

  const disputes = acquirerDisputes({ sender, live, notificationUrl: opts.notificationUrl, disputeDelayMs: opts.disputeDelayMs, disputeOutcomeDelayMs: opts.disputeOutcomeDelayMs });

  const confirmLater = (eventCode: EventCode, payment: AcquirerPayment, modification: Modification): void => {
    sender.later(() => {
      ledger.confirm(modification);
      if (eventCode === 'CAPTURE') disputes.captureConfirmed(payment, modification);
      const url = typeof opts.notificationUrl === 'function' ? opts.notificationUrl() : opts.notificationUrl;
      if (url) sender.send(url, notificationOf(`ntf_${randomBytes(8).toString('hex')}`, eventCode, payment, modification, live, Date.now()));
    }, opts.confirmDelayMs ?? 300);
  };

  const authorise = (body: unknown, key: string): StoredResponse => {
    const input = AuthoriseBody.safeParse(body);
    if (!input.success) return { status: 422, body: errorView(422, '14_000', input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')) };
    const amount = parseMajorUnits(input.data.amount.value, input.data.amount.currency);
    if (amount === null || amount <= 0) return { status: 422, body: errorView(422, '14_001', 'Invalid amount: a positive value with the currency\'s exact decimals') };
    const card = resolveTestToken(input.data.paymentMethod.token);
    if (!card) return { status: 422, body: errorView(422, '14_002', 'Unknown card token') };
    if (card.behaviour.kind === 'processor_error' && idempotency.countAttempt(key) <= (opts.errorAttempts ?? 3)) return { status: 500, body: errorView(500, '50_000', 'Internal error; retry') };
    const refusal = card.behaviour.kind === 'decline' ? card.behaviour.declineCode : null;
    const payment = ledger.authorise({ merchantReference: input.data.merchantReference, amount, currency: input.data.amount.currency.toLowerCase(), card: card.card, refusal, dispute: disputeScenarioOf(card.token) ?? null });
    return { status: 200, body: authorisationView(payment, live) };
  };

  const modify = (psp: string, kind: string, body: unknown): StoredResponse => {
    const input = ModificationBody.safeParse(body);
    if (!input.success) return { status: 422, body: errorView(422, '14_000', input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')) };
    const payment = ledger.get(psp);
    if (!payment) return { status: 404, body: errorView(404, '30_404', `No payment ${psp}`) };
    let amount = payment.amount;
    if (kind !== 'cancels') {
      if (!input.data.amount) return { status: 422, body: errorView(422, '14_001', 'amount is required') };
      const parsed = parseMajorUnits(input.data.amount.value, input.data.amount.currency);
      if (parsed === null || parsed <= 0 || input.data.amount.currency.toLowerCase() !== payment.currency) return { status: 422, body: errorView(422, '14_001', 'Invalid amount or a currency other than the payment\'s') };
      amount = parsed;
    }
    const result = kind === 'captures' ? ledger.capture(psp, amount, input.data.merchantReference) : kind === 'cancels' ? ledger.cancel(psp, input.data.merchantReference) : ledger.refund(psp, amount, input.data.merchantReference);
    if (isRefusal(result)) return { status: result.status, body: errorView(result.status, result.errorCode, result.message) };
    if (result.status === 'received') confirmLater(EVENT_CODES[kind]!, payment, result);
    return { status: 202, body: receivedView(payment, result) };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname;
    if (path.startsWith('/__admin/')) return admin(method, path, req, res);
    // An outage: the acquirer's front door resets every connection, as a host that is down would.
    if (outage) return void req.socket.destroy();
    if (!path.startsWith('/api/v2/')) return sendJson(res, 404, errorView(404, '00_404', `No route ${path}`));
    const apiKey = req.headers['x-api-key'];
    if (typeof apiKey !== 'string' || !/^ak_(test|live)_\w+$/.test(apiKey)) return sendJson(res, 401, errorView(401, '000_001', 'X-API-Key is missing or malformed'));
    if (!apiKey.startsWith(`ak_${mode}_`)) return sendJson(res, 403, errorView(403, '000_003', `This is the ${mode} endpoint; the key is for the other one`));
    if (method === 'GET' && path === '/api/v2/reports/settlement') return settlementReport(url, res);
    if (method === 'GET') return lookup(path, url, res);
    if (method !== 'POST') return sendJson(res, 405, errorView(405, '00_405', `${method} not allowed`));
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || key === '' || key.length > 64) return sendJson(res, 400, errorView(400, '22_002', 'Idempotency-Key (1 to 64 characters) is required'));
    const raw = await readBody(req);
    if (!raw.ok) return sendJson(res, 413, errorView(413, '00_413', 'Body too large'));
    const body = parseJson(raw.text);
    if (!body.ok) return sendJson(res, 400, errorView(400, '14_000', 'Body is not JSON'));
    const fault = faults.find((f) => !f.path || path.startsWith(f.path));
    if (fault) {
      if (--fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
      return sendJson(res, fault.status, errorView(fault.status, fault.errorCode, 'Injected fault'));
    }
    const earlier = idempotency.lookup(key, method, path, body.value);
    if (earlier.kind === 'mismatch') return sendJson(res, 409, errorView(409, '22_001', 'Idempotency-Key reused with a different request'));
    if (earlier.kind === 'replay') return sendJson(res, earlier.response.status, earlier.response.body, { 'idempotent-replayed': 'true' });
    const modification = MODIFICATION.exec(path);
    const response = path === '/api/v2/payments' ? authorise(body.value, key) : modification ? modify(modification[1]!, modification[2]!, body.value) : disputes.post(path, body.value) ?? { status: 404, body: errorView(404, '00_404', `No route ${path}`) };
    // What took effect is remembered under its key (an answer lost on the way is replayed); a 5xx is not.
    if (response.status < 500) idempotency.remember(key, method, path, body.value, response);
    const token = (body.value as { paymentMethod?: { token?: unknown } }).paymentMethod?.token;
    if (token === 'pm_card_timeout_once' && response.status === 200 && idempotency.countAttempt(`hang:${key}`) === 1) {
      const timer = setTimeout(() => (held.delete(timer), sendJson(res, response.status, response.body)), opts.hangMs ?? 5_000);
      held.add(timer);
      return;
    }
    sendJson(res, response.status, response.body);
  };

  // Pulling a day's report closes its batch: the day's net not yet paid goes into the bank first, as the
  // sandbox processor does, so the statement reconciliation reads next shows the deposit.
  const depositsPaid = new Map<string, number>();
  const depositEpoch = randomBytes(6).toString('hex');
  const settlementReport = async (url: URL, res: ServerResponse): Promise<void> => {
    const date = url.searchParams.get('date') ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) return sendJson(res, 422, errorView(422, '14_000', 'date must be YYYY-MM-DD'));
    const { startMs, endMs } = dayBounds(date);
    const records = settlementRecords(ledger.all(), startMs, endMs);
    if (opts.bankUrl !== undefined) {
      try {
        await payDayNet({ bankUrl: opts.bankUrl, livemode: live, date, net: netByCurrency(records), paid: depositsPaid, keyPrefix: `ea_${depositEpoch}`, referencePrefix: 'ea' });
      } catch (error) {
        return sendJson(res, 503, errorView(503, '50_003', `The day's settlement could not be paid yet: ${error instanceof Error ? error.message : String(error)}`));
      }
    }
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
    for (const row of settlementCsv(records)) res.write(row);
    res.end();
  };

  const lookup = (path: string, url: URL, res: ServerResponse): void => {
    const dispute = disputes.get(path);
    if (dispute) return sendJson(res, dispute.status, dispute.body);
    const method = /^\/api\/v2\/paymentMethods\/([^/]+)$/.exec(path);
    if (method) {
      const card = resolveTestToken(decodeURIComponent(method[1]!));
      if (!card) return sendJson(res, 404, errorView(404, '30_404', 'Unknown card token'));
      // Sandbox only, as the sandbox processor does: how a test token asks the fraud screen to treat it.
      const riskHint = !live && card.testRisk ? { riskHint: card.testRisk } : {};
      return sendJson(res, 200, { token: card.token, cardSummary: cardSummaryOf(card.card), ...riskHint, live });
    }
    if (path === '/api/v2/payments') {
      const reference = url.searchParams.get('merchantReference');
      if (!reference) return sendJson(res, 422, errorView(422, '14_000', 'merchantReference is required'));
      return sendJson(res, 200, { data: ledger.byMerchantReference(reference).map((p) => paymentView(p, live)) });
    }
    const one = /^\/api\/v2\/payments\/([A-Z0-9]+)$/.exec(path);
    const payment = one ? ledger.get(one[1]!) : undefined;
    return payment ? sendJson(res, 200, paymentView(payment, live)) : sendJson(res, 404, errorView(404, '30_404', `No ${path}`));
  };

  const admin = async (method: string, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = method === 'POST' ? await readBody(req) : { ok: true as const, text: '' };
    const body = (raw.ok ? parseJson(raw.text) : { ok: false }) as { ok: boolean; value?: Record<string, unknown> };
    if (path === '/__admin/outage' && method === 'POST') {
      outage = body.value?.down === true;
      // Connections kept alive by clients would otherwise still reach a "down" acquirer.
      if (outage) for (const socket of sockets) if (socket !== req.socket) socket.destroy();
      return sendJson(res, 200, { down: outage });
    }
    if (path === '/__admin/faults' && method === 'POST') {
      const fault = z.object({ status: z.number().int().min(400).max(599), errorCode: z.string(), path: z.string().optional(), times: z.number().int().positive().default(1) }).safeParse(body.value);
      if (!fault.success) return sendJson(res, 400, errorView(400, '14_000', 'status, errorCode, path?, times?'));
      faults.push(fault.data);
      return sendJson(res, 200, { queued: faults.length });
    }
    if (path === '/__admin/notifications' && method === 'GET') return sendJson(res, 200, { data: sender.deliveries.map(({ body: _body, ...rest }) => rest) });
    return sendJson(res, 404, errorView(404, '00_404', `No admin route ${path}`));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendJson(res, 500, errorView(500, '50_000', String(error))));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    mode,
    ledger,
    notifications: sender.deliveries,
    setDown: async (down) => {
      if (down === !server.listening) return;
      if (!down) return new Promise<void>((resolve) => server.listen(port, opts.host ?? '127.0.0.1', resolve));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    close: async () => {
      sender.close();
      for (const timer of held) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
