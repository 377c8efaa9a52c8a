import { routeOf } from '../../catalogue/function-catalogue';
import { CreateRefundRequest } from '../../contracts/payments-api.v1';
import { apiFunction } from '../../platform/http/api-handler';
import type { PaymentsModule } from '../payments.module';
import { ok } from '../../shared/result';
import { createRefund } from '../application/create-refund.command';
import { presentRefund } from '../application/payment.presenter';

export const createRefundHttp = (deps: () => PaymentsModule) =>
  apiFunction(routeOf('createRefund'), deps, {
    mutation: async ({ merchant, body, tx }) => {
      const result = await createRefund(deps(), tx, merchant, body as CreateRefundRequest);
      return result.ok ? ok(presentRefund(result.value)) : result;
    },
  });
