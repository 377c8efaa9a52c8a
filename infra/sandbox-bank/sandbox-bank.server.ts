import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { parseJson, readBody, sendJson } from '../sandbox-processor/http-json';
import { resolveAccount } from './bank-account-tokens';
import {
  credentialRefusal, csvField, dayOf, describe, errorBody, FaultRequest, headerValue, IncomingRequest, MAX_KEY_LENGTH, newId, notAllowed, safeDecode, TransferRequest, type Fault,
} from './sandbox-bank.requests';
import { BankWebhookSender, type BankWebhookDelivery } from './bank-webhook-sender';

export interface SandboxBankOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Which side this instance plays: it refuses API keys and account tokens of the other mode. */
  mode: 'test' | 'live';
  /** Where transfer outcomes are posted (the functions API's /v1/webhooks/bank); a function is asked at each event, so the receiver may move. */
  webhookUrl: string | (() => string);
  /** `whsec_<base64>`, shared with the backend (BANK_WEBHOOK_SECRET). */
  webhookSecret: string;
  /** How long after acceptance a transfer is paid (or fails). Default 300 ms. */
  paidAfterMs?: number;
  /** How long after its paid webhook was acknowledged a returning transfer comes back. Default 300 ms. */
  returnAfterMs?: number;
  /** First redelivery pause of an unacknowledged webhook (doubles up to 10 s). Default 200 ms. */
  webhookRetryDelayMs?: number;
  /** The bank's clock (value dates of statement lines). */
  now?: () => number;
}

export interface SandboxBank {
  url: string;
  port: number;
  mode: 'test' | 'live';
  deliveries(): readonly BankWebhookDelivery[];
  close(): Promise<void>;
}

type TransferStatus = 'pending' | 'paid' | 'failed' | 'returned';

interface Transfer {
  id: string;
  amount: number;
  currency: string;
  destination: string;
  reference: string;
  status: TransferStatus;
  failureCode: string | null;
  createdMs: number;
}

interface StatementLine {
  lineId: string;
  type: 'incoming' | 'payout' | 'return';
  amount: number;
  currency: string;
  reference: string;
  valueDate: string;
}

interface Remembered {
  body: unknown;
  status: number;
  response: unknown;
}

export const DEFAULT_PAID_AFTER_MS = 300;
export const DEFAULT_RETURN_AFTER_MS = 300;

/**
 * Starts the sandbox bank: the platform's bank as payouts see it. Transfers are accepted at once
 * and settle later (paid, failed or paid-then-returned, by the destination token), each outcome
 * posted as a signed Standard Webhooks event until acknowledged; incoming credits and payouts show
 * on the daily statement.
 */
export async function startSandboxBank(opts: SandboxBankOptions): Promise<SandboxBank> {
  const host = opts.host ?? '127.0.0.1';
  const mode = opts.mode;
  const livemode = mode === 'live';
  const now = opts.now ?? Date.now;
  const paidAfterMs = opts.paidAfterMs ?? DEFAULT_PAID_AFTER_MS;
  const returnAfterMs = opts.returnAfterMs ?? DEFAULT_RETURN_AFTER_MS;
  const sender = new BankWebhookSender({ secret: opts.webhookSecret, retryDelayMs: opts.webhookRetryDelayMs ?? 200, maxRetryDelayMs: 10_000, maxAttempts: 50 });
  const transfers = new Map<string, Transfer>();
  const remembered = new Map<string, Remembered>();
  const statement: StatementLine[] = [];
  const faults: Fault[] = [];
  let lineSeq = 0;

  const presentTransfer = (t: Transfer) => ({
    id: t.id,
    object: 'transfer',
    amount: t.amount,
    currency: t.currency,
    destination: t.destination,
    reference: t.reference,
    status: t.status,
    failure_code: t.failureCode,
    created: Math.floor(t.createdMs / 1000),
    livemode,
  });

  const addLine = (type: StatementLine['type'], amount: number, currency: string, reference: string, valueDate = dayOf(now())) => {
    lineSeq += 1;
    statement.push({ lineId: `bsl_${String(lineSeq).padStart(8, '0')}`, type, amount, currency, reference, valueDate });
  };

  const emit = (type: 'transfer.paid' | 'transfer.failed' | 'transfer.returned', t: Transfer, onDelivered?: () => void) => {
    const event = {
      id: newId('evt'),
      type,
      timestamp: new Date(now()).toISOString(),
      livemode,
      data: { transfer_id: t.id, reference: t.reference, amount: t.amount, currency: t.currency, failure_code: t.failureCode },
    };
    sender.send(typeof opts.webhookUrl === 'function' ? opts.webhookUrl() : opts.webhookUrl, event, onDelivered);
  };

  const settleLater = (t: Transfer, outcome: NonNullable<ReturnType<typeof resolveAccount>>['outcome']) => {
    sender.later(() => {
      if (outcome.kind === 'failed') {
        t.status = 'failed';
        t.failureCode = outcome.failureCode;
        return emit('transfer.failed', t);
      }
      t.status = 'paid';
      addLine('payout', -t.amount, t.currency, t.reference);
      // A return follows the paid event, never overtakes it: its clock starts once paid was acknowledged.
      const returnLater =
        outcome.kind === 'returned'
          ? () =>
              sender.later(() => {
                t.status = 'returned';
                t.failureCode = outcome.failureCode;
                addLine('return', t.amount, t.currency, t.reference);
                emit('transfer.returned', t);
              }, returnAfterMs)
          : undefined;
      emit('transfer.paid', t, returnLater);
    }, paidAfterMs);
  };

  /** Answers a POST under its Idempotency-Key: the same body replays the first answer, another body is refused. */
  const idempotent = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    keyRequired: boolean,
    handle: (body: unknown) => { status: number; body: unknown; remember: boolean },
  ): Promise<void> => {
    const key = headerValue(req, 'idempotency-key');
    if (keyRequired && (key === undefined || key === '')) return sendJson(res, 400, errorBody('missing_idempotency_key', 'Every POST needs an Idempotency-Key header'));
    if (key !== undefined && key.length > MAX_KEY_LENGTH) return sendJson(res, 400, errorBody('invalid_request', 'Idempotency-Key is longer than 255 characters'));
    const raw = await readBody(req);
    if (!raw.ok) return sendJson(res, 413, errorBody('payload_too_large', 'Request body over 1 MiB'));
    const parsed = parseJson(raw.text);
    if (!parsed.ok) return sendJson(res, 400, errorBody('invalid_request', 'Request body is not valid JSON'));
    const slot = key ? `${path} ${key}` : undefined;
    const fault = path === '/v1/transfers' ? takeFault() : undefined;
    if (fault && !fault.after_processing) return sendJson(res, fault.status, errorBody(fault.code, 'Injected fault'));
    const earlier = slot ? remembered.get(slot) : undefined;
    if (earlier) {
      if (!isDeepStrictEqual(earlier.body, parsed.value)) return sendJson(res, 409, errorBody('idempotency_mismatch', 'Idempotency-Key was already used with a different request'));
      if (fault) return sendJson(res, fault.status, errorBody(fault.code, 'Injected fault'));
      return sendJson(res, earlier.status, earlier.response);
    }
    const answer = handle(parsed.value);
    // Remembered before answering, so a retry after a lost answer replays it.
    if (slot && answer.remember) remembered.set(slot, { body: parsed.value, status: answer.status, response: answer.body });
    if (fault) return sendJson(res, fault.status, errorBody(fault.code, 'Injected fault after processing'));
    sendJson(res, answer.status, answer.body);
  };

  const createTransfer = (body: unknown) => {
    const input = TransferRequest.safeParse(body);
    if (!input.success) return { status: 400, body: errorBody('invalid_request', describe(input.error)), remember: false };
    const account = resolveAccount(input.data.destination, mode);
    if (account === undefined) return { status: 400, body: errorBody('account_not_found', `This ${mode}-mode bank has no account ${input.data.destination}`), remember: false };
    if (account.outcome.kind === 'refused') return { status: 400, body: errorBody(account.outcome.code, account.outcome.message), remember: true };
    const transfer: Transfer = { id: newId('tr'), ...input.data, status: 'pending', failureCode: null, createdMs: now() };
    transfers.set(transfer.id, transfer);
    settleLater(transfer, account.outcome);
    return { status: 200, body: presentTransfer(transfer), remember: true };
  };

  const receiveIncoming = (body: unknown) => {
    const input = IncomingRequest.safeParse(body);
    if (!input.success) return { status: 400, body: errorBody('invalid_request', describe(input.error)), remember: false };
    if (input.data.livemode !== livemode) return { status: 400, body: errorBody('livemode_mismatch', `This is the ${mode}-mode bank`), remember: false };
    const valueDate = input.data.value_date ?? dayOf(now());
    addLine('incoming', input.data.amount, input.data.currency, input.data.reference, valueDate);
    const credit = { id: newId('inc'), object: 'incoming_credit', amount: input.data.amount, currency: input.data.currency, reference: input.data.reference, value_date: valueDate, livemode };
    return { status: 200, body: credit, remember: true };
  };

  const statementCsv = (date: string): string => {
    const lines = statement
      .filter((line) => line.valueDate === date)
      .sort((a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : a.lineId < b.lineId ? -1 : 1));
    const rows = lines.map((l) => [l.lineId, l.type, String(l.amount), l.currency, csvField(l.reference), l.valueDate].join(','));
    return ['line_id,type,amount,currency,reference,value_date', ...rows].join('\n') + '\n';
  };

  const takeFault = (): Fault | undefined => {
    const fault = faults[0];
    if (fault === undefined) return undefined;
    fault.times -= 1;
    if (fault.times <= 0) faults.shift();
    return fault;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname;
    if (path === '/__admin/deliveries' && method === 'GET') return sendJson(res, 200, { data: sender.deliveries });
    if (path === '/__admin/faults' && method === 'POST') {
      const raw = await readBody(req);
      const parsed = raw.ok ? parseJson(raw.text) : ({ ok: false } as const);
      const input = parsed.ok ? FaultRequest.safeParse(parsed.value) : null;
      if (!input?.success) return sendJson(res, 400, errorBody('invalid_request', 'Expected {status, code, times?, after_processing?}'));
      faults.push(input.data);
      return sendJson(res, 200, { fault: input.data });
    }
    if (!path.startsWith('/v1/')) return sendJson(res, 404, errorBody('route_not_found', `No route ${path}`));
    // Incoming credits come from the processor, which holds no key of ours: its body declares the mode.
    const refusal = credentialRefusal(headerValue(req, 'authorization'), mode, path === '/v1/incoming');
    if (refusal) return sendJson(res, refusal.status, errorBody(refusal.code, refusal.message));

    if (path === '/v1/transfers') return method === 'POST' ? idempotent(req, res, path, true, createTransfer) : notAllowed(res, method, path, 'POST');
    if (path === '/v1/incoming') return method === 'POST' ? idempotent(req, res, path, false, receiveIncoming) : notAllowed(res, method, path, 'POST');
    const transferId = /^\/v1\/transfers\/([^/]+)$/.exec(path)?.[1];
    if (transferId !== undefined) {
      if (method !== 'GET') return notAllowed(res, method, path, 'GET');
      const transfer = transfers.get(transferId);
      return transfer ? sendJson(res, 200, presentTransfer(transfer)) : sendJson(res, 404, errorBody('resource_missing', 'No such transfer'));
    }
    const token = /^\/v1\/accounts\/([^/]+)$/.exec(path)?.[1];
    if (token !== undefined) {
      if (method !== 'GET') return notAllowed(res, method, path, 'GET');
      const account = resolveAccount(safeDecode(token), mode);
      if (account === undefined) return sendJson(res, 404, errorBody('resource_missing', `This ${mode}-mode bank has no such account`));
      return sendJson(res, 200, { object: 'bank_account', token: account.token, last4: account.last4, country: account.country, currency: account.currency, livemode });
    }
    if (path === '/v1/statements') {
      if (method !== 'GET') return notAllowed(res, method, path, 'GET');
      const date = url.searchParams.get('date') ?? '';
      if (!z.iso.date().safeParse(date).success) return sendJson(res, 400, errorBody('invalid_request', 'date must be YYYY-MM-DD'));
      const csv = statementCsv(date);
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-length': String(Buffer.byteLength(csv)) });
      res.end(csv);
      return;
    }
    sendJson(res, 404, errorBody('route_not_found', `No route ${path}`));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendJson(res, 500, errorBody('internal_error', error instanceof Error ? error.message : String(error))));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    mode,
    deliveries: () => sender.deliveries,
    close: () =>
      new Promise<void>((resolve, reject) => {
        sender.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The API key's prefix carries the mode; a key of the other mode is refused before anything happens. */
