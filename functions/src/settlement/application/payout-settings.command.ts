import { ApiError, invalidRequest } from '../../shared/api-error';
import { MerchantContext } from '../../shared/merchant-context';
import { err, ok, Result } from '../../shared/result';
import { changePayoutSettings, defaultPayoutSettings, PayoutBankAccount, PayoutInterval, PayoutSettings, Weekday } from '../domain/payout-settings';
import type { SettlementDeps } from './settlement.deps';
import type { SettlementStore, SettlementTransaction } from './settlement.repository';

export interface PayoutSettingsRequest {
  readonly schedule?: { readonly interval?: PayoutInterval; readonly delay_days?: number; readonly weekly_anchor?: Weekday | null };
  readonly settlement_currency?: string | null;
  /** A bank token (ba_…); null removes the account. */
  readonly bank_account?: string | null;
}

/** The bank's answer for the token, asked before the transaction: undefined = unchanged, null = removed. */
export type PreparedBankAccount = { readonly ok: true; readonly account: PayoutBankAccount | null | undefined } | { readonly ok: false; readonly error: ApiError };

export async function lookUpBankAccount(deps: Pick<SettlementDeps, 'bank'>, merchant: MerchantContext, request: PayoutSettingsRequest): Promise<PreparedBankAccount> {
  if (request.bank_account === undefined || request.bank_account === null) return { ok: true, account: request.bank_account };
  const account = await deps.bank.lookupAccount(merchant.livemode, request.bank_account);
  // The token is not echoed: it is the merchant's credential at the bank.
  return account ? { ok: true, account } : { ok: false, error: invalidRequest('invalid_bank_account', 'The bank does not know this bank account token.', 'bank_account') };
}

/** POST /v1/account/payout_settings, inside the request's idempotent transaction. */
export async function updatePayoutSettings(tx: SettlementTransaction, merchant: MerchantContext, request: PayoutSettingsRequest, bank: PreparedBankAccount, nowMs: number): Promise<Result<PayoutSettings, ApiError>> {
  if (!bank.ok) return err(bank.error);
  const current = (await tx.getPayoutSettings(merchant.merchantId, merchant.livemode)) ?? defaultPayoutSettings(merchant.merchantId, merchant.livemode);
  const changed = changePayoutSettings(
    current,
    { interval: request.schedule?.interval, delayDays: request.schedule?.delay_days, weeklyAnchor: request.schedule?.weekly_anchor, settlementCurrency: request.settlement_currency },
    bank.account,
    nowMs,
  );
  if (!changed.ok) return err(invalidRequest(changed.error.code, changed.error.message, changed.error.param));
  tx.savePayoutSettings(changed.value);
  return ok(changed.value);
}

/** GET /v1/account/payout_settings: the saved settings, or the defaults. */
export async function getPayoutSettings(store: Pick<SettlementStore, 'getPayoutSettings'>, merchant: MerchantContext): Promise<PayoutSettings> {
  return (await store.getPayoutSettings(merchant.merchantId, merchant.livemode)) ?? defaultPayoutSettings(merchant.merchantId, merchant.livemode);
}
