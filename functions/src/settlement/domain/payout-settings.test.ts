import { changePayoutSettings, defaultPayoutSettings, isDueOn } from './payout-settings';

const account = { token: 'ba_test_success', last4: '6789', country: 'US', currency: 'usd' };

describe('payout settings', () => {
  it('default to a daily schedule, 2 delay days, no settlement currency and no bank account', () => {
    expect(defaultPayoutSettings('acct_1', true)).toMatchObject({ interval: 'daily', delayDays: 2, settlementCurrency: null, bankAccount: null });
  });

  it('accept a weekly schedule with its anchor and keep what the change does not name', () => {
    const changed = changePayoutSettings(defaultPayoutSettings('acct_1', true), { interval: 'weekly', weeklyAnchor: 'friday', settlementCurrency: 'eur' }, account, 5);
    expect(changed).toEqual({ ok: true, value: { merchantId: 'acct_1', livemode: true, interval: 'weekly', delayDays: 2, weeklyAnchor: 'friday', settlementCurrency: 'eur', bankAccount: account, updatedMs: 5, payoutVersion: 0, lastPayoutMs: null } });
  });

  it('allow delay_days 0 in test mode only', () => {
    expect(changePayoutSettings(defaultPayoutSettings('acct_1', false), { delayDays: 0 }, undefined, 5)).toMatchObject({ ok: true, value: { delayDays: 0 } });
    expect(changePayoutSettings(defaultPayoutSettings('acct_1', true), { delayDays: 0 }, undefined, 5)).toMatchObject({ ok: false, error: { code: 'invalid_delay_days', param: 'schedule[delay_days]' } });
  });

  it('refuse more than 14 delay days, an anchor on a daily schedule and an unknown currency', () => {
    const current = defaultPayoutSettings('acct_1', false);
    expect(changePayoutSettings(current, { delayDays: 15 }, undefined, 5)).toMatchObject({ ok: false, error: { code: 'invalid_delay_days' } });
    expect(changePayoutSettings(current, { interval: 'daily', weeklyAnchor: 'monday' }, undefined, 5)).toMatchObject({ ok: false, error: { code: 'weekly_anchor_not_allowed' } });
    expect(changePayoutSettings(current, { settlementCurrency: 'xyz' }, undefined, 5)).toMatchObject({ ok: false, error: { param: 'settlement_currency' } });
  });

  it('are due daily, on the anchor weekday, or never for manual', () => {
    // 2026-11-27 is a Friday
    expect(isDueOn({ interval: 'daily', weeklyAnchor: null }, '2026-11-27')).toBe(true);
    expect(isDueOn({ interval: 'weekly', weeklyAnchor: 'friday' }, '2026-11-27')).toBe(true);
    expect(isDueOn({ interval: 'weekly', weeklyAnchor: 'monday' }, '2026-11-27')).toBe(false);
    expect(isDueOn({ interval: 'manual', weeklyAnchor: null }, '2026-11-27')).toBe(false);
  });
});
