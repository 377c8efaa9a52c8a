import { COLLECTIONS } from '../../shared/firestore-collections';
import { Verification } from '../domain/verification';
import { DecisionRecorder } from './verification-decision.records';

/** Identity's collections, named in the one registry. */
export const IDENTITY_COLLECTIONS = {
  verifications: COLLECTIONS.verifications,
  /** `<mode>_<merchantId>` → the merchant's current KYB verification id in that mode. */
  merchantVerifications: COLLECTIONS.merchantVerifications,
  /** Webhook event ids already applied: a second delivery is a replay. */
  vendorEvents: COLLECTIONS.identityVendorEvents,
} as const;

export interface VerificationRepository {
  get(id: string): Promise<Verification | null>;
  /**
   * Read-modify-write in one transaction, so a webhook landing meanwhile is not overwritten. The
   * recorder's audit entries and cases are committed in that same transaction.
   */
  update(id: string, change: (v: Verification) => Verification, records?: DecisionRecorder): Promise<Verification | null>;
  /** Creates a KYC verification (KYB is created with its mode's pointer in the request's transaction). */
  create(verification: Verification): Promise<void>;
  /** The merchant's current KYB verification in one mode: a test submission never answers for live. */
  currentForMerchant(merchantId: string, livemode: boolean): Promise<Verification | null>;
  /**
   * Applies a vendor event exactly once: inside one transaction, refuses an event id already seen,
   * otherwise updates the verification and remembers the id. Answers 'replayed' when seen.
   */
  applyEventOnce(eventId: string, verificationId: string, update: (v: Verification) => Verification, nowMs: number, records?: DecisionRecorder): Promise<'applied' | 'replayed' | 'not_found'>;
}

// Test and live keep separate pointers: a test-mode submission, which the sandbox vendor approves,
// must never make the merchant verified for live money.
export const merchantVerificationPointerId = (merchantId: string, livemode: boolean): string => `${livemode ? 'live' : 'test'}_${merchantId}`;
