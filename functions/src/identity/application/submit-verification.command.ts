import { QUEUES } from '../../contracts/payment-tasks.v1';
import { sha256Hex } from '../../shared/ids';
import { newId } from '../../shared/ids';
import { Verification, VerificationSubject } from '../domain/verification';
import { CreateAccountVerificationRequest, CreateKycVerificationRequest } from '../../contracts/identity-api.v1';
import { IdentityDeps } from './identity.deps';
import { sealFields } from './personal-data.cipher';

type PersonInput = CreateKycVerificationRequest;

/**
 * Builds a pending verification with its personal data sealed field by field. Only names,
 * countries and the registration number stay readable: screening and case review need them.
 */
export async function newVerification(
  deps: Pick<IdentityDeps, 'kek' | 'clock'>,
  input:
    | { type: 'kyb'; ownerId: string; livemode: boolean; request: CreateAccountVerificationRequest; id?: string }
    | { type: 'kyc'; ownerId: string; livemode: boolean; request: CreateKycVerificationRequest; id?: string },
): Promise<Verification> {
  const id = input.id ?? newId(input.type);
  const nowMs = deps.clock.nowMs();
  const subjects: VerificationSubject[] = [];
  const secrets: Record<string, string> = {};
  const addPerson = (ref: string, p: PersonInput) => {
    subjects.push({ ref, kind: 'person', name: p.name, country: p.country });
    secrets[`${ref}.date_of_birth`] = p.date_of_birth;
    secrets[`${ref}.address`] = p.address;
    secrets[`${ref}.id_document_token`] = p.id_document_token;
  };
  if (input.type === 'kyb') {
    const { business, beneficial_owners } = input.request;
    subjects.push({ ref: 'business', kind: 'business', name: business.legal_name, country: business.country, registrationNumber: business.registration_number });
    secrets['business.address'] = business.address;
    beneficial_owners.forEach((owner, n) => addPerson(`owner_${n}`, owner));
  } else {
    addPerson('person', input.request);
  }
  const personalData = await sealFields(deps.kek, id, secrets);
  return { id, type: input.type, ownerId: input.ownerId, livemode: input.livemode, status: 'pending', subjects, personalData, reasons: [], createdMs: nowMs, updatedMs: nowMs };
}

/**
 * Named after the verification, so a repeated enqueue is refused by Cloud Tasks itself. A task
 * enqueued before the verification's commit carries when (`enqueued_ms`): its handler retries until
 * the commit is visible and gives up once no commit can still come (KYC_COMMIT_WINDOW_MS).
 */
export const enqueueKycCheck = (deps: Pick<IdentityDeps, 'tasks'>, verificationId: string, enqueuedMs?: number) =>
  deps.tasks.enqueue(QUEUES.kyc, `kyc-check-${verificationId}`, { verification_id: verificationId, ...(enqueuedMs === undefined ? {} : { enqueued_ms: enqueuedMs }) });

/** A retried end-user request (same Idempotency-Key) maps to the same verification id. */
export const kycIdFor = (uid: string, idempotencyKey: string | undefined): string | undefined =>
  idempotencyKey ? `kyc_${sha256Hex(`${uid}:${idempotencyKey}`).slice(0, 32)}` : undefined;
