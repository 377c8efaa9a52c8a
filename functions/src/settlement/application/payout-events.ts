import type { PaymentEventTypeV1, PaymentEventV1 } from '../../contracts/payment-events.v1';
import type { Payout } from '../domain/payout';
import { presentPayout } from './payout.presenter';

// Payout and balance facts on the event topic (CloudEvents, contracts/payment-events.v1.ts), for the
// merchant webhooks to carry. Ids derive from the payout and the fact, so a transaction body that runs
// twice stages the same event (and the same outbox document id).
export function payoutEvent(type: Extract<PaymentEventTypeV1, `payout.${string}`>, payout: Payout, nowMs: number): PaymentEventV1 {
  const failure = payout.status === 'failed' ? { code: payout.failureCode } : {};
  return {
    id: `evt_${payout.id}_${type.slice('payout.'.length)}`,
    type,
    time: new Date(nowMs).toISOString(),
    subject: payout.id,
    data: {
      payment_id: payout.id, payout_id: payout.id, merchant_id: payout.merchantId, livemode: payout.livemode, amount: payout.amount, currency: payout.currency, ...failure,
      // The payout as GET /v1/payouts/{id} shows it at this moment: the merchant event's object.
      object: presentPayout(payout),
    },
  };
}

/** One per currency: the merchant's available balance after a settlement run. */
export function balanceAvailableEvents(runId: string, merchantId: string, livemode: boolean, available: Readonly<Record<string, number>>, nowMs: number): PaymentEventV1[] {
  return Object.entries(available)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, amount]) => ({
      id: `evt_${runId}_balance_${currency}`,
      type: 'balance.available' as const,
      time: new Date(nowMs).toISOString(),
      subject: `${merchantId}_${livemode ? 'live' : 'test'}`,
      data: { payment_id: runId, merchant_id: merchantId, livemode, amount, currency, object: { object: 'balance', livemode, available: [{ amount, currency }] } },
    }));
}
