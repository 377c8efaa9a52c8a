import { REFERENCE_FX_TABLE, toUsdCents } from './reference-fx-rates';
import { minorUnitsOf, supportedCurrencies } from './currency';
import { toUsdMinor } from '../fraud/domain/fraud-signals';

describe('one reference-rates module for every consumer', () => {
  it('given any accepted currency, when fraud and AML value the same amount, then they arrive at the same USD cents', () => {
    for (const code of supportedCurrencies()) {
      const amount = 123_456 * 10 ** minorUnitsOf(code);
      expect({ code, usd: toUsdMinor(amount, code, REFERENCE_FX_TABLE) }).toEqual({ code, usd: toUsdCents(amount, code) });
    }
  });
});
