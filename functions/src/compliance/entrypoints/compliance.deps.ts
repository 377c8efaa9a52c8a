import { deps } from '../../composition-root';
import { firestore } from '../../platform/adapters/firestore-client';
import { FirestoreComplianceStore } from '../adapters/compliance.firestore-store';
import { firestoreMerchantCountries } from '../../merchants/adapters/merchant-countries.firestore';
import { FirestoreStaffDirectory } from '../adapters/staff-directory.firestore';
import { StaffDirectory } from '../application/authenticate-staff.query';
import { ComplianceStore } from '../application/compliance.store';
import { MonitorDeps } from '../application/monitor-transactions.command';
import { compileAmlRules, PLATFORM_AML_RULES } from '../domain/aml-rules';
import { HIGH_RISK_JURISDICTIONS } from '../../shared/high-risk-jurisdictions';
import type { Logger } from '../../shared/logger';

export interface ComplianceDeps extends MonitorDeps {
  readonly store: ComplianceStore;
  readonly staff: StaffDirectory;
  readonly log: Logger;
}

let instance: ComplianceDeps | undefined;

/** The compliance context's adapters, built once per instance on top of the shared composition root. */
export function complianceDeps(): ComplianceDeps {
  if (instance) return instance;
  const shared = deps();
  const db = firestore();
  instance = {
    payments: shared.payments,
    clock: shared.clock,
    log: shared.log,
    store: new FirestoreComplianceStore(db),
    staff: new FirestoreStaffDirectory(db),
    merchants: firestoreMerchantCountries(db),
    // Compiled at cold start: an invalid rule fails the deployment, not a payment.
    amlRules: compileAmlRules(PLATFORM_AML_RULES),
    highRiskJurisdictions: HIGH_RISK_JURISDICTIONS.countries,
  };
  return instance;
}
