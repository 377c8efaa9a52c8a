import disposableDomainList = require('disposable-email-domains');
import { HIGH_RISK_COUNTRY_SET } from '../../shared/high-risk-jurisdictions';

/**
 * Reference lists the features consult. Countries are ISO 3166-1 alpha-2. The high-risk list is the shared
 * kernel's FATF list, the same one the AML rules read; a caller can pass its own to computeFeatures.
 */
export const DEFAULT_HIGH_RISK_COUNTRIES: ReadonlySet<string> = HIGH_RISK_COUNTRY_SET;

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
