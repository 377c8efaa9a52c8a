import type { HttpFunction } from '@google-cloud/functions-framework';
import { SettleMerchantTaskV1, SubmitPayoutTaskV1 } from '../../contracts/payment-tasks.v1';
import { done } from '../../platform/application/handler-outcome';
import { taskFunction } from '../../platform/http/task-handler';
import { planSettlements } from '../application/plan-settlements.command';
import { settleMerchant } from '../application/settle-merchant.command';
import { submitPayout } from '../application/submit-payout.command';
import type { SettlementModule } from '../settlement.module';

// settle-merchant: one merchant, mode and date. An FX or Firestore failure throws (Cloud Tasks retries);
// a run already recorded answers done without doing anything.
export const settleMerchantTask = (deps: () => SettlementModule) =>
  taskFunction('settle-merchant', SettleMerchantTaskV1, deps, async (task, d) => {
    const unsettled = task.unsettled?.map(([id, currency, net, availableOnMs]) => ({ id, currency, net, availableOnMs }));
    const run = await settleMerchant(d, { merchantId: task.merchant_id, livemode: task.livemode, settlementDate: task.settlement_date, unsettled, scannedAtMs: task.scanned_at_ms });
    return done(run.alreadySettled ? 'already settled' : `${run.payouts.length} payouts${run.skippedReason ? `, skipped: ${run.skippedReason}` : ''}`);
  });

// submit-payout: hands a pending payout to the bank; an unknown outcome throws and is retried with the same key.
export const submitPayoutTask = (deps: () => SettlementModule) => taskFunction('submit-payout', SubmitPayoutTaskV1, deps, (task, d) => submitPayout(d, task.payout_id));

// Cloud Scheduler, daily (locally every 30 s): fans the day's settlements out as named tasks; a failed
// run is repeated by the next one, and a repeated run enqueues nothing twice.
export const planSettlementsSchedule = (deps: () => SettlementModule): HttpFunction => async (_req, res) => {
  const d = deps();
  try {
    const result = await planSettlements(d);
    if (result.enqueued > 0) d.log.info('settlements planned', { ...result });
    res.status(200).json(result);
  } catch (error) {
    d.log.warn('settlement planning failed; the next run retries', { error: String(error) });
    res.status(503).json({ outcome: 'retry' });
  }
};
