import currencyCodes from 'currency-codes';
import { USD_PER_MAJOR_UNIT } from './reference-rates.table';

// ISO 4217 also lists precious metals, funds and test codes; none of them can be charged to a card.
const NOT_CHARGEABLE = new Set(['XAU', 'XAG', 'XPD', 'XPT', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XSU', 'XUA', 'XTS', 'XXX']);

const minorUnits = new Map<string, number>();
for (const code of currencyCodes.codes()) {
  const digits = currencyCodes.code(code)?.digits;
  if (!NOT_CHARGEABLE.has(code) && typeof digits === 'number') minorUnits.set(code.toLowerCase(), digits);
}

/** Lower-case ISO 4217 code, as the API speaks it. */
export type CurrencyCode = string;

/**
 * What the API accepts: ISO 4217 chargeable currencies that have a reference rate. A currency that
 * could not be valued in USD would escape the fraud amount features and the AML totals, so it is
 * refused at the door (400, param `currency`) instead of being charged unmonitored.
 */
export const isSupportedCurrency = (code: string): boolean => minorUnits.has(code) && USD_PER_MAJOR_UNIT[code] !== undefined;

/** Every currency the API accepts, lower-case. */
export const supportedCurrencies = (): string[] => [...minorUnits.keys()].filter(isSupportedCurrency);

export function minorUnitsOf(code: CurrencyCode): number {
  const digits = minorUnits.get(code);
  if (digits === undefined) throw new Error(`Unsupported currency ${code}`);
  return digits;
}
