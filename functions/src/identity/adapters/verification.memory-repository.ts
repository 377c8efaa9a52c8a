import { Verification } from '../domain/verification';
import { VerificationRepository } from '../application/verification.repository';

/** For unit tests: the same contract as the Firestore repository, in memory. */
export class MemoryVerificationRepository implements VerificationRepository {
  readonly verifications = new Map<string, Verification>();
  readonly merchantPointers = new Map<string, string>();
  readonly seenEvents = new Set<string>();

  async get(id: string) {
    return this.verifications.get(id) ?? null;
  }

  async update(id: string, change: (v: Verification) => Verification) {
    const current = this.verifications.get(id);
    if (!current) return null;
    const updated = change(current);
    this.verifications.set(id, updated);
    return updated;
  }

  async create(v: Verification) {
    if (this.verifications.has(v.id)) return;
    this.verifications.set(v.id, v);
    if (v.type === 'kyb') this.merchantPointers.set(v.ownerId, v.id);
  }

  async currentForMerchant(merchantId: string) {
    const id = this.merchantPointers.get(merchantId);
    return id ? this.get(id) : null;
  }

  async applyEventOnce(eventId: string, verificationId: string, update: (v: Verification) => Verification) {
    if (this.seenEvents.has(eventId)) return 'replayed' as const;
    const current = this.verifications.get(verificationId);
    if (!current) return 'not_found' as const;
    this.verifications.set(verificationId, update(current));
    this.seenEvents.add(eventId);
    return 'applied' as const;
  }
}
