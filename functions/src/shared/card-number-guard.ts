// A primary account number must never enter our systems (PCI DSS scope). Text is normalised before
// it is scanned, so that the ways people (and evaders) write a number all look alike:
// - compatibility forms are folded (NFKC: full-width ４２４２ becomes 4242);
// - separators between digits vanish: spaces, dots, dashes, underscores, slashes, any whitespace
//   run (`4242.4242.4242.4242`, `4242  4242…`, `4242_4242/4242…` are one run of digits);
// - letters end a run but do not hide it (`card4242424242424242` holds a card number).
// A maximal run of 13-19 digits that passes the Luhn check is treated as a card number. The run
// must stand alone as a whole: a longer run is a reference number, not a card, and windows inside
// it are not tried (every long number would hold a Luhn-valid window).
// UUIDs (idempotency keys, request ids) are taken out first: their fixed 8-4-4-4-12 hex layout
// cannot hold a card number on its own, yet their leading digit groups happen to be Luhn-valid
// 13-19 digit runs in about 1 key of 500 and must not be refused.
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const SEPARATOR_BETWEEN_DIGITS = /(?<=\d)[\s._\-/]+(?=\d)/g;
const THIRTEEN_DIGITS = /\d{13}/;
const LONGER_RUN = /\d+/g;

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

/** Whether a piece of text (a decoded string, a header value, a URL) holds a card number. */
export function containsCardNumber(text: string): boolean {
  const normalised = text.normalize('NFKC').replace(UUID, ' ').replace(SEPARATOR_BETWEEN_DIGITS, '');
  if (!THIRTEEN_DIGITS.test(normalised)) return false;
  for (const [run] of normalised.matchAll(LONGER_RUN)) {
    if (run.length >= 13 && run.length <= 19 && luhnValid(run)) return true;
  }
  return false;
}

/**
 * Whether a parsed value (a JSON body, a query object) holds a card number anywhere: every string
 * after JSON unescaping, every key and every number. Walked with an explicit stack, not recursion:
 * a 64 KB body can nest 30,000 levels deep, which would overflow the call stack (a 500, not a 4xx).
 */
export function containsCardNumberInValue(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (containsCardNumber(next)) return true;
    } else if (typeof next === 'number' || typeof next === 'bigint') {
      if (containsCardNumber(String(next))) return true;
    } else if (Array.isArray(next)) {
      for (const inner of next) pending.push(inner);
    } else if (next && typeof next === 'object' && !Buffer.isBuffer(next)) {
      for (const [key, inner] of Object.entries(next)) {
        if (containsCardNumber(key)) return true;
        pending.push(inner);
      }
    }
  }
  return false;
}
