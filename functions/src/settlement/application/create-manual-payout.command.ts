import { QUEUES } from '../../contracts/payment-tasks.v1';
import { ApiError, apiError, invalidRequest } from '../../shared/api-error';
import { newId } from '../../shared/ids';
import { MerchantContext } from '../../shared/merchant-context';
import { err, ok, Result } from '../../shared/result';
import { Payout, pendingPayout } from '../domain/payout';
import { DAY_MS, submitTaskName } from '../domain/settlement-date';
import { manualPayoutJournal } from './manual-payout.journal';
import { payoutEvent } from './payout-events';
import type { SettlementDeps } from './settlement.deps';
import type { SettlementTransaction } from './settlement.repository';

export interface ManualPayoutRequest {
  readonly amount: number;
  readonly currency: string;
  readonly description?: string;
}

/** Read before the transaction (the request's prepare step): the new payout's id and the available balance. */
export interface ManualPayoutPrepared {
  readonly payoutId: string;
  readonly available: number;
  /** The settings' payoutVersion read BEFORE the balance: the payout commits only if it is still current. */
  readonly payoutVersion: number;
}

export async function prepareManualPayout(deps: Pick<SettlementDeps, 'balances' | 'clock' | 'store'>, merchant: MerchantContext, request: ManualPayoutRequest): Promise<ManualPayoutPrepared> {
  const settings = await deps.store.getPayoutSettings(merchant.merchantId, merchant.livemode);
  const sums = await deps.balances.sums(merchant.merchantId, merchant.livemode, deps.clock.nowMs());
  return { payoutId: newId('po'), available: sums.available[request.currency] ?? 0, payoutVersion: settings?.payoutVersion ?? 0 };
}

/**
 * POST /v1/payouts: pays out up to the available balance in that currency to the merchant's bank
 * account (400 insufficient_funds above it, and nothing is written). The payout is pending for
 * PAYOUT_SUBMIT_DELAY_SECONDS (cancelable), then the submit task sends it.
 */
export async function createManualPayout(
  deps: Pick<SettlementDeps, 'config'>,
  tx: SettlementTransaction,
  merchant: MerchantContext,
  request: ManualPayoutRequest,
  prepared: ManualPayoutPrepared,
  nowMs: number,
): Promise<Result<Payout, ApiError>> {
  if (request.amount > prepared.available) {
    return err(invalidRequest('insufficient_funds', `The payout amount exceeds the available ${request.currency} balance (${Math.max(prepared.available, 0)}).`, 'amount'));
  }
  const settings = await tx.getPayoutSettings(merchant.merchantId, merchant.livemode);
  if (!settings?.bankAccount) return err(invalidRequest('no_bank_account', 'Add a bank account in the payout settings first.', 'bank_account'));
  // Another payout committed after our balance was summed: the balance we checked may be gone.
  // Firestore serialises the two commits on the settings document, so one of them always sees the other.
  if (settings.payoutVersion !== prepared.payoutVersion) {
    return err(apiError(409, 'invalid_request_error', 'payout_conflict', 'Another payout from this balance was created at the same moment; retry the request.'));
  }
  tx.savePayoutSettings({ ...settings, payoutVersion: settings.payoutVersion + 1, lastPayoutMs: nowMs });
  const journal = manualPayoutJournal({ payoutId: prepared.payoutId, merchantId: merchant.merchantId, livemode: merchant.livemode, currency: request.currency, amount: request.amount, nowMs, description: request.description ?? null });
  const payout = pendingPayout({
    id: prepared.payoutId,
    merchantId: merchant.merchantId,
    livemode: merchant.livemode,
    amount: request.amount,
    currency: request.currency,
    automatic: false,
    description: request.description ?? null,
    destination: { last4: settings.bankAccount.last4, country: settings.bankAccount.country, currency: settings.bankAccount.currency },
    balanceTransactionId: journal.balanceTransactions[0].id,
    settlementDate: null,
    createdMs: nowMs,
    arrivalDateMs: nowMs + DAY_MS,
  });
  tx.appendJournal(journal);
  tx.savePayout(payout);
  tx.appendEvents([payoutEvent('payout.created', payout, nowMs)]);
  tx.handOff({ queue: QUEUES.payoutSubmissions, name: submitTaskName(payout.id), payload: { payout_id: payout.id }, delaySeconds: deps.config.payoutSubmitDelaySeconds });
  return ok(payout);
}
