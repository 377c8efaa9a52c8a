import type { Clock } from '../../shared/clock';
import { defaultPayoutSettings } from '../domain/payout-settings';
import type { SettlementStore } from './settlement.repository';

/** The payments context's FundsAvailability port (payments/application/funds-availability.ts), structurally. */
export interface DelayDaysSource {
  delayDaysFor(merchantId: string, livemode: boolean): Promise<number>;
}

const CACHE_MS = 30_000;

/**
 * How many days a capture waits before its funds are available: the merchant's payout settings
 * (delay_days, default 2), read by execute-capture outside its transaction. Cached for 30 s per
 * instance, so a busy merchant's captures read the settings once per 30 s, not once each; a change
 * reaches every instance within 30 s.
 */
export class PayoutSettingsFundsAvailability implements DelayDaysSource {
  private readonly cache = new Map<string, { delayDays: number; expiresMs: number }>();

  constructor(
    private readonly store: Pick<SettlementStore, 'getPayoutSettings'>,
    private readonly clock: Clock,
  ) {}

  async delayDaysFor(merchantId: string, livemode: boolean): Promise<number> {
    const key = `${merchantId}_${livemode ? 'live' : 'test'}`;
    const nowMs = this.clock.nowMs();
    const cached = this.cache.get(key);
    if (cached && cached.expiresMs > nowMs) return cached.delayDays;
    const settings = (await this.store.getPayoutSettings(merchantId, livemode)) ?? defaultPayoutSettings(merchantId, livemode);
    this.cache.set(key, { delayDays: settings.delayDays, expiresMs: nowMs + CACHE_MS });
    return settings.delayDays;
  }
}
