import { routeOf } from '../../catalogue/function-catalogue';
import { apiFunction } from '../../platform/http/api-handler';
import type { PaymentsModule } from '../payments.module';
import { ok } from '../../shared/result';
import { cancelPayment } from '../application/cancel-payment.command';
import { presentPayment } from '../application/payment.presenter';

export const cancelPaymentHttp = (deps: () => PaymentsModule) =>
  apiFunction(routeOf('cancelPayment'), deps, {
    mutation: async ({ merchant, params, tx }) => {
      const result = await cancelPayment(deps(), tx, merchant, { paymentId: params.id });
      return result.ok ? ok(presentPayment(result.value)) : result;
    },
  });
