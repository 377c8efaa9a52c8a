import type { Payment } from '../../payments/domain/payment';
import type { GateCheck, GateVerdict } from '../../payments/application/payment-gates';
import { Clock } from '../../shared/clock';
import { auditEntry, AuditEntry, SYSTEM_ACTORS } from '../domain/audit-entry';
import { ComplianceCase, openCase } from '../domain/compliance-case';
import { decideScreening, DEFAULT_MERCHANT_COUNTRY, matchRecord, screeningNeed } from '../domain/payment-screening';
import { screenName } from '../domain/sanctions-matcher';
import { COMPLIANCE_COLLECTIONS } from './compliance.store';
import { SanctionsIndexProvider } from './screen-name.query';

export const SANCTIONS_GATE = 'sanctions';
export const COMPLIANCE_BLOCKED = 'compliance_blocked';

/** Where the gate learns the merchant's country (the merchants context in production). */
export interface MerchantCountries {
  countryOf(merchantId: string): Promise<string | undefined>;
}

export interface SanctionsGateDeps {
  readonly lists: SanctionsIndexProvider;
  readonly merchants: MerchantCountries;
  readonly clock: Clock;
}

type GateRecord = NonNullable<GateVerdict['records']>[number];

/**
 * The sanctions gate: screens the customer name of a cross-border payment. A strong hit blocks the
 * payment and opens a case; a weak hit holds it (`requires_review`, review gate `sanctions`) and opens
 * a case: it never passes on its own, and the merchant's review endpoint cannot release it. The screening,
 * the case and their audit entries are committed with the payment's decision by the gate runner.
 * A list that cannot be loaded throws: the task is retried, and nothing passes unscreened.
 */
export function sanctionsGate(deps: SanctionsGateDeps): GateCheck {
  return {
    name: SANCTIONS_GATE,
    async check(payment: Payment): Promise<GateVerdict> {
      const merchantCountry = (await deps.merchants.countryOf(payment.merchantId)) ?? DEFAULT_MERCHANT_COUNTRY;
      const need = screeningNeed({ customerName: payment.customer?.name, customerCountry: payment.customer?.country, merchantCountry });
      if (!need.screen) return { decision: 'pass' };

      const index = await deps.lists.current();
      const matches = screenName(index, need.name);
      const decision = decideScreening(matches);
      const nowMs = deps.clock.nowMs();
      const listVersion = index.list.listVersion;
      const subject = `payments/${payment.id}`;
      const screening = {
        paymentId: payment.id,
        merchantId: payment.merchantId,
        livemode: payment.livemode,
        screenedName: need.name,
        customerCountry: payment.customer?.country ?? null,
        merchantCountry,
        decision,
        listVersion,
        matches: matches.map(matchRecord),
        atMs: nowMs,
      };
      const audit: AuditEntry[] = [
        auditEntry(
          { actor: SYSTEM_ACTORS.sanctionsGate, action: 'sanctions.screened', subject, reason: reasonFor(decision, matches.length), details: { decision, listVersion, matches: screening.matches } },
          nowMs,
        ),
      ];
      const records: GateRecord[] = [{ collection: COMPLIANCE_COLLECTIONS.screenings, id: payment.id, data: screening }];

      if (decision !== 'clear') {
        const hit: ComplianceCase = openCase(
          {
            kind: 'sanctions_hit',
            priority: decision === 'block' ? 'high' : 'normal',
            subject,
            merchantId: payment.merchantId,
            livemode: payment.livemode,
            summary: `${decision === 'block' ? 'Strong' : 'Weak'} sanctions match for "${need.name}" (${matches[0].matchedName}, ${matches[0].score})`,
            details: { screening: `${COMPLIANCE_COLLECTIONS.screenings}/${payment.id}`, listVersion, paymentBlocked: decision === 'block', matches: screening.matches },
          },
          nowMs,
        );
        records.push({ collection: COMPLIANCE_COLLECTIONS.cases, id: hit.id, data: hit });
        audit.push(auditEntry({ actor: SYSTEM_ACTORS.sanctionsGate, action: 'case.opened', subject: `cases/${hit.id}`, reason: hit.summary, details: { kind: hit.kind, about: subject } }, nowMs));
      }
      for (const entry of audit) records.push({ collection: COMPLIANCE_COLLECTIONS.auditLog, id: entry.id, data: entry });

      if (decision === 'block') {
        return { decision: 'block', code: COMPLIANCE_BLOCKED, message: 'The payment was blocked by compliance screening.', records };
      }
      if (decision === 'review') return { decision: 'review', records };
      return { decision: 'pass', records };
    },
  };
}

function reasonFor(decision: 'block' | 'review' | 'clear', count: number): string {
  if (decision === 'block') return 'Strong sanctions match on the customer name: payment blocked.';
  if (decision === 'review') return `Weak sanctions match (${count}) on the customer name: payment held, case opened for review.`;
  return 'Cross-border payment screened: no sanctions match.';
}
