import { isSupportedCurrency, minorUnitsOf } from './currency';

// Some processors (the sandbox acquirer among them) speak major units as decimal strings ("12.34" EUR, "1200" JPY, "1.234" KWD), with
// exactly the currency's ISO 4217 digits. Parsed as text, never through a float.

/** "12.34" in EUR → 1234; null for anything malformed, unknown or with the wrong number of decimals. */
export function parseMajorUnits(value: unknown, currency: unknown): number | null {
  if (typeof value !== 'string' || typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) return null;
  const code = currency.toLowerCase();
  if (!isSupportedCurrency(code)) return null;
  const digits = minorUnitsOf(code);
  const pattern = digits === 0 ? /^(0|[1-9]\d{0,11})$/ : new RegExp(`^(0|[1-9]\\d{0,11})\\.(\\d{${digits}})$`);
  const match = pattern.exec(value);
  if (!match) return null;
  return Number(match[1]) * 10 ** digits + (digits === 0 ? 0 : Number(match[2]));
}

/** 1234 in EUR → "12.34". */
export function formatMajorUnits(minor: number, currency: string): string {
  const digits = minorUnitsOf(currency.toLowerCase());
  if (digits === 0) return String(minor);
  const text = String(minor).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
