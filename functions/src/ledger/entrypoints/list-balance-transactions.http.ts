import { routeOf } from '../../catalogue/function-catalogue';
import type { ListBalanceTransactionsQuery } from '../../contracts/ledger-api.v1';
import type { ApiDeps } from '../../platform/http/api-handler';
import { apiFunction } from '../../platform/http/api-handler';
import type { IdempotencyTransaction } from '../../platform/application/idempotency';
import { ok } from '../../shared/result';
import type { z } from 'zod';
import { presentBalanceTransaction } from '../application/balance-transaction.presenter';
import { listBalanceTransactions } from '../application/list-balance-transactions.query';
import type { LedgerModule } from '../ledger.module';

export const listBalanceTransactionsHttp = <Tx extends IdempotencyTransaction>(deps: () => ApiDeps<Tx> & LedgerModule) =>
  apiFunction(routeOf('listBalanceTransactions'), deps, {
    query: async ({ merchant, query }) => {
      const q = query as z.infer<typeof ListBalanceTransactionsQuery>;
      const page = await listBalanceTransactions(deps().balanceTransactions, merchant, {
        type: q.type, payoutId: q.payout, createdGteMs: q['created[gte]'] === undefined ? undefined : Number(q['created[gte]']) * 1000, limit: q.limit, startingAfter: q.starting_after,
      });
      const nowMs = deps().clock.nowMs();
      return ok({ object: 'list', data: page.data.map((txn) => presentBalanceTransaction(txn, nowMs)), has_more: page.hasMore, url: '/v1/balance_transactions' });
    },
  });
