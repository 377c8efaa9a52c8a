import { CurrencyCode } from './currency';

// Amounts are integers of the currency's minor unit (cents, yen, fils): floats never touch money.
export interface Money {
  readonly amount: number;
  readonly currency: CurrencyCode;
}

// Card networks cap a single charge well below this; it also keeps every sum a safe integer.
export const MAX_AMOUNT = 99_999_999;

export const money = (amount: number, currency: CurrencyCode): Money => {
  if (!Number.isSafeInteger(amount)) throw new Error(`Money amount must be an integer of minor units, got ${amount}`);
  return { amount, currency };
};

/** Basis-point share of an amount, rounded half-up in integer arithmetic. */
export function basisPoints(amount: number, bps: number): number {
  return Number((BigInt(amount) * BigInt(bps) + 5_000n) / 10_000n);
}

/**
 * An amount in the currency's minor unit, checked once where it enters (the API, a document read):
 * a plain number cannot be passed where minor units are expected by accident (a major-unit float, a count).
 */
export type MinorUnits = number & { readonly __brand: 'MinorUnits' };

export function minorUnits(amount: number): MinorUnits {
  if (!Number.isSafeInteger(amount)) throw new Error(`An amount must be an integer of minor units, got ${amount}`);
  return amount as MinorUnits;
}

/** Sum or difference of two amounts in the same currency stays minor units. */
export const addMinor = (a: MinorUnits, b: number): MinorUnits => minorUnits(a + b);
