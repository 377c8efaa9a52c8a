import { isSupportedCurrency } from '../../shared/currency';
import { err, ok, Result } from '../../shared/result';

// A merchant's payout settings, one per merchant and mode (test and live never share them).
export const PAYOUT_INTERVALS = ['daily', 'weekly', 'manual'] as const;
export type PayoutInterval = (typeof PAYOUT_INTERVALS)[number];
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface PayoutBankAccount {
  /** The bank's token for the account: the account number itself is never stored. */
  readonly token: string;
  readonly last4: string;
  readonly country: string;
  readonly currency: string;
}

export interface PayoutSettings {
  readonly merchantId: string;
  readonly livemode: boolean;
  readonly interval: PayoutInterval;
  readonly delayDays: number;
  readonly weeklyAnchor: Weekday | null;
  /** null: each currency is paid out in itself. */
  readonly settlementCurrency: string | null;
  /** null: nothing is paid out automatically (the settlement is recorded as skipped `no_bank_account`). */
  readonly bankAccount: PayoutBankAccount | null;
  readonly updatedMs: number;
  /**
   * Bumped by every commit that pays out of the available balance (a settlement with payouts, a manual
   * payout). The balance is summed before the transaction; a payout commits only if no other payout
   * committed since that sum was read, so two payouts at once cannot together exceed the balance.
   */
  readonly payoutVersion: number;
  /** When the last payout out of this balance committed (null: never): a daily scan older than it is stale. */
  readonly lastPayoutMs: number | null;
}

export const DEFAULT_DELAY_DAYS = 2;
export const MAX_DELAY_DAYS = 14;

/** What a merchant that never saved settings gets. */
export const defaultPayoutSettings = (merchantId: string, livemode: boolean): PayoutSettings => ({
  merchantId,
  livemode,
  interval: 'daily',
  delayDays: DEFAULT_DELAY_DAYS,
  weeklyAnchor: null,
  settlementCurrency: null,
  bankAccount: null,
  updatedMs: 0,
  payoutVersion: 0,
  lastPayoutMs: null,
});

/** A change a merchant asks for; absent fields keep their current value. */
export interface PayoutSettingsChange {
  readonly interval?: PayoutInterval;
  readonly delayDays?: number;
  readonly weeklyAnchor?: Weekday | null;
  readonly settlementCurrency?: string | null;
}

export type PayoutSettingsError = { readonly code: string; readonly message: string; readonly param: string };

/** The settings after a change, or why the change is refused (nothing is written then). */
export function changePayoutSettings(current: PayoutSettings, change: PayoutSettingsChange, bankAccount: PayoutBankAccount | null | undefined, nowMs: number): Result<PayoutSettings, PayoutSettingsError> {
  const interval = change.interval ?? current.interval;
  const delayDays = change.delayDays ?? current.delayDays;
  if (!Number.isInteger(delayDays) || delayDays < 0 || delayDays > MAX_DELAY_DAYS) {
    return err({ code: 'invalid_delay_days', message: `delay_days must be an integer from 0 to ${MAX_DELAY_DAYS}.`, param: 'schedule[delay_days]' });
  }
  // Funds available the moment they are captured would let a live merchant pay out money a card
  // network can still pull back: 0 exists for tests only.
  if (delayDays === 0 && current.livemode) {
    return err({ code: 'invalid_delay_days', message: 'delay_days 0 is allowed in test mode only.', param: 'schedule[delay_days]' });
  }
  let weeklyAnchor = change.weeklyAnchor === undefined ? current.weeklyAnchor : change.weeklyAnchor;
  if (interval === 'weekly') {
    weeklyAnchor ??= 'monday';
  } else if (change.weeklyAnchor) {
    return err({ code: 'weekly_anchor_not_allowed', message: 'weekly_anchor applies to a weekly schedule only.', param: 'schedule[weekly_anchor]' });
  } else {
    weeklyAnchor = null;
  }
  const settlementCurrency = change.settlementCurrency === undefined ? current.settlementCurrency : change.settlementCurrency;
  if (settlementCurrency !== null && !isSupportedCurrency(settlementCurrency)) {
    return err({ code: 'invalid_currency', message: `Unsupported settlement currency ${settlementCurrency}.`, param: 'settlement_currency' });
  }
  return ok({
    merchantId: current.merchantId,
    livemode: current.livemode,
    interval,
    delayDays,
    weeklyAnchor,
    settlementCurrency,
    bankAccount: bankAccount === undefined ? current.bankAccount : bankAccount,
    updatedMs: nowMs,
    payoutVersion: current.payoutVersion,
    lastPayoutMs: current.lastPayoutMs,
  });
}

/** Whether the schedule settles on this UTC date (YYYY-MM-DD). */
export function isDueOn(settings: Pick<PayoutSettings, 'interval' | 'weeklyAnchor'>, date: string): boolean {
  switch (settings.interval) {
    case 'daily':
      return true;
    case 'weekly':
      return settings.weeklyAnchor === weekdayOf(date);
    case 'manual':
      return false;
  }
}

export const weekdayOf = (date: string): Weekday => WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
