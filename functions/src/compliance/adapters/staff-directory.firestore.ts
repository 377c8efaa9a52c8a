import { Firestore } from 'firebase-admin/firestore';
import { z } from 'zod';
import { COMPLIANCE_COLLECTIONS } from '../application/compliance.store';
import { StaffDirectory } from '../application/authenticate-staff.query';
import { StaffKeyRecord } from '../domain/staff-key';

// Keys stored before staff roles existed are analysts' keys.
const StaffKeyDocument = z.object({ keyHash: z.string(), staffId: z.string(), role: z.enum(['analyst', 'supervisor']).default('analyst'), prefix: z.string(), revoked: z.boolean(), createdMs: z.number().int() });

export class FirestoreStaffDirectory implements StaffDirectory {
  constructor(private readonly db: Firestore) {}

  async findStaffKey(keyHash: string): Promise<StaffKeyRecord | null> {
    const snap = await this.db.collection(COMPLIANCE_COLLECTIONS.staffKeys).doc(keyHash).get();
    return snap.exists ? StaffKeyDocument.parse(snap.data()) : null;
  }

  async saveStaffKey(record: StaffKeyRecord): Promise<void> {
    await this.db.collection(COMPLIANCE_COLLECTIONS.staffKeys).doc(record.keyHash).set(record);
  }
}

export class InMemoryStaffDirectory implements StaffDirectory {
  private readonly keys = new Map<string, StaffKeyRecord>();

  async findStaffKey(keyHash: string): Promise<StaffKeyRecord | null> {
    return this.keys.get(keyHash) ?? null;
  }

  async saveStaffKey(record: StaffKeyRecord): Promise<void> {
    this.keys.set(record.keyHash, { ...record });
  }
}
