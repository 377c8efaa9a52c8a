import { AuditEntry } from '../../compliance/domain/audit-entry';
import { ComplianceCase } from '../../compliance/domain/compliance-case';
import { Verification } from '../domain/verification';
import { DecisionRecorder } from '../application/verification-decision.records';
import { merchantVerificationPointerId, VerificationRepository } from '../application/verification.repository';

// The change and the records are computed inside a Firestore transaction body, which may run more
// than once: here they always run twice and the first result is thrown away, so a side effect in
// either shows up twice in a test.
const rerun = <T>(body: () => T): T => {
  body();
  return body();
};

/** For unit tests: the same contract as the Firestore repository, in memory. */
export class MemoryVerificationRepository implements VerificationRepository {
  readonly verifications = new Map<string, Verification>();
  /** Keyed like the Firestore pointers: `<mode>_<merchantId>`. */
  readonly merchantPointers = new Map<string, string>();
  readonly seenEvents = new Set<string>();
  /** What the compliance collections would hold: written with the change, as in Firestore. */
  readonly audit: AuditEntry[] = [];
  readonly cases = new Map<string, ComplianceCase>();

  async get(id: string) {
    return this.verifications.get(id) ?? null;
  }

  async update(id: string, change: (v: Verification) => Verification, records?: DecisionRecorder) {
    const current = this.verifications.get(id);
    if (!current) return null;
    const updated = rerun(() => change(current));
    this.commit(current, updated, records);
    return updated;
  }

  async create(v: Verification) {
    if (this.verifications.has(v.id)) return;
    this.verifications.set(v.id, v);
  }

  /** What the KYB request's transaction writes beside the verification. */
  pointMerchantAt(merchantId: string, livemode: boolean, verificationId: string): void {
    this.merchantPointers.set(merchantVerificationPointerId(merchantId, livemode), verificationId);
  }

  async currentForMerchant(merchantId: string, livemode: boolean) {
    const id = this.merchantPointers.get(merchantVerificationPointerId(merchantId, livemode));
    return id ? this.get(id) : null;
  }

  async applyEventOnce(eventId: string, verificationId: string, update: (v: Verification) => Verification, _nowMs: number, records?: DecisionRecorder) {
    if (this.seenEvents.has(eventId)) return 'replayed' as const;
    const current = this.verifications.get(verificationId);
    if (!current) return 'not_found' as const;
    this.commit(current, rerun(() => update(current)), records);
    this.seenEvents.add(eventId);
    return 'applied' as const;
  }

  private commit(before: Verification, after: Verification, records?: DecisionRecorder): void {
    const written = records ? rerun(() => records(before, after)) : undefined;
    // Like Firestore's create: a second case with the same id fails the whole write.
    for (const c of written?.cases ?? []) if (this.cases.has(c.id)) throw new Error(`case ${c.id} already exists`);
    this.verifications.set(after.id, after);
    for (const c of written?.cases ?? []) this.cases.set(c.id, c);
    this.audit.push(...(written?.audit ?? []));
  }
}
