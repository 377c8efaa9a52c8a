import { routeOf } from '../../catalogue/function-catalogue';
import { apiFunction } from '../../platform/http/api-handler';
import type { PaymentsModule } from '../payments.module';
import { ok } from '../../shared/result';
import { capturePayment } from '../application/capture-payment.command';
import { presentPayment } from '../application/payment.presenter';

export const capturePaymentHttp = (deps: () => PaymentsModule) =>
  apiFunction(routeOf('capturePayment'), deps, {
    mutation: async ({ merchant, params, body, tx }) => {
      const { amount_to_capture } = body as { amount_to_capture?: number };
      const result = await capturePayment(deps(), tx, merchant, { paymentId: params.id, amountToCapture: amount_to_capture });
      return result.ok ? ok(presentPayment(result.value)) : result;
    },
  });
