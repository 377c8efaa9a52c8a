import { z } from 'zod';
import type { BankWebhookSender } from '../sandbox-bank/bank-webhook-sender';
import { DisputeDesk, isDeskRefusal, type SandboxDispute } from '../sandbox-disputes/dispute-desk';
import type { StoredResponse } from '../sandbox-processor/idempotency.store';
import type { AcquirerPayment, Modification } from './acquirer-ledger';
import { amountView, errorView } from './acquirer-views';
import { randomBytes } from 'node:crypto';

// Chargebacks at the acquirer, in its vocabulary: a dispute-token payment's confirmed capture is disputed a
// little later, notified as CHARGEBACK (or REQUEST_FOR_INFORMATION for an inquiry) with a card-scheme reason
// code; the merchant defends (documents) or accepts; the outcome comes as CHARGEBACK_REVERSED (won),
// SECOND_CHARGEBACK (lost) or INFORMATION_SUPPLIED (inquiry closed). Under review is said by the answer only.

const REASON_CODES = { fraudulent: '10.4', product_not_received: '13.1' } as const;
const DefendBody = z.object({
  merchantReference: z.string().min(1).max(80),
  defenseDocuments: z.array(z.object({ type: z.string().min(1).max(64), content: z.string().min(1).max(20_000) })).min(1).max(30),
});
const AcceptBody = z.object({ merchantReference: z.string().min(1).max(80) });
// Any id segment, so an id that cannot exist still answers the disputes' own 404 (30_404).
const ROUTE = /^\/api\/v2\/disputes\/([^/]+)(?:\/(defend|accept))?$/;

// Several documents may share a type (two delivery receipts): their contents are kept together, so none is lost
// before the desk reads them.
const evidenceOf = (documents: Array<{ type: string; content: string }>): Record<string, string> =>
  documents.reduce<Record<string, string>>((evidence, doc) => ({ ...evidence, [doc.type]: Object.hasOwn(evidence, doc.type) ? `${evidence[doc.type]}\n\n${doc.content}` : doc.content }), {});

function eventCodeOf(d: SandboxDispute): string | null {
  switch (d.status) {
    case 'needs_response':
      return 'CHARGEBACK';
    case 'warning_needs_response':
      return 'REQUEST_FOR_INFORMATION';
    case 'won':
      return 'CHARGEBACK_REVERSED';
    case 'lost':
      return 'SECOND_CHARGEBACK';
    case 'warning_closed':
      return 'INFORMATION_SUPPLIED';
    case 'under_review':
    case 'warning_under_review':
      return null;
  }
}

const disputeStatusOf = (d: SandboxDispute): string =>
  d.accepted ? 'Accepted' : d.status === 'won' ? 'Won' : d.status === 'lost' ? 'Lost' : d.status === 'warning_closed' ? 'Closed' : d.status.endsWith('under_review') ? 'Pending' : 'Undefended';

export const acquirerDisputeView = (d: SandboxDispute) => ({
  disputePspReference: d.id,
  paymentPspReference: d.paymentRef,
  merchantReference: d.merchantReference,
  amount: amountView(d.amount, d.currency),
  reasonCode: REASON_CODES[d.reason],
  disputeStatus: disputeStatusOf(d),
  defensePeriodEndsAt: new Date(d.evidenceDueByMs).toISOString(),
});

export function acquirerDisputes(opts: { sender: BankWebhookSender; live: boolean; notificationUrl?: string | (() => string); disputeDelayMs?: number; disputeOutcomeDelayMs?: number }) {
  const notify = (d: SandboxDispute): void => {
    const eventCode = eventCodeOf(d);
    const url = typeof opts.notificationUrl === 'function' ? opts.notificationUrl() : opts.notificationUrl;
    if (!eventCode || !url) return;
    const item = {
      eventCode, success: 'true', pspReference: d.id, originalReference: d.paymentRef, merchantReference: d.merchantReference, amount: amountView(d.amount, d.currency),
      reason: REASON_CODES[d.reason], eventDate: new Date().toISOString(), additionalData: { disputeStatus: disputeStatusOf(d), defensePeriodEndsAt: new Date(d.evidenceDueByMs).toISOString() },
    };
    opts.sender.send(url, { id: `ntf_${randomBytes(8).toString('hex')}`, type: eventCode, live: String(opts.live), notificationItems: [item] } as { id: string; type: string });
  };
  const desk = new DisputeDesk({ now: Date.now, idPrefix: 'DP', outcomeDelayMs: opts.disputeOutcomeDelayMs ?? 1_000, later: (run, ms) => opts.sender.later(run, ms), onChange: notify });
  const answer = (result: ReturnType<DisputeDesk['accept']>): StoredResponse =>
    isDeskRefusal(result)
      ? result.refused === 'not_found'
        ? { status: 404, body: errorView(404, '30_404', 'No such dispute') }
        : { status: 409, body: errorView(409, '30_409', 'Dispute is not awaiting a defence') }
      : { status: 200, body: { disputePspReference: result.id, disputeStatus: disputeStatusOf(result) } };

  return {
    desk,
    /** The capture of a dispute-token payment was confirmed: its dispute opens a little later. */
    captureConfirmed(payment: AcquirerPayment, capture: Modification): void {
      if (!payment.dispute) return;
      const scenario = payment.dispute;
      opts.sender.later(() => desk.open({ paymentRef: payment.pspReference, captureRef: capture.pspReference, merchantReference: payment.merchantReference, amount: capture.amount, currency: payment.currency, scenario }), opts.disputeDelayMs ?? 2_000);
    },
    /** GET /api/v2/disputes/{psp}; null when the path is not a dispute's. */
    get(path: string): StoredResponse | null {
      const m = ROUTE.exec(path);
      if (!m || m[2]) return null;
      const d = desk.get(m[1]!);
      return d ? { status: 200, body: acquirerDisputeView(d) } : { status: 404, body: errorView(404, '30_404', `No dispute ${m[1]}`) };
    },
    /** POST /api/v2/disputes/{psp}/defend|accept; null when the path is not a dispute action. */
    post(path: string, body: unknown): StoredResponse | null {
      const m = ROUTE.exec(path);
      if (!m || !m[2]) return null;
      const input = (m[2] === 'defend' ? DefendBody : AcceptBody).safeParse(body);
      if (!input.success) return { status: 422, body: errorView(422, '14_000', input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')) };
      if (m[2] === 'accept') return answer(desk.accept(m[1]!));
      const documents = (input.data as z.infer<typeof DefendBody>).defenseDocuments;
      return answer(desk.defend(m[1]!, evidenceOf(documents)));
    },
  };
}
