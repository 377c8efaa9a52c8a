import { routeOf } from '../../catalogue/function-catalogue';
import { deps } from '../../composition-root';
import { apiFunction } from '../../platform/http/api-handler';
import { ok } from '../../shared/result';
import { getBalance } from '../application/get-balance.query';

export const getBalanceHttp = apiFunction(routeOf('getBalance'), deps, {
  query: async ({ merchant }) => ok(await getBalance(deps().ledger, merchant)),
});
