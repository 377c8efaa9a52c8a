import { PayoutSettingsFundsAvailability } from './funds-availability.settings';
import { getPayoutSettings, lookUpBankAccount, PayoutSettingsRequest, updatePayoutSettings } from './payout-settings.command';
import { presentPayoutSettings } from './payout.presenter';
import { settlementHarness } from '../testing/settlement-harness';

const save = async (h: ReturnType<typeof settlementHarness>, request: PayoutSettingsRequest, livemode = false) => {
  const merchant = h.merchant('acct_1', livemode);
  const bank = await lookUpBankAccount(h.deps, merchant, request);
  return h.store.transaction((tx) => updatePayoutSettings(tx, merchant, request, bank, h.clock.nowMs()));
};

describe('payout settings', () => {
  it('are saved with the bank account checked with the bank, shown by last4 only', async () => {
    const h = settlementHarness();
    const saved = await save(h, { schedule: { interval: 'weekly', delay_days: 0, weekly_anchor: 'friday' }, settlement_currency: 'eur', bank_account: 'ba_test_success' });
    expect(saved.ok).toBe(true);
    const shown = presentPayoutSettings(await getPayoutSettings(h.store, h.merchant()));
    expect(shown).toEqual({ object: 'payout_settings', schedule: { interval: 'weekly', delay_days: 0, weekly_anchor: 'friday' }, settlement_currency: 'eur', bank_account: { object: 'bank_account', last4: '6789', country: 'US', currency: 'usd' }, livemode: false });
    expect(JSON.stringify(shown)).not.toContain('ba_test_success');
  });

  it('refuse a token the bank does not know, and delay_days 0 for a live key, writing nothing', async () => {
    const h = settlementHarness();
    expect(await save(h, { bank_account: 'ba_unknown' })).toMatchObject({ ok: false, error: { status: 400, code: 'invalid_bank_account', param: 'bank_account' } });
    expect(await save(h, { schedule: { delay_days: 0 } }, true)).toMatchObject({ ok: false, error: { status: 400, code: 'invalid_delay_days' } });
    expect(await h.store.getPayoutSettings('acct_1', false)).toBeNull();
    expect(await h.store.getPayoutSettings('acct_1', true)).toBeNull();
  });

  it('are separate per mode: a test change never alters the live settings', async () => {
    const h = settlementHarness();
    await save(h, { schedule: { delay_days: 0 } });
    expect(await getPayoutSettings(h.store, h.merchant('acct_1', true))).toMatchObject({ delayDays: 2, livemode: true });
  });

  it('give captures their delay days, cached for 30 s', async () => {
    const h = settlementHarness();
    const funds = new PayoutSettingsFundsAvailability(h.store, h.clock);
    expect(await funds.delayDaysFor('acct_1', false)).toBe(2);
    await save(h, { schedule: { delay_days: 5 } });
    expect(await funds.delayDaysFor('acct_1', false)).toBe(2);
    h.clock.advance(30_001);
    expect(await funds.delayDaysFor('acct_1', false)).toBe(5);
  });
});
