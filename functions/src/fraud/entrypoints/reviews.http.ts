import { routeOf } from '../../catalogue/function-catalogue';
import { presentPayment } from '../../payments/application/payment.presenter';
import { apiFunction } from '../../platform/http/api-handler';
import type { FraudEntrypointDeps } from '../fraud.module';
import { ok } from '../../shared/result';
import { decideReview, listReviews } from '../application/reviews.command';
import { listReportedPayment, reportFraud } from '../application/fraud-feedback.command';

export const listReviewsHttp = (deps: () => FraudEntrypointDeps) =>
  apiFunction(routeOf('listReviews'), deps, {
    query: async ({ merchant, query }) => ok(await listReviews(deps().fraud.reviews, merchant, (query as { limit: number }).limit)),
  });

export const approveReviewHttp = (deps: () => FraudEntrypointDeps) =>
  apiFunction(routeOf('approveReview'), deps, {
    mutation: async ({ merchant, params, tx }) => {
      const result = await decideReview(deps(), tx, merchant, params.id, 'approve');
      return result.ok ? ok(presentPayment(result.value)) : result;
    },
  });

export const rejectReviewHttp = (deps: () => FraudEntrypointDeps) =>
  apiFunction(routeOf('rejectReview'), deps, {
    mutation: async ({ merchant, params, tx }) => {
      const result = await decideReview(deps(), tx, merchant, params.id, 'reject');
      return result.ok ? ok(presentPayment(result.value)) : result;
    },
  });

export const reportFraudHttp = (deps: () => FraudEntrypointDeps) =>
  apiFunction(routeOf('reportFraud'), deps, {
    admit: ({ merchant, params }) => listReportedPayment({ payments: deps().payments, cards: deps().fraud.cards, history: deps().fraud.history }, merchant, params.id),
    mutation: async ({ merchant, params, tx }) => {
      const result = await reportFraud(deps(), tx, merchant, params.id);
      return result.ok ? ok(presentPayment(result.value)) : result;
    },
  });
