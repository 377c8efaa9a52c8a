// ISO 3166-1 alpha-2 codes of the FATF "call for action" and "increased monitoring" lists. Compliance
// owns this list; it is versioned so an alert records which list it was raised against.
export const HIGH_RISK_JURISDICTIONS = {
  version: 'fatf-2025-10',
  countries: ['KP', 'IR', 'MM', 'DZ', 'AO', 'BO', 'BG', 'CM', 'CI', 'CD', 'HT', 'KE', 'LA', 'LB', 'MC', 'MZ', 'NA', 'NP', 'NG', 'SS', 'SY', 'VE', 'VN', 'YE'],
} as const;
