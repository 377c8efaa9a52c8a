import { routeOf } from '../../catalogue/function-catalogue';
import { apiFunction } from '../../platform/http/api-handler';
import type { PaymentsModule } from '../payments.module';
import { ok } from '../../shared/result';
import { listPayments } from '../application/list-payments.query';
import { presentPayment } from '../application/payment.presenter';

export const listPaymentsHttp = (deps: () => PaymentsModule) =>
  apiFunction(routeOf('listPayments'), deps, {
    query: async ({ merchant, query }) => {
      const { limit, starting_after } = query as { limit: number; starting_after?: string };
      const page = await listPayments(deps().payments, merchant, { limit, startingAfter: starting_after });
      return ok({ object: 'list', data: page.payments.map(presentPayment), has_more: page.hasMore, url: '/v1/payments' });
    },
  });
