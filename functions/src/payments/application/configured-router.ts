import type { Clock } from '../../shared/clock';
import type { Payment, ProcessorName } from '../domain/payment';
import { compileRouting, CompiledRouting, decideRoute, EMPTY_ROUTING, RoutingFeatures } from '../domain/routing';
import type { ProcessorRouter, RouteDecision } from './processor-router';
import type { RoutingConfigStore } from './routing-config.store';

/** The card behind a token, for rules on card_brand and card_country (the fraud context's card lookup). */
export interface RoutingCardLookup {
  lookup(token: string, livemode: boolean): Promise<{ readonly brand: string; readonly country: string } | null>;
}

/** How long an instance keeps a merchant's compiled routing: a saved change applies within this. */
export const ROUTING_CACHE_MS = 10_000;

/**
 * Routes by the merchant's saved routing (per mode), compiled once per version and cached briefly per
 * instance; the card is looked up only when a rule or local routing needs it, and a failed look-up
 * routes as if the card were unknown rather than holding the payment.
 */
export function configuredRouter(deps: {
  routing: RoutingConfigStore;
  cards: RoutingCardLookup;
  processors: (livemode: boolean) => readonly ProcessorName[];
  platformOrder: readonly ProcessorName[];
  clock: Clock;
}): ProcessorRouter {
  const cache = new Map<string, { atMs: number; compiled: CompiledRouting }>();
  const compiledFor = async (merchantId: string, livemode: boolean): Promise<CompiledRouting> => {
    const key = `${merchantId}_${livemode}`;
    const cached = cache.get(key);
    if (cached && deps.clock.nowMs() - cached.atMs < ROUTING_CACHE_MS) return cached.compiled;
    const config = (await deps.routing.get(merchantId, livemode)) ?? EMPTY_ROUTING;
    const compiled = cached && cached.compiled.config.version === config.version ? cached.compiled : compileRouting(config);
    cache.set(key, { atMs: deps.clock.nowMs(), compiled });
    return compiled;
  };
  return {
    async route(payment: Payment): Promise<RouteDecision> {
      const compiled = await compiledFor(payment.merchantId, payment.livemode);
      const needsCard = compiled.config.preferLocalProcessor || compiled.config.rules.some((r) => r.condition.includes('card_'));
      const card = needsCard ? await deps.cards.lookup(payment.paymentMethod, payment.livemode).catch(() => null) : null;
      const features: RoutingFeatures = {
        amount: payment.amount,
        currency: payment.currency,
        card_brand: card?.brand.toLowerCase() ?? '',
        card_country: card?.country.toLowerCase() ?? '',
        customer_country: payment.customer?.country?.toLowerCase() ?? '',
      };
      const decision = decideRoute(compiled, features, deps.processors(payment.livemode), deps.platformOrder, payment.id);
      return { candidates: decision.candidates, retrySoftDeclines: compiled.config.retrySoftDeclines, reason: decision.reason };
    },
  };
}
