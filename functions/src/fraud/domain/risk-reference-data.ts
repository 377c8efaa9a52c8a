import disposableDomainList = require('disposable-email-domains');

/**
 * Reference lists the features consult. Countries are ISO 3166-1 alpha-2. The high-risk list mirrors the
 * FATF "call for action" and "increased monitoring" jurisdictions and is deliberately small and
 * replaceable: compliance owns the authoritative list and can pass its own to computeFeatures.
 */
export const DEFAULT_HIGH_RISK_COUNTRIES: ReadonlySet<string> = new Set([
  'KP', 'IR', 'MM', 'DZ', 'AO', 'BO', 'BG', 'CM', 'CI', 'CD', 'HT', 'KE', 'LA', 'LB', 'MC', 'MZ', 'NA',
  'NP', 'NG', 'SS', 'SY', 'VE', 'VN', 'YE',
]);

/** The community-kept list from the disposable-email-domains package (about 120k domains). */
const DISPOSABLE_DOMAINS: ReadonlySet<string> = new Set(disposableDomainList as string[]);

export function isDisposableEmailDomain(domain: string): boolean {
  return DISPOSABLE_DOMAINS.has(domain.trim().toLowerCase());
}

export function emailDomain(email: string | undefined): string {
  if (!email) return '';
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).trim().toLowerCase();
}
