import { routeOf } from '../../catalogue/function-catalogue';
import { apiFunction } from '../../platform/http/api-handler';
import type { PaymentsModule } from '../payments.module';
import { ok } from '../../shared/result';
import { getPayment } from '../application/get-payment.query';
import { presentPayment } from '../application/payment.presenter';

export const getPaymentHttp = (deps: () => PaymentsModule) =>
  apiFunction(routeOf('getPayment'), deps, {
    query: async ({ merchant, params }) => {
      const result = await getPayment(deps().payments, merchant, params.id);
      return result.ok ? ok(presentPayment(result.value)) : result;
    },
  });
