import { SYSTEM_ACTORS } from '../../compliance/domain/audit-entry';
import { ScreenNameQuery } from '../../compliance/application/screen-name.query';
import { HandlerOutcome } from '../../payments/application/task-outcome';
import { applyScreening, isFinal, ScreeningOutcome, vendorReference, Verification, VerificationSubject } from '../domain/verification';
import { IdentityDeps } from './identity.deps';
import { openFields } from './personal-data.cipher';
import { verificationDecisionRecords } from './verification-decision.records';

type SubjectUpdate = Pick<VerificationSubject, 'screening' | 'vendor'>;

/**
 * How long a check task waits for the verification it names to be committed. A Firestore
 * transaction cannot outlive its 270 s deadline nor the request's function timeout, so a
 * verification absent this long after the enqueue was never committed.
 */
export const KYC_COMMIT_WINDOW_MS = 15 * 60 * 1000;

/**
 * The run-kyc-check task: screens every subject against sanctions, then asks the vendor to check
 * each one (idempotent per subject, so a retried task never starts a second check). A strong
 * sanctions hit rejects at once and no personal data goes to the vendor. Transient failures
 * (list not loaded, vendor down) throw: Cloud Tasks retries the whole task.
 */
export async function runKycCheck(deps: IdentityDeps, verificationId: string, enqueuedMs?: number): Promise<HandlerOutcome> {
  const verification = await deps.verifications.get(verificationId);
  if (!verification) {
    // A KYB task is enqueued before its request's transaction: once no commit can still come, the
    // request failed (or was a replay) and there is nothing to check.
    if (enqueuedMs !== undefined && deps.clock.nowMs() - enqueuedMs > KYC_COMMIT_WINDOW_MS) return { kind: 'dropped', reason: 'verification_never_committed' };
    // The task can arrive before the request that enqueued it has committed: try again later.
    throw new Error(`verification ${verificationId} not found (yet)`);
  }
  if (isFinal(verification.status)) return { kind: 'done', detail: `already ${verification.status}` };

  const screened = await screenSubjects(deps, verification);
  const current = applyScreening(verification, screened, deps.clock.nowMs());
  if (isFinal(current.status)) {
    const nowMs = deps.clock.nowMs();
    const saved = await deps.verifications.update(current.id, (latest) => applyScreening(latest, screened, nowMs), verificationDecisionRecords(SYSTEM_ACTORS.kycCheck, nowMs));
    deps.log.info('kyc decided by screening', { verification_id: current.id, status: saved?.status });
    return { kind: 'done', detail: saved?.status };
  }

  // Which vendor may see this person: never guessed (a test verification must not reach the live vendor, nor a live one the sandbox).
  if (current.livemode === undefined) return { kind: 'dropped', reason: 'verification_mode_unknown' };
  const livemode = current.livemode;
  const secrets = await openFields(deps.kek, current.id, current.personalData);
  const started = new Map<string, SubjectUpdate>();
  for (const subject of current.subjects) {
    if (subject.vendor?.checkId) continue;
    const { checkId } = await deps.vendor.startCheck({
      livemode,
      idempotencyKey: `${current.id}-${subject.ref}`,
      reference: vendorReference(current.id, subject.ref),
      callbackUrl: deps.callbackUrl,
      subject: {
        kind: subject.kind,
        name: subject.name,
        country: subject.country,
        registrationNumber: subject.registrationNumber,
        address: secrets[`${subject.ref}.address`],
        dateOfBirth: secrets[`${subject.ref}.date_of_birth`],
        idDocumentToken: secrets[`${subject.ref}.id_document_token`],
      },
    });
    started.set(subject.ref, { vendor: { checkId } });
  }
  // The vendor's webhook may already have landed meanwhile: merge into the latest stored version.
  const nowMs = deps.clock.nowMs();
  const saved = await deps.verifications.update(current.id, (latest) => applyScreening(latest, mergeUpdates(screened, started), nowMs), verificationDecisionRecords(SYSTEM_ACTORS.kycCheck, nowMs));
  return { kind: 'done', detail: `vendor checks started (${started.size}), status ${saved?.status}` };
}

async function screenSubjects(deps: IdentityDeps, verification: Verification): Promise<Map<string, SubjectUpdate>> {
  const query = new ScreenNameQuery(deps.sanctions);
  const results = new Map<string, SubjectUpdate>();
  for (const subject of verification.subjects) {
    const answer = await query.execute({ name: subject.name, type: subject.kind === 'person' ? 'individual' : 'entity' });
    if (!answer.ok) {
      if (answer.error.code === 'SANCTIONS_LIST_UNAVAILABLE') throw new Error(`sanctions list unavailable: ${answer.error.message}`);
      // A name the screening refuses to read cannot be cleared: a person has to look at it.
      results.set(subject.ref, { screening: { outcome: 'weak_hit', listVersion: 'unscreenable' } });
      continue;
    }
    const top = answer.value.matches[0];
    const outcome: ScreeningOutcome = answer.value.matches.some((m) => m.strength === 'strong') ? 'strong_hit' : top ? 'weak_hit' : 'clear';
    results.set(subject.ref, {
      screening: { outcome, listVersion: answer.value.listVersion, ...(top ? { topMatch: { entityId: String(top.entityId), matchedName: top.matchedName, score: top.score } } : {}) },
    });
  }
  return results;
}

function mergeUpdates(a: ReadonlyMap<string, SubjectUpdate>, b: ReadonlyMap<string, SubjectUpdate>): Map<string, SubjectUpdate> {
  const out = new Map(a);
  for (const [ref, update] of b) out.set(ref, { ...out.get(ref), ...update });
  return out;
}
