import type { RoutingConfig } from '../domain/routing';
import type { RoutingConfigStore } from '../application/routing-config.store';

const idOf = (merchantId: string, livemode: boolean) => `${merchantId}_${livemode ? 'live' : 'test'}`;

export class InMemoryRoutingConfigStore implements RoutingConfigStore {
  private readonly configs = new Map<string, RoutingConfig>();

  async get(merchantId: string, livemode: boolean): Promise<RoutingConfig | null> {
    return this.configs.get(idOf(merchantId, livemode)) ?? null;
  }

  async replace(merchantId: string, livemode: boolean, next: (current: RoutingConfig | null) => RoutingConfig): Promise<RoutingConfig> {
    const saved = next(this.configs.get(idOf(merchantId, livemode)) ?? null);
    this.configs.set(idOf(merchantId, livemode), saved);
    return saved;
  }
}
