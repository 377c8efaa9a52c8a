import type { PaymentEventV1 } from '../../contracts/payment-events.v1';
import { payoutOutcomeJournal } from '../../ledger/domain/journal';
import { assertNever } from '../../shared/result';
import { evolve, Payout, PayoutEvent } from '../domain/payout';
import { payoutEvent } from './payout-events';
import type { SettlementTransaction } from './settlement.repository';

/**
 * Stages a payout's decided events: the evolved payout, the ledger journal each outcome books (money
 * back to the available balance for failed, returned and canceled payouts, with a balance transaction
 * saying so) and the wire events. Only stages: the caller's transaction commits it all or nothing.
 */
export function recordPayoutEvents(tx: SettlementTransaction, payout: Payout, events: readonly PayoutEvent[], nowMs: number): Payout {
  let current = payout;
  const wire: PaymentEventV1[] = [];
  for (const event of events) {
    current = evolve(current, event, nowMs);
    const journal = journalFor(current, event, nowMs);
    if (journal) tx.appendJournal(journal);
    const published = wireType(event);
    if (published) wire.push(payoutEvent(published, current, nowMs));
  }
  if (events.length > 0) {
    tx.savePayout(current);
    tx.appendEvents(wire);
  }
  return current;
}

function journalFor(payout: Payout, event: PayoutEvent, nowMs: number) {
  const base = { payoutId: payout.id, merchantId: payout.merchantId, livemode: payout.livemode, currency: payout.currency, amount: payout.amount, nowMs };
  switch (event.type) {
    case 'payout.submission_started':
    case 'payout.in_transit':
      return null;
    case 'payout.paid':
      return payoutOutcomeJournal({ ...base, kind: 'payout_paid' });
    case 'payout.failed':
      return payoutOutcomeJournal({ ...base, kind: event.returned ? 'payout_returned' : 'payout_failed', reason: event.code });
    case 'payout.canceled':
      return payoutOutcomeJournal({ ...base, kind: 'payout_canceled', reason: 'canceled' });
    default:
      return assertNever(event);
  }
}

function wireType(event: PayoutEvent): 'payout.paid' | 'payout.failed' | 'payout.canceled' | null {
  switch (event.type) {
    case 'payout.submission_started':
    case 'payout.in_transit':
      return null;
    case 'payout.paid':
    case 'payout.failed':
    case 'payout.canceled':
      return event.type;
    default:
      return assertNever(event);
  }
}
