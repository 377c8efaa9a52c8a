import { routeOf } from '../../catalogue/function-catalogue';
import { deps } from '../../composition-root';
import { apiFunction } from '../../platform/http/api-handler';
import { ok } from '../../shared/result';
import { getRefund } from '../application/get-refund.query';
import { presentRefund } from '../application/payment.presenter';

export const getRefundHttp = apiFunction(routeOf('getRefund'), deps, {
  query: async ({ merchant, params }) => {
    const result = await getRefund(deps().payments, merchant, params.id);
    return result.ok ? ok(presentRefund(result.value)) : result;
  },
});
