import { refusalOf } from '../../platform/adapters/testing/stored-document.expectations';
import { emptyHistory, FraudHistory } from '../domain/fraud-signals';
import { merchantAmountsOf, recordedHistoryOf, velocityDayOf } from './fraud-history.document';

const scored: FraudHistory = {
  ...emptyHistory(),
  velocity: { card: { '10m': { count: 2, amountUsdMinor: 4_000 }, '24h': { count: 5, amountUsdMinor: 9_000 } } },
  merchantAmounts: { count: 40, mean: 2_512.5, m2: 1_200_000.25 },
  knownBad: { card: false, email: true, ip: false },
};

describe('recordedHistoryOf', () => {
  it('given a marker holding the history it was scored with, when read back, then that history is returned', () => {
    expect(recordedHistoryOf('evt_pay_1', JSON.parse(JSON.stringify(scored)))).toEqual(scored);
  });

  it('given a marker without a history, when read back, then there is none', () => {
    expect(recordedHistoryOf('evt_pay_1', undefined)).toBeNull();
  });

  it('given a marker written before a signal existed, when read back, then the missing signal is empty', () => {
    const { declinesCard24h: _declines, ...older } = scored;

    expect(recordedHistoryOf('evt_pay_1', older)).toEqual({ ...scored, declinesCard24h: 0 });
  });

  it('given a history with a signal of the wrong type, when read back, then it is refused naming marker and path', () => {
    const error = refusalOf(() => recordedHistoryOf('evt_pay_1', { ...scored, knownBad: { card: 'ana@example.com', email: true, ip: false } }));

    expect(error.message).toContain('fraud_velocity_markers/evt_pay_1');
    expect(error.issues).toEqual(['history.knownBad.card: invalid_type (expected boolean)']);
    expect(error.message).not.toContain('ana@example.com');
  });
  it('given velocity and merchant amount documents, when read back, then counters pass and a wrong type is refused by document and slot', () => {
    const day = { d20000_h10: { count: 2, amountUsdMinor: 3_000, cards: { c1: true } } };
    expect(velocityDayOf('card_abc_0_20000', day)).toEqual(day);
    expect(velocityDayOf('card_abc_0_20000', undefined)).toBeUndefined();
    expect(merchantAmountsOf('acct_1_0', { d20000: { count: 1, sumUsd: 10, sumSqUsd: 100 } })).toEqual({ d20000: { count: 1, sumUsd: 10, sumSqUsd: 100 } });

    const error = refusalOf(() => velocityDayOf('card_abc_0_20000', { d20000_h10: { count: 'two' } }));
    expect(error.issues).toEqual(['d20000_h10.count: invalid_type (expected number)']);
  });
});
