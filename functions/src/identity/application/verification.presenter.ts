import { z } from 'zod';
import { KycVerificationObject, VerificationObject } from '../../contracts/identity-api.v1';
import { Verification } from '../domain/verification';

// Verifications as the API shows them (contracts/identity-api.v1.ts).

export function presentVerification(v: Verification): z.infer<typeof VerificationObject> {
  return {
    id: v.id,
    object: v.type === 'kyb' ? 'account_verification' : 'kyc_verification',
    status: v.status,
    reasons: [...v.reasons],
    subjects: v.subjects.map((s) => ({ ref: s.ref, kind: s.kind, name: s.name, country: s.country })),
    created: Math.floor(v.createdMs / 1000),
    updated: Math.floor(v.updatedMs / 1000),
  };
}

export function presentKycVerification(v: Verification): z.infer<typeof KycVerificationObject> {
  const { id, object, status, created, updated } = presentVerification(v);
  return { id, object, status, created, updated };
}
