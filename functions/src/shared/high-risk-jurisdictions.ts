// ISO 3166-1 alpha-2 codes of the FATF "call for action" and "increased monitoring" lists: the one copy
// that the fraud features and the AML rules both read (beside the one reference-rates module). It is
// versioned so an alert records which list it was raised against; replace the list and the version together.
export const HIGH_RISK_JURISDICTIONS = {
  version: 'fatf-2025-10',
  countries: ['KP', 'IR', 'MM', 'DZ', 'AO', 'BO', 'BG', 'CM', 'CI', 'CD', 'HT', 'KE', 'LA', 'LB', 'MC', 'MZ', 'NA', 'NP', 'NG', 'SS', 'SY', 'VE', 'VN', 'YE'],
} as const;

/** The same list as a set, for membership tests. */
export const HIGH_RISK_COUNTRY_SET: ReadonlySet<string> = new Set(HIGH_RISK_JURISDICTIONS.countries);
