// A primary account number must never enter our systems (PCI DSS scope): any 13-19 digit run,
// optionally split by spaces or dashes, that passes the Luhn check is treated as a card number.
// The run must stand alone (no letter or further digit group around it): a UUID idempotency key
// such as 42424242-4242-4242-8abc-… holds Luhn-valid digit runs by chance (about 1 in 500 keys)
// and must not be refused.
const CANDIDATE = /(?<![A-Za-z0-9]|\d[ -])(?:\d[ -]?){12,18}\d(?![A-Za-z0-9]|[ -]\d)/g;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function containsCardNumber(text: string): boolean {
  for (const match of text.matchAll(CANDIDATE)) {
    const digits = match[0].replace(/[ -]/g, '');
    if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) return true;
  }
  return false;
}
