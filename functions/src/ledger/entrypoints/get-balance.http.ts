import { routeOf } from '../../catalogue/function-catalogue';
import type { ApiDeps } from '../../platform/http/api-handler';
import { apiFunction } from '../../platform/http/api-handler';
import type { IdempotencyTransaction } from '../../platform/application/idempotency';
import { ok } from '../../shared/result';
import { getBalance } from '../application/get-balance.query';
import type { LedgerModule } from '../ledger.module';

export const getBalanceHttp = <Tx extends IdempotencyTransaction>(deps: () => ApiDeps<Tx> & LedgerModule) =>
  apiFunction(routeOf('getBalance'), deps, {
    query: async ({ merchant }) => ok(await getBalance(deps().balanceTransactions, merchant, deps().clock.nowMs())),
  });
