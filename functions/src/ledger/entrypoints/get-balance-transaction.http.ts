import { routeOf } from '../../catalogue/function-catalogue';
import type { ApiDeps } from '../../platform/http/api-handler';
import { apiFunction } from '../../platform/http/api-handler';
import type { IdempotencyTransaction } from '../../platform/application/idempotency';
import { ok } from '../../shared/result';
import { presentBalanceTransaction } from '../application/balance-transaction.presenter';
import { getBalanceTransaction } from '../application/get-balance-transaction.query';
import type { LedgerModule } from '../ledger.module';

export const getBalanceTransactionHttp = <Tx extends IdempotencyTransaction>(deps: () => ApiDeps<Tx> & LedgerModule) =>
  apiFunction(routeOf('getBalanceTransaction'), deps, {
    query: async ({ merchant, params }) => {
      const result = await getBalanceTransaction(deps().balanceTransactions, merchant, params.id);
      return result.ok ? ok(presentBalanceTransaction(result.value, deps().clock.nowMs())) : result;
    },
  });
