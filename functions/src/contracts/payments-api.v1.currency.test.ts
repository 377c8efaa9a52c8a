import currencyCodes from 'currency-codes';
import { parseWith } from '../platform/http/api-request';
import { minorUnitsOf, supportedCurrencies } from '../shared/currency';
import { toUsdCents } from '../shared/reference-fx-rates';
import { USD_PER_MAJOR_UNIT } from '../shared/reference-rates.table';
import { CreatePaymentRequest } from './payments-api.v1';

const body = (currency: string) => ({ amount: 5_000, currency, payment_method: 'pm_card_visa' });

describe('the currencies a payment may name', () => {
  it('given every currency the API accepts, when a payment names it, then it is accepted and its amount converts to USD', () => {
    for (const code of supportedCurrencies()) {
      const parsed = parseWith(CreatePaymentRequest, body(code));
      expect(parsed.ok).toBe(true);
      // A million major units, so that even the smallest-valued currencies come to whole cents.
      expect(toUsdCents(1_000_000 * 10 ** minorUnitsOf(code), code)).toBeGreaterThan(0);
    }
  });

  it('given any ISO 4217 currency without a reference rate, when a payment names it, then 400 invalid_request_error on currency', () => {
    const withoutRate = currencyCodes.codes().map((c) => c.toLowerCase()).filter((c) => USD_PER_MAJOR_UNIT[c] === undefined);
    expect(withoutRate).toEqual(expect.arrayContaining(['mga', 'xau', 'uah']));
    for (const code of withoutRate) {
      const parsed = parseWith(CreatePaymentRequest, body(code));
      expect(parsed).toMatchObject({ ok: false, error: { status: 400, type: 'invalid_request_error', code: 'parameter_invalid', param: 'currency' } });
    }
  });
});
