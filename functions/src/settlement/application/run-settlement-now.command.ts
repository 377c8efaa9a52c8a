import { ApiError, apiError } from '../../shared/api-error';
import { MerchantContext } from '../../shared/merchant-context';
import { err, ok, Result } from '../../shared/result';
import { onDemandCutoffMs, settlementDateOf, settlementId } from '../domain/settlement-date';
import { settleMerchant, SettlementRunResult } from './settle-merchant.command';
import type { SettlementDeps } from './settlement.deps';

/**
 * POST /v1/test_helpers/settlement/run: the merchant's settlement now, with the same command as the
 * schedule's task, paying what is available now (the schedule pays what was available when its day began). Test keys only: for a live key the route does not exist (404). Each call is a run of
 * its own (`…_<yyyymmdd>_h<ms>`), so a test can settle, take more payments and settle again the same
 * day; what was settled is marked, so nothing is ever paid twice, and an Idempotency-Key replays the
 * first answer.
 */
/** Test helpers do not exist for live keys: 404, as for any unknown URL. */
export const testKeysOnly = (merchant: MerchantContext): Result<void, ApiError> =>
  merchant.livemode ? err(apiError(404, 'invalid_request_error', 'resource_missing', 'Unrecognized request URL (POST: /v1/test_helpers/settlement/run). Test helpers exist for test keys only.')) : ok(undefined);

export async function runSettlementNow(deps: SettlementDeps, merchant: MerchantContext, request: { settlementDate?: string }): Promise<Result<SettlementRunResult, ApiError>> {
  const allowed = testKeysOnly(merchant);
  if (!allowed.ok) return allowed;
  const nowMs = deps.clock.nowMs();
  const settlementDate = request.settlementDate ?? settlementDateOf(nowMs);
  const runId = `${settlementId(merchant.merchantId, false, settlementDate)}_h${nowMs}`;
  return ok(await settleMerchant(deps, { merchantId: merchant.merchantId, livemode: false, settlementDate, runId, cutoffMs: onDemandCutoffMs(settlementDate, nowMs) }));
}
