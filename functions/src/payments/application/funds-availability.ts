/**
 * When a capture's funds become available to the merchant: `delay_days` after the capture, from
 * the merchant's payout settings in that mode (the settlement context implements this port).
 * Read by execute-capture before its transaction, so the capture's commit stays free of the read.
 */
export interface FundsAvailability {
  delayDaysFor(merchantId: string, livemode: boolean): Promise<number>;
}

/** Without payout settings, funds are available two days after capture. */
export const DEFAULT_DELAY_DAYS = 2;

export const DAY_MS = 86_400_000;

/** A fixed delay, for tests and for a deployment without settlement. */
export const fixedFundsAvailability = (delayDays = DEFAULT_DELAY_DAYS): FundsAvailability => ({ delayDaysFor: async () => delayDays });
