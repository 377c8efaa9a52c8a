import { ContextRecord, contextRecord } from '../../shared/context-record';
import { Verification } from '../domain/verification';
import { CreateAccountVerificationRequest } from '../../contracts/identity-api.v1';
import { IdentityDeps } from './identity.deps';
import { MERCHANT_VERIFICATION_POINTER, VERIFICATION } from './identity.record-kinds';
import { enqueueKycCheck, newVerification } from './submit-verification.command';
import { merchantVerificationPointerId } from './verification.repository';

// KYB for a merchant, in two halves around the request's transaction (which carries its
// idempotency record, and whose body Firestore may run more than once):
// - before it, once per request: seal the personal data (a KMS call) and enqueue the named check
//   task. The task's handler waits for the commit and drops the check if the commit never comes
//   (runKycCheck), so a request whose transaction fails, or that is replayed, leaves nothing behind.
// - inside it: stage the verification and the merchant's pointer to it, nothing else.

export async function prepareAccountVerification(
  deps: Pick<IdentityDeps, 'kek' | 'clock' | 'tasks'>,
  merchant: { merchantId: string; livemode: boolean },
  request: CreateAccountVerificationRequest,
): Promise<Verification> {
  const verification = await newVerification(deps, { type: 'kyb', ownerId: merchant.merchantId, livemode: merchant.livemode, request });
  await enqueueKycCheck(deps, verification.id, verification.createdMs);
  return verification;
}

export function recordAccountVerification(tx: { create(record: ContextRecord): void }, merchant: { merchantId: string; livemode: boolean }, verification: Verification): void {
  tx.create(contextRecord(VERIFICATION, verification.id, verification));
  const pointer = { verificationId: verification.id, updatedMs: verification.createdMs };
  tx.create(contextRecord(MERCHANT_VERIFICATION_POINTER, merchantVerificationPointerId(merchant.merchantId, merchant.livemode), pointer));
}
