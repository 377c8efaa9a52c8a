import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { z } from 'zod';
import type { AuditEntry } from '../../compliance/domain/audit-entry';
import { COLLECTIONS } from '../../shared/firestore-collections';
import { MERCHANT_ROLES } from '../../shared/merchant-access';
import type { ApiKeyRecord } from '../domain/api-key';
import type { AppUserLink } from '../domain/app-user';
import type { Invitation, Member } from '../domain/team';
import type { TeamStore, TeamTransaction } from '../application/team.store';
import { presentMember } from '../application/team.presenter';
import { ApiKeyDocument } from './merchant.firestore-repository';

// `merchant_members/{uid}`, `invitations/{inv_…}`, `app_users/{uid}`, `api_keys/{hash}` and the audit
// log, written together in one Firestore transaction. None of them is client-readable (the rules); the
// app reads the members' read model instead.
const Role = z.enum(MERCHANT_ROLES);
const MemberDocument = z.object({ uid: z.string(), merchantId: z.string(), livemode: z.boolean(), email: z.string(), role: Role, createdMs: z.number().int(), updatedMs: z.number().int() });
const InvitationDocument = z.object({
  id: z.string(), merchantId: z.string(), livemode: z.boolean(), email: z.string(), role: Role, status: z.enum(['pending', 'accepted']),
  acceptedBy: z.string().nullable(), createdMs: z.number().int(), expiresMs: z.number().int(),
});
const AppUserDocument = z.object({ uid: z.string(), merchantId: z.string(), livemode: z.boolean(), customerId: z.string(), linkedMs: z.number().int() });

const plain = (value: object) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

export class FirestoreTeamStore implements TeamStore {
  constructor(private readonly db: Firestore) {}

  private members = () => this.db.collection(COLLECTIONS.merchantMembers);
  private invitations = () => this.db.collection(COLLECTIONS.invitations);
  private appUsers = () => this.db.collection(COLLECTIONS.appUsers);
  private keys = () => this.db.collection(COLLECTIONS.apiKeys);

  transact<T>(body: (tx: TeamTransaction) => Promise<T>): Promise<T> {
    return this.db.runTransaction(async (t: Transaction) => {
      // Firestore wants every read before the first write: writes wait until the body has returned.
      const writes: Array<() => void> = [];
      const read = async <S extends z.ZodType>(schema: S, ref: FirebaseFirestore.DocumentReference): Promise<z.output<S> | null> => {
        const snap = await t.get(ref);
        return snap.exists ? schema.parse(snap.data()) : null;
      };
      const tx: TeamTransaction = {
        member: (uid) => read(MemberDocument, this.members().doc(uid)),
        invitation: (id) => read(InvitationDocument, this.invitations().doc(id)),
        appUser: (uid) => read(AppUserDocument, this.appUsers().doc(uid)),
        apiKey: async (merchantId, livemode, id) => {
          const snap = await t.get(this.keys().where('id', '==', id).where('merchantId', '==', merchantId).where('livemode', '==', livemode).limit(1));
          return snap.empty ? null : ApiKeyDocument.parse(snap.docs[0].data());
        },
        ownerCount: async (merchantId, livemode) =>
          (await t.get(this.members().where('merchantId', '==', merchantId).where('livemode', '==', livemode).where('role', '==', 'owner'))).size,
        // With the membership, the team's read model for the apps (admins see the team there).
        putMember: (m: Member) =>
          void writes.push(() => {
            t.set(this.members().doc(m.uid), plain(m));
            t.set(this.db.collection(COLLECTIONS.appMembers).doc(m.uid), { merchantId: m.merchantId, livemode: m.livemode, member: presentMember(m) });
          }),
        deleteMember: (uid) =>
          void writes.push(() => {
            t.delete(this.members().doc(uid));
            t.delete(this.db.collection(COLLECTIONS.appMembers).doc(uid));
          }),
        putInvitation: (i: Invitation) => void writes.push(() => t.set(this.invitations().doc(i.id), plain(i))),
        putApiKey: (k: ApiKeyRecord) => void writes.push(() => t.set(this.keys().doc(k.keyHash), plain(k))),
        putAppUser: (l: AppUserLink) => void writes.push(() => t.set(this.appUsers().doc(l.uid), plain(l))),
        appendAudit: (e: AuditEntry) => void writes.push(() => t.create(this.db.collection(COLLECTIONS.auditOutbox).doc(e.id), plain(e))),
      };
      const result = await body(tx);
      for (const write of writes) write();
      return result;
    });
  }

  async findMember(uid: string): Promise<Member | null> {
    const snap = await this.members().doc(uid).get();
    return snap.exists ? MemberDocument.parse(snap.data()) : null;
  }

  async listMembers(merchantId: string, livemode: boolean): Promise<Member[]> {
    const snap = await this.members().where('merchantId', '==', merchantId).where('livemode', '==', livemode).limit(500).get();
    return snap.docs.map((d) => MemberDocument.parse(d.data()));
  }

  async listInvitations(merchantId: string, livemode: boolean): Promise<Invitation[]> {
    const snap = await this.invitations().where('merchantId', '==', merchantId).where('livemode', '==', livemode).where('status', '==', 'pending').limit(500).get();
    return snap.docs.map((d) => InvitationDocument.parse(d.data()));
  }

  async listApiKeys(merchantId: string, livemode: boolean): Promise<ApiKeyRecord[]> {
    const snap = await this.keys().where('merchantId', '==', merchantId).where('livemode', '==', livemode).limit(500).get();
    return snap.docs.map((d) => ApiKeyDocument.parse(d.data()));
  }
}
