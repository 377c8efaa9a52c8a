import type { Payment } from '../../payments/domain/payment';
import type { GateCheck, GateVerdict } from '../../payments/application/payment-gates';
import { Clock } from '../../shared/clock';
import { auditEntry, AuditEntry, SYSTEM_ACTORS } from '../domain/audit-entry';
import { ComplianceCase, openCase } from '../domain/compliance-case';
import type { CardLookup } from '../../fraud/application/card-lookup.gateway';
import type { IpGeolocation } from '../../fraud/application/ip-geolocation';
import { countryOfBusiness, type MerchantCountries } from '../../merchants/application/merchant-countries.query';
import { decideScreening, matchRecord, ScreeningSubject, screeningNeed } from '../domain/payment-screening';
import { JurisdictionHit, SANCTIONED_JURISDICTIONS, sanctionedJurisdictionHits } from '../domain/sanctioned-jurisdictions';
import { SanctionsMatch, screenName } from '../domain/sanctions-matcher';
import { COMPLIANCE_COLLECTIONS } from './compliance.store';
import { AUDIT_ENTRY, COMPLIANCE_CASE, PAYMENT_SCREENING } from './compliance.records';
import { contextRecord } from '../../shared/context-record';
import { SanctionsIndexProvider } from './screen-name.query';

export const SANCTIONS_GATE = 'sanctions';
export const COMPLIANCE_BLOCKED = 'compliance_blocked';

/** Where the gate learns the merchant's country: the merchants context's port. */
export type { MerchantCountries };

export interface SanctionsGateDeps {
  readonly lists: SanctionsIndexProvider;
  readonly merchants: MerchantCountries;
  /** The card's issuing country (the processor of the payment's mode); throws when it cannot answer now. */
  readonly cards: CardLookup;
  readonly geo: IpGeolocation;
  readonly clock: Clock;
}

type GateRecord = NonNullable<GateVerdict['records']>[number];

/**
 * The sanctions gate. A payment touching a comprehensively sanctioned jurisdiction (customer, card, IP
 * or merchant country) is blocked whatever the name. A payment is cross-border when any of the customer,
 * card or IP countries differs from the merchant's (or the customer's is undeclared); the customer name of a
 * cross-border payment is screened. A strong hit blocks the
 * payment and opens a case; a weak hit holds it (`requires_review`, review gate `sanctions`) and opens
 * a case: it never passes on its own, and the merchant's review endpoint cannot release it. The screening,
 * the case and their audit entries are committed with the payment's decision by the gate runner.
 * A list that cannot be loaded throws: the task is retried, and nothing passes unscreened.
 */
export function sanctionsGate(deps: SanctionsGateDeps): GateCheck {
  return {
    name: SANCTIONS_GATE,
    async check(payment: Payment): Promise<GateVerdict> {
      // Independent reads, side by side: the merchant's country is usually cached on the instance.
      const [merchantCountry, card] = await Promise.all([
        countryOfBusiness(deps.merchants, payment.merchantId),
        payment.paymentMethod ? deps.cards.lookup(payment.paymentMethod, payment.livemode) : Promise.resolve(null),
      ]);
      const ip = payment.customer?.ip;
      const facts: ScreeningSubject = {
        customerName: payment.customer?.name,
        customerCountry: payment.customer?.country,
        cardCountry: card?.country ?? null,
        ipCountry: (ip && deps.geo.countryOf(ip)) || null,
        merchantCountry,
      };
      const jurisdictions = sanctionedJurisdictionHits({ customer: facts.customerCountry, card: facts.cardCountry, ip: facts.ipCountry, merchant: merchantCountry });
      const need = screeningNeed(facts);
      // Nothing to check: domestic by every known country and no sanctioned jurisdiction.
      if (jurisdictions.length === 0 && !need.screen && need.reason === 'domestic') return { decision: 'pass' };

      const index = need.screen ? await deps.lists.current() : null;
      const matches: SanctionsMatch[] = index && need.screen ? screenName(index, need.name) : [];
      const decision = jurisdictions.length > 0 ? 'block' : decideScreening(matches);
      const nowMs = deps.clock.nowMs();
      const listVersion = index?.list.listVersion ?? null;
      const subject = `payments/${payment.id}`;
      const screening = {
        paymentId: payment.id,
        merchantId: payment.merchantId,
        livemode: payment.livemode,
        screenedName: need.screen ? need.name : null,
        nameNotScreened: need.screen ? null : need.reason,
        customerCountry: payment.customer?.country ?? null,
        cardCountry: facts.cardCountry ?? null,
        ipCountry: facts.ipCountry ?? null,
        merchantCountry,
        jurisdictions: jurisdictions.map((hit) => ({ ...hit })),
        jurisdictionListVersion: SANCTIONED_JURISDICTIONS.version,
        decision,
        listVersion,
        matches: matches.map(matchRecord),
        atMs: nowMs,
      };
      const audit: AuditEntry[] = [
        auditEntry(
          { actor: SYSTEM_ACTORS.sanctionsGate, action: 'sanctions.screened', subject, reason: reasonFor(decision, matches.length, jurisdictions, need.screen), details: { decision, listVersion, matches: screening.matches, jurisdictions: screening.jurisdictions } },
          nowMs,
        ),
      ];
      const records: GateRecord[] = [contextRecord(PAYMENT_SCREENING, payment.id, screening)];

      if (decision !== 'clear') {
        const hit: ComplianceCase = openCase(
          {
            kind: 'sanctions_hit',
            priority: decision === 'block' ? 'high' : 'normal',
            subject,
            merchantId: payment.merchantId,
            livemode: payment.livemode,
            summary: jurisdictions.length > 0 ? jurisdictionSummary(jurisdictions) : `${decision === 'block' ? 'Strong' : 'Weak'} sanctions match for "${screening.screenedName}" (${matches[0].matchedName}, ${matches[0].score})`,
            details: { screening: `${COMPLIANCE_COLLECTIONS.screenings}/${payment.id}`, listVersion, paymentBlocked: decision === 'block', matches: screening.matches, jurisdictions: screening.jurisdictions },
          },
          nowMs,
        );
        records.push(contextRecord(COMPLIANCE_CASE, hit.id, hit));
        audit.push(auditEntry({ actor: SYSTEM_ACTORS.sanctionsGate, action: 'case.opened', subject: `cases/${hit.id}`, reason: hit.summary, details: { kind: hit.kind, about: subject } }, nowMs));
      }
      for (const entry of audit) records.push(contextRecord(AUDIT_ENTRY, entry.id, entry));

      if (decision === 'block') {
        return { decision: 'block', code: COMPLIANCE_BLOCKED, message: 'The payment was blocked by compliance screening.', records };
      }
      if (decision === 'review') return { decision: 'review', records };
      return { decision: 'pass', records };
    },
  };
}

const jurisdictionSummary = (hits: readonly JurisdictionHit[]): string =>
  `Comprehensively sanctioned jurisdiction: ${hits.map((h) => `${h.source} country ${h.code} (${h.jurisdiction})`).join(', ')}`;

function reasonFor(decision: 'block' | 'review' | 'clear', count: number, jurisdictions: readonly JurisdictionHit[], nameScreened: boolean): string {
  if (jurisdictions.length > 0) return `${jurisdictionSummary(jurisdictions)}: payment blocked.`;
  if (decision === 'block') return 'Strong sanctions match on the customer name: payment blocked.';
  if (decision === 'review') return `Weak sanctions match (${count}) on the customer name: payment held, case opened for review.`;
  return nameScreened ? 'Cross-border payment screened: no sanctions match.' : 'Cross-border payment without a customer name: no sanctioned jurisdiction, name not screened.';
}
