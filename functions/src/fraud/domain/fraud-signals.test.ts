import { addToAmountStats, buildFraudSignals, emptyHistory, mergeAmountStats, toUsdMinor, EMPTY_AMOUNT_STATS, type PaymentUnderAssessment } from './fraud-signals';

const payment: PaymentUnderAssessment = {
  paymentId: 'p1',
  livemode: false,
  merchantId: 'm1',
  merchantCountry: 'US',
  amountMinor: 12_345,
  currency: 'EUR',
  card: { fingerprint: 'fp', country: 'DE', brand: 'visa' },
  customer: {},
};

describe('toUsdMinor', () => {
  it('converts minor units through the FX table into whole US cents', () => {
    expect(toUsdMinor(12_345, 'EUR', { EUR: 1.08 })).toBe(13_333);
  });

  it('respects currencies without minor units', () => {
    // given 1000 yen at 0.0066 USD per yen
    expect(toUsdMinor(1_000, 'JPY', { JPY: 0.0066 })).toBe(660);
  });

  it('reports a missing rate, an unknown currency and a fractional amount as coded failures', () => {
    expect(toUsdMinor(100, 'GBP', { USD: 1 })).toMatchObject({ ok: false, code: 'fx_rate_missing' });
    expect(toUsdMinor(100, 'ZZZ', { USD: 1 })).toMatchObject({ ok: false, code: 'currency_unknown' });
    expect(toUsdMinor(1.5, 'USD', { USD: 1 })).toMatchObject({ ok: false, code: 'amount_invalid' });
  });
});

describe('buildFraudSignals', () => {
  it('attaches the USD amount and the history to the payment', () => {
    const history = emptyHistory();
    const result = buildFraudSignals(payment, history, { EUR: 1.08 });
    expect(result).toEqual({ ok: true, signals: { payment, amountUsdMinor: 13_333, history } });
  });

  it('passes an FX failure through unchanged', () => {
    expect(buildFraudSignals(payment, emptyHistory(), {})).toMatchObject({ ok: false, code: 'fx_rate_missing' });
  });
});

describe('amount statistics', () => {
  const amounts = [1_000, 2_000, 3_000, 4_000, 10_000];
  const naive = () => {
    const mean = amounts.reduce((a, b) => a + b, 0) / amounts.length;
    return { mean, variance: amounts.reduce((a, b) => a + (b - mean) ** 2, 0) / (amounts.length - 1) };
  };

  it('tracks mean and sample variance incrementally', () => {
    const stats = amounts.reduce(addToAmountStats, EMPTY_AMOUNT_STATS);
    expect(stats.count).toBe(5);
    expect(stats.mean).toBeCloseTo(naive().mean, 9);
    expect(stats.m2 / (stats.count - 1)).toBeCloseTo(naive().variance, 6);
  });

  it('merges daily buckets into the same moments as one long run', () => {
    const left = amounts.slice(0, 2).reduce(addToAmountStats, EMPTY_AMOUNT_STATS);
    const right = amounts.slice(2).reduce(addToAmountStats, EMPTY_AMOUNT_STATS);
    const merged = mergeAmountStats(left, right);
    expect(merged.mean).toBeCloseTo(naive().mean, 9);
    expect(merged.m2 / (merged.count - 1)).toBeCloseTo(naive().variance, 6);
    expect(mergeAmountStats(EMPTY_AMOUNT_STATS, right)).toBe(right);
  });
});
