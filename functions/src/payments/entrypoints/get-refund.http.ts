import { routeOf } from '../../catalogue/function-catalogue';
import { apiFunction } from '../../platform/http/api-handler';
import type { PaymentsModule } from '../payments.module';
import { ok } from '../../shared/result';
import { getRefund } from '../application/get-refund.query';
import { presentRefund } from '../application/payment.presenter';

export const getRefundHttp = (deps: () => PaymentsModule) =>
  apiFunction(routeOf('getRefund'), deps, {
    query: async ({ merchant, params }) => {
      const result = await getRefund(deps().payments, merchant, params.id);
      return result.ok ? ok(presentRefund(result.value)) : result;
    },
  });
