import { routeOf } from '../../catalogue/function-catalogue';
import type { RunSettlementRequest } from '../../contracts/settlement-api.v1';
import { apiFunction } from '../../platform/http/api-handler';
import { ApiError } from '../../shared/api-error';
import { ok, Result } from '../../shared/result';
import { presentPayout } from '../application/payout.presenter';
import { runSettlementNow, testKeysOnly } from '../application/run-settlement-now.command';
import type { SettlementRunResult } from '../application/settle-merchant.command';
import type { SettlementTransaction } from '../application/settlement.repository';
import type { SettlementModule } from '../settlement.module';

/**
 * POST /v1/test_helpers/settlement/run (test keys; a live key gets 404 and nothing runs). The run is
 * its own transaction (FX quotes first), so it happens in the request's prepare step, once per
 * request; the mutation records the answer under the Idempotency-Key.
 */
export const runSettlementHttp = (deps: () => SettlementModule) =>
  apiFunction<SettlementTransaction, Result<SettlementRunResult, ApiError>>(routeOf('runSettlement'), deps, {
    admit: async ({ merchant }) => testKeysOnly(merchant),
    prepare: ({ merchant, body }) => runSettlementNow(deps(), merchant, { settlementDate: (body as RunSettlementRequest).settlement_date }),
    mutation: async ({ prepared }) =>
      prepared.ok ? ok({ object: 'settlement_run', payouts: prepared.value.payouts.map(presentPayout), skipped_reason: prepared.value.skippedReason }) : prepared,
  });
