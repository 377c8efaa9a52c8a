import { containsCardNumber, luhnValid } from './card-number-guard';

describe('card number guard', () => {
  it.each(['4242424242424242', '4242 4242 4242 4242', '4242-4242-4242-4242', 'card: 5555 5555 5555 4444 exp 12/30', '378282246310005'])(
    'finds the Luhn-valid PAN in %p',
    (text) => expect(containsCardNumber(text)).toBe(true),
  );

  it.each(['4242424242424241', '1234567890123', 'order 20250115 ref 99', 'pay_123456', '+1 415 555 0100'])('does not flag %p', (text) => {
    expect(containsCardNumber(text)).toBe(false);
  });

  it('Luhn checks the digits', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });
});
