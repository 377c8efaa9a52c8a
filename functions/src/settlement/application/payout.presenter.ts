import { toUnixSeconds } from '../../shared/clock';
import type { Payout } from '../domain/payout';
import type { PayoutSettings } from '../domain/payout-settings';

// Stripe's shapes. The bank account is shown by its last four digits; the bank's token never leaves the server.
const bankAccountOf = (account: { last4: string; country: string; currency: string }) => ({ object: 'bank_account' as const, last4: account.last4, country: account.country, currency: account.currency });

export function presentPayout(payout: Payout) {
  return {
    id: payout.id,
    object: 'payout' as const,
    amount: payout.amount,
    currency: payout.currency,
    status: payout.status,
    arrival_date: toUnixSeconds(payout.arrivalDateMs),
    created: toUnixSeconds(payout.createdMs),
    method: 'standard' as const,
    automatic: payout.automatic,
    balance_transaction: payout.balanceTransactionId,
    failure_code: payout.status === 'failed' ? payout.failureCode : null,
    failure_message: payout.status === 'failed' ? payout.failureMessage : null,
    destination: bankAccountOf(payout.destination),
    livemode: payout.livemode,
    description: payout.description,
  };
}

export type PayoutObject = ReturnType<typeof presentPayout>;

export function presentPayoutSettings(settings: PayoutSettings) {
  return {
    object: 'payout_settings' as const,
    schedule: { interval: settings.interval, delay_days: settings.delayDays, weekly_anchor: settings.weeklyAnchor },
    settlement_currency: settings.settlementCurrency,
    bank_account: settings.bankAccount ? bankAccountOf(settings.bankAccount) : null,
    livemode: settings.livemode,
  };
}
