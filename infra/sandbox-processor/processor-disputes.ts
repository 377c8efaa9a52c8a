import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { BankWebhookSender } from '../sandbox-bank/bank-webhook-sender';
import { DisputeDesk, isDeskRefusal, type SandboxDispute } from '../sandbox-disputes/dispute-desk';
import type { Capture, ProcessorLedger } from './processor-ledger.store';
import type { Route, RouteResult } from './processor.routes';
import { describeIssues } from './request-schemas';
import { disputeScenarioOf } from './test-card-tokens';

// Chargebacks at the sandbox processor: a capture of a dispute test token opens a dispute a little later;
// every change is notified to the platform, signed (Standard Webhooks), in the processor's own shape.

export interface ProcessorDisputesOptions {
  mode: 'test' | 'live';
  /** Where dispute notifications go, or a function asked at each one; unset: disputes happen unnotified. */
  notificationUrl?: string | (() => string);
  /** `whsec_<base64>`; default a random one. */
  notificationSecret?: string;
  /** After a dispute token's capture, how long until its dispute opens (default 2 s). */
  disputeDelayMs?: number;
  /** After evidence, how long until the outcome (default 1 s). */
  disputeOutcomeDelayMs?: number;
}

const EvidenceBody = z.object({
  evidence: z
    .record(z.string().regex(/^[a-z_]{1,64}$/, 'evidence fields are lower-case names'), z.string().max(20_000))
    .refine((e) => Object.keys(e).length >= 1 && Object.keys(e).length <= 30, 'one to 30 evidence fields'),
});

const CLOSED = new Set(['won', 'lost', 'warning_closed']);

export const disputeView = (d: SandboxDispute, livemode: boolean) => ({
  id: d.id,
  object: 'dispute' as const,
  authorization: d.paymentRef,
  capture: d.captureRef,
  reference: d.merchantReference,
  amount: d.amount,
  currency: d.currency,
  reason: d.reason,
  status: d.status,
  evidence_due_by_ms: d.evidenceDueByMs,
  livemode,
});

export function processorDisputes(opts: ProcessorDisputesOptions, ledger: ProcessorLedger) {
  const live = opts.mode === 'live';
  const sender = new BankWebhookSender({ secret: opts.notificationSecret ?? `whsec_${randomBytes(24).toString('base64')}`, retryDelayMs: 200, maxRetryDelayMs: 5_000, maxAttempts: 40 });
  const notified = new Set<string>();
  const disputed = new Set<string>();
  const notify = (d: SandboxDispute): void => {
    const type = !notified.has(d.id) ? 'dispute.opened' : CLOSED.has(d.status) ? 'dispute.closed' : 'dispute.updated';
    notified.add(d.id);
    const url = typeof opts.notificationUrl === 'function' ? opts.notificationUrl() : opts.notificationUrl;
    const event = { id: `evt_${randomBytes(8).toString('hex')}`, type, livemode: live, created_ms: Date.now(), data: { dispute: disputeView(d, live) } };
    if (url) sender.send(url, event);
  };
  const desk = new DisputeDesk({ now: Date.now, idPrefix: 'dp_', outcomeDelayMs: opts.disputeOutcomeDelayMs ?? 1_000, later: (run, ms) => sender.later(run, ms), onChange: notify });

  const answer = (status: number, body: unknown): RouteResult => ({ response: { status, body }, remember: status < 500 && status !== 400, hold: false });
  const deskAnswer = (result: ReturnType<DisputeDesk['accept']>): RouteResult =>
    isDeskRefusal(result)
      ? answer(result.refused === 'not_found' ? 404 : 409, { error: result.refused === 'not_found' ? { code: 'resource_not_found', message: 'No such dispute' } : { code: 'dispute_not_open', message: 'The dispute is not awaiting a response' } })
      : answer(200, disputeView(result, live));

  const routes: Route[] = [
    {
      method: 'GET',
      pattern: /^\/v1\/disputes\/([^/]+)$/,
      requiresIdempotencyKey: false,
      handle: ({ params }) => {
        const d = desk.get(params[0]);
        return { response: d ? { status: 200, body: disputeView(d, live) } : { status: 404, body: { error: { code: 'resource_not_found', message: `No dispute ${params[0]}` } } }, remember: false, hold: false };
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/disputes\/([^/]+)\/evidence$/,
      requiresIdempotencyKey: true,
      handle: ({ params, body }) => {
        const input = EvidenceBody.safeParse(body);
        if (!input.success) return { response: { status: 400, body: { error: { code: 'invalid_request', message: describeIssues(input.error) } } }, remember: false, hold: false };
        return deskAnswer(desk.defend(params[0], input.data.evidence));
      },
    },
    { method: 'POST', pattern: /^\/v1\/disputes\/([^/]+)\/accept$/, requiresIdempotencyKey: true, handle: ({ params }) => deskAnswer(desk.accept(params[0])) },
  ];

  return {
    routes,
    desk,
    deliveries: () => sender.deliveries.map(({ body: _body, ...rest }) => rest),
    /** A capture succeeded: a dispute token's payment is disputed once, a little later. */
    captured(capture: Capture): void {
      const scenario = disputeScenarioOf(ledger.tokenOfAuthorization(capture.authorization) ?? '');
      if (!scenario || disputed.has(capture.authorization)) return;
      disputed.add(capture.authorization);
      const reference = ledger.getAuthorization(capture.authorization)?.reference ?? capture.authorization;
      sender.later(() => desk.open({ paymentRef: capture.authorization, captureRef: capture.id, merchantReference: reference, amount: capture.amount, currency: capture.currency, scenario }), opts.disputeDelayMs ?? 2_000);
    },
    close: () => sender.close(),
  };
}
