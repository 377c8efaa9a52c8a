import type { RoutingConfig } from '../domain/routing';

/** Port: a merchant's routing per mode (test and live are kept apart: two documents). */
export interface RoutingConfigStore {
  get(merchantId: string, livemode: boolean): Promise<RoutingConfig | null>;
  /** Replaces it with the next version, atomically with reading the current one; returns what was saved. */
  replace(merchantId: string, livemode: boolean, next: (current: RoutingConfig | null) => RoutingConfig): Promise<RoutingConfig>;
}
