import { routeOf } from '../../catalogue/function-catalogue';
import { deps } from '../../composition-root';
import { CreatePaymentRequest } from '../../contracts/payments-api.v1';
import { apiFunction } from '../../platform/http/api-handler';
import { ok } from '../../shared/result';
import { createPayment } from '../application/create-payment.command';
import { presentPayment } from '../application/payment.presenter';

export const createPaymentHttp = apiFunction(routeOf('createPayment'), deps, {
  mutation: async ({ merchant, body, tx }) => {
    const result = await createPayment(deps(), tx, merchant, body as CreatePaymentRequest);
    return result.ok ? ok(presentPayment(result.value)) : result;
  },
});
