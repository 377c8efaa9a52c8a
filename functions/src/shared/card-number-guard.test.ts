import { containsCardNumber, luhnValid } from './card-number-guard';

// Well-known test PANs, assembled from groups so no card-number-shaped literal sits in the repo.
const VISA = ['4242', '4242', '4242', '4242'];
const AMEX = ['3782', '822463', '10005'];

describe('card number guard', () => {
  it.each([VISA.join(''), VISA.join(' '), VISA.join('-'), `card: ${['5555', '5555', '5555', '4444'].join(' ')} exp 12/30`, AMEX.join(''), `{"number":"${VISA.join('')}"}`])(
    'finds the Luhn-valid PAN in %p',
    (text) => expect(containsCardNumber(text)).toBe(true),
  );

  it.each([
    '4242424242424241',
    '1234567890123',
    'order 20250115 ref 99',
    'pay_123456',
    '+1 415 555 0100',
    // A UUID whose leading digit groups happen to be a Luhn-valid PAN.
    `${VISA[0]}${VISA[1]}-${VISA[2]}-${VISA[3]}-8abc-0123456789ab`,
    `${VISA[0]}${VISA[1]}-${VISA[2]}-${VISA[3]}-8123-123456789012`,
  ])('does not flag %p', (text) => {
    expect(containsCardNumber(text)).toBe(false);
  });

  it('Luhn checks the digits', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });
});
