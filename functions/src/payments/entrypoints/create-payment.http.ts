import { routeOf } from '../../catalogue/function-catalogue';
import { CreatePaymentRequest } from '../../contracts/payments-api.v1';
import { apiFunction } from '../../platform/http/api-handler';
import type { PaymentsModule } from '../payments.module';
import { err, ok } from '../../shared/result';
import { accountNotVerified } from '../../identity/application/merchant-verification.lookup';
import { createPayment } from '../application/create-payment.command';
import { presentPayment } from '../application/payment.presenter';

export const createPaymentHttp = (deps: () => PaymentsModule) =>
  apiFunction(routeOf('createPayment'), deps, {
    // Only verified merchants take live money. Asked before the transaction: its body may run more
    // than once and must only stage reads and writes, and a refusal writes nothing.
    admit: async ({ merchant }) => (merchant.livemode && !(await deps().verification.isVerified(merchant.merchantId)) ? err(accountNotVerified()) : ok(undefined)),
    mutation: async ({ merchant, body, tx }) => {
      const result = await createPayment(deps(), tx, merchant, body as CreatePaymentRequest);
      return result.ok ? ok(presentPayment(result.value)) : result;
    },
  });
