import { routeOf } from '../../catalogue/function-catalogue';
import type { DisputeEvidenceV1 } from '../../contracts/disputes-api.v1';
import { apiFunction } from '../../platform/http/api-handler';
import { ok } from '../../shared/result';
import type { PaymentsModule } from '../payments.module';
import { presentDispute } from '../application/dispute.presenter';
import { getDispute, listDisputes } from '../application/get-dispute.query';
import { closeDispute, updateDispute } from '../application/respond-to-dispute.command';

export const listDisputesHttp = (deps: () => PaymentsModule) =>
  apiFunction(routeOf('listDisputes'), deps, {
    query: async ({ merchant, query }) => {
      const { limit, starting_after, payment } = query as { limit: number; starting_after?: string; payment?: string };
      const page = await listDisputes(deps().payments, merchant, { limit, startingAfter: starting_after, paymentId: payment });
      const nowMs = deps().clock.nowMs();
      return ok({ object: 'list', data: page.disputes.map((d) => presentDispute(d, nowMs)), has_more: page.hasMore, url: '/v1/disputes' });
    },
  });

export const getDisputeHttp = (deps: () => PaymentsModule) =>
  apiFunction(routeOf('getDispute'), deps, {
    query: async ({ merchant, params }) => {
      const result = await getDispute(deps().payments, merchant, params.id);
      return result.ok ? ok(presentDispute(result.value, deps().clock.nowMs())) : result;
    },
  });

export const updateDisputeHttp = (deps: () => PaymentsModule) =>
  apiFunction(routeOf('updateDispute'), deps, {
    mutation: async ({ merchant, params, body, tx }) => {
      const input = body as { evidence?: DisputeEvidenceV1; submit: boolean; metadata?: Record<string, string> };
      const result = await updateDispute(deps(), tx, merchant, { disputeId: params.id, ...input });
      return result.ok ? ok(presentDispute(result.value, deps().clock.nowMs())) : result;
    },
  });

export const closeDisputeHttp = (deps: () => PaymentsModule) =>
  apiFunction(routeOf('closeDispute'), deps, {
    mutation: async ({ merchant, params, tx }) => {
      const result = await closeDispute(deps(), tx, merchant, { disputeId: params.id });
      return result.ok ? ok(presentDispute(result.value, deps().clock.nowMs())) : result;
    },
  });
