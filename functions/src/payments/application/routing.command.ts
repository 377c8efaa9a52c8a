import { RoutingObject, UpdateRoutingRequest } from '../../contracts/routing-api.v1';
import { ApiError, invalidRequest } from '../../shared/api-error';
import { toUnixSeconds, type Clock } from '../../shared/clock';
import { MerchantContext } from '../../shared/merchant-context';
import { err, ok, Result } from '../../shared/result';
import { ProcessorName } from '../domain/payment';
import { checkCondition, EMPTY_ROUTING, RoutingConfig } from '../domain/routing';
import { RoutingConfigStore } from './routing-config.store';

export interface RoutingDeps {
  readonly routing: RoutingConfigStore;
  readonly clock: Clock;
  readonly processors: (livemode: boolean) => readonly ProcessorName[];
}

export function presentRouting(config: RoutingConfig, livemode: boolean, available: readonly ProcessorName[]): RoutingObject {
  return {
    object: 'routing',
    livemode,
    version: config.version,
    rules: config.rules.map((r) => ({ id: r.id, condition: r.condition, processors: [...r.processors] })),
    split: config.split ? config.split.map((s) => ({ ...s })) : null,
    prefer_local_processor: config.preferLocalProcessor,
    order: config.order ? [...config.order] : null,
    retry_soft_declines: config.retrySoftDeclines,
    available_processors: [...available],
    updated: config.updatedMs ? toUnixSeconds(config.updatedMs) : null,
  };
}

export async function getRouting(deps: RoutingDeps, merchant: MerchantContext): Promise<RoutingObject> {
  const config = (await deps.routing.get(merchant.merchantId, merchant.livemode)) ?? EMPTY_ROUTING;
  return presentRouting(config, merchant.livemode, deps.processors(merchant.livemode));
}

/**
 * Replaces the merchant's routing for the key's mode. Every condition is checked first (syntax,
 * variables, a bool, a bounded cost): a bad one is a 400 naming the rule, and nothing is written.
 */
export async function updateRouting(deps: RoutingDeps, merchant: MerchantContext, body: UpdateRoutingRequest): Promise<Result<RoutingObject, ApiError>> {
  for (const [index, rule] of body.rules.entries()) {
    const check = checkCondition(rule.condition);
    if (!check.ok) return err(invalidRequest('invalid_routing_rule', `Rule ${rule.id}: ${check.message}`, `rules[${index}].condition`));
  }
  const saved = await deps.routing.replace(merchant.merchantId, merchant.livemode, (current) => ({
    rules: body.rules.map((r) => ({ id: r.id, condition: r.condition, processors: r.processors })),
    split: body.split,
    preferLocalProcessor: body.prefer_local_processor,
    order: body.order,
    retrySoftDeclines: body.retry_soft_declines,
    version: (current?.version ?? 0) + 1,
    updatedMs: deps.clock.nowMs(),
  }));
  return ok(presentRouting(saved, merchant.livemode, deps.processors(merchant.livemode)));
}
