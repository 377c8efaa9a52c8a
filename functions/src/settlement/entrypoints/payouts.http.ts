import { routeOf } from '../../catalogue/function-catalogue';
import type { CreatePayoutRequest, ListPayoutsQuery } from '../../contracts/settlement-api.v1';
import { apiFunction } from '../../platform/http/api-handler';
import { ok } from '../../shared/result';
import { cancelPayout } from '../application/cancel-payout.command';
import { createManualPayout, ManualPayoutPrepared, prepareManualPayout } from '../application/create-manual-payout.command';
import { getPayout, listPayouts } from '../application/get-payout.query';
import { presentPayout } from '../application/payout.presenter';
import type { SettlementTransaction } from '../application/settlement.repository';
import type { SettlementModule } from '../settlement.module';

export const listPayoutsHttp = (deps: () => SettlementModule) =>
  apiFunction(routeOf('listPayouts'), deps, {
    query: async ({ merchant, query }) => {
      const { status, limit, starting_after } = query as ListPayoutsQuery;
      const page = await listPayouts(deps().store, merchant, { status, limit, startingAfter: starting_after });
      return ok({ object: 'list', data: page.payouts.map(presentPayout), has_more: page.hasMore, url: '/v1/payouts' });
    },
  });

export const getPayoutHttp = (deps: () => SettlementModule) =>
  apiFunction(routeOf('getPayout'), deps, {
    query: async ({ merchant, params }) => {
      const result = await getPayout(deps().store, merchant, params.id);
      return result.ok ? ok(presentPayout(result.value)) : result;
    },
  });

export const createPayoutHttp = (deps: () => SettlementModule) =>
  apiFunction<SettlementTransaction, ManualPayoutPrepared>(routeOf('createPayout'), deps, {
    // The available balance (a server-side sum) and the payout's id, read once, before the transaction.
    prepare: ({ merchant, body }) => prepareManualPayout(deps(), merchant, body as CreatePayoutRequest),
    mutation: async ({ merchant, body, tx, prepared }) => {
      const result = await createManualPayout(deps(), tx, merchant, body as CreatePayoutRequest, prepared, deps().clock.nowMs());
      return result.ok ? ok(presentPayout(result.value)) : result;
    },
  });

export const cancelPayoutHttp = (deps: () => SettlementModule) =>
  apiFunction(routeOf('cancelPayout'), deps, {
    mutation: async ({ merchant, params, tx }) => {
      const result = await cancelPayout(tx, merchant, params.id, deps().clock.nowMs());
      return result.ok ? ok(presentPayout(result.value)) : result;
    },
  });
