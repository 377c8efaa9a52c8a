import currencyCodes from 'currency-codes';

// ISO 4217 also lists precious metals, funds and test codes; none of them can be charged to a card.
const NOT_CHARGEABLE = new Set(['XAU', 'XAG', 'XPD', 'XPT', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XSU', 'XUA', 'XTS', 'XXX']);

const minorUnits = new Map<string, number>();
for (const code of currencyCodes.codes()) {
  const digits = currencyCodes.code(code)?.digits;
  if (!NOT_CHARGEABLE.has(code) && typeof digits === 'number') minorUnits.set(code.toLowerCase(), digits);
}

/** Lower-case ISO 4217 code, as the API speaks it. */
export type CurrencyCode = string;

export const isSupportedCurrency = (code: string): boolean => minorUnits.has(code);

export function minorUnitsOf(code: CurrencyCode): number {
  const digits = minorUnits.get(code);
  if (digits === undefined) throw new Error(`Unsupported currency ${code}`);
  return digits;
}
