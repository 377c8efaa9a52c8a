import { Verification } from '../domain/verification';
import { DecisionRecorder } from './verification-decision.records';

export const IDENTITY_COLLECTIONS = {
  verifications: 'verifications',
  /** merchantId → the merchant's current KYB verification id. */
  merchantVerifications: 'merchant_verifications',
  /** Webhook event ids already applied: a second delivery is a replay. */
  vendorEvents: 'identity_vendor_events',
} as const;

export interface VerificationRepository {
  get(id: string): Promise<Verification | null>;
  /**
   * Read-modify-write in one transaction, so a webhook landing meanwhile is not overwritten. The
   * recorder's audit entries and cases are committed in that same transaction.
   */
  update(id: string, change: (v: Verification) => Verification, records?: DecisionRecorder): Promise<Verification | null>;
  /** Creates the verification and, for KYB, points the merchant at it, atomically. */
  create(verification: Verification): Promise<void>;
  currentForMerchant(merchantId: string): Promise<Verification | null>;
  /**
   * Applies a vendor event exactly once: inside one transaction, refuses an event id already seen,
   * otherwise updates the verification and remembers the id. Answers 'replayed' when seen.
   */
  applyEventOnce(eventId: string, verificationId: string, update: (v: Verification) => Verification, nowMs: number, records?: DecisionRecorder): Promise<'applied' | 'replayed' | 'not_found'>;
}
