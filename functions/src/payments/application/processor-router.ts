import type { Payment, ProcessorName } from '../domain/payment';

/** Port: the processors to try for a payment's authorisation, in order (routing rules, volume split, failover order). */
export interface ProcessorRouter {
  route(payment: Payment): Promise<RouteDecision>;
}

export interface RouteDecision {
  /** Tried in this order: the next one only when the one before was not reached (or soft-declined, if allowed). */
  readonly candidates: readonly ProcessorName[];
  /** A soft decline (try_again_later, do_not_honor) may be retried once on the next candidate. */
  readonly retrySoftDeclines: boolean;
  /** Why this order, for the payment's attempts and the logs (e.g. `rule:eur-to-acquirer`, `split`, `default`). */
  readonly reason: string;
}

/** Routes every payment to the configured processors in their configured order (the platform default). */
export const defaultOrderRouter = (processors: (livemode: boolean) => readonly ProcessorName[]): ProcessorRouter => ({
  route: async (payment) => ({ candidates: processors(payment.livemode), retrySoftDeclines: false, reason: 'default' }),
});
