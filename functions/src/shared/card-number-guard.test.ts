import { containsCardNumber, containsCardNumberInValue, luhnValid } from './card-number-guard';

// Well-known test PANs, assembled from groups so no card-number-shaped literal sits in the repo.
const VISA = ['4242', '4242', '4242', '4242'];
const AMEX = ['3782', '822463', '10005'];
const jsonEscaped = (text: string) => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
const fullWidth = (text: string) => [...text].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');

describe('card number guard', () => {
  it.each([VISA.join(''), VISA.join(' '), VISA.join('-'), `card: ${['5555', '5555', '5555', '4444'].join(' ')} exp 12/30`, AMEX.join(''), `{"number":"${VISA.join('')}"}`])(
    'finds the Luhn-valid PAN in %p',
    (text) => expect(containsCardNumber(text)).toBe(true),
  );

  it.each([
    ['glued to letters', `card${VISA.join('')}`],
    ['glued to letters on both sides', `x${VISA.join('')}exp`],
    ['dotted groups', VISA.join('.')],
    ['doubly spaced groups', VISA.join('  ')],
    ['underscores', VISA.join('_')],
    ['slashes', VISA.join('/')],
    ['tabs and newlines', VISA.join('\t\n ')],
    ['mixed separators', AMEX.join(' - ')],
    ['digit pairs', VISA.join('').replace(/(\d\d)/g, '$1 ')],
    ['full-width digits', fullWidth(VISA.join(''))],
  ])('finds a PAN written with %s', (_kind, text) => {
    expect(containsCardNumber(text)).toBe(true);
  });

  it.each([
    '4242424242424241',
    '1234567890123',
    'order 20250115 ref 99',
    'pay_123456',
    '+1 415 555 0100',
    'pay_A1b2C3d4E5f6G7h8I9j0K1l2',
    '2024-05-01T10:00:00.000Z',
    // A UUID whose leading digit groups happen to be a Luhn-valid PAN.
    `${VISA[0]}${VISA[1]}-${VISA[2]}-${VISA[3]}-8abc-0123456789ab`,
    `${VISA[0]}${VISA[1]}-${VISA[2]}-${VISA[3]}-8123-123456789012`,
    `key ${VISA[0]}${VISA[1]}-${VISA[2]}-${VISA[3]}-8abc-0123456789ab retried`,
    // A PAN inside a longer digit run is a reference number, not a card.
    `${VISA.join('')}0000`,
  ])('does not flag %p', (text) => {
    expect(containsCardNumber(text)).toBe(false);
  });

  describe('parsed values', () => {
    it('given a PAN hidden in JSON escapes, when the body is parsed, then the unescaped string is flagged', () => {
      const raw = `{"description":"${jsonEscaped(VISA.join(''))}"}`;
      expect(containsCardNumber(raw)).toBe(false); // the raw text alone shows no digits
      expect(containsCardNumberInValue(JSON.parse(raw))).toBe(true);
    });

    it('given a PAN in a nested key, an array or a number, then it is flagged', () => {
      expect(containsCardNumberInValue({ metadata: { [`card${VISA.join('')}`]: 'x' } })).toBe(true);
      expect(containsCardNumberInValue({ items: ['a', { note: VISA.join('.') }] })).toBe(true);
      expect(containsCardNumberInValue({ amount: Number(VISA.join('')) })).toBe(true);
    });

    it('given ordinary values and a UUID, then nothing is flagged', () => {
      const body = { amount: 1000, currency: 'usd', metadata: { order: '20250115', key: `${VISA[0]}${VISA[1]}-${VISA[2]}-${VISA[3]}-8abc-0123456789ab` }, flags: [true, null] };
      expect(containsCardNumberInValue(body)).toBe(false);
    });

    it('given a body nested as deep as 64 KB allows, then it is scanned without overflowing the stack', () => {
      const deep = JSON.parse(`${'['.repeat(30_000)}"${VISA.join(' ')}"${']'.repeat(30_000)}`);
      expect(containsCardNumberInValue(deep)).toBe(true);
      expect(containsCardNumberInValue(JSON.parse(`${'['.repeat(30_000)}${']'.repeat(30_000)}`))).toBe(false);
    });
  });

  it('Luhn checks the digits', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });
});
