import type { AuditEntry } from '../../compliance/domain/audit-entry';
import type { ApiKeyRecord } from '../domain/api-key';
import type { AppUserLink } from '../domain/app-user';
import type { Invitation, Member } from '../domain/team';
import type { TeamStore, TeamTransaction, UserAccounts } from '../application/team.store';
import type { InMemoryMerchantRepository } from './merchant.memory-repository';

// Unit tests' team store: transactions run one at a time, writes land only when the body returns
// (like Firestore's), and keys go to the merchants repository that authenticates them.
export class InMemoryTeamStore implements TeamStore {
  readonly members = new Map<string, Member>();
  readonly invitations = new Map<string, Invitation>();
  readonly appUsers = new Map<string, AppUserLink>();
  readonly audit: AuditEntry[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly keys: InMemoryMerchantRepository) {}

  transact<T>(body: (tx: TeamTransaction) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const writes: Array<() => void> = [];
      const tx: TeamTransaction = {
        member: async (uid) => this.members.get(uid) ?? null,
        invitation: async (id) => this.invitations.get(id) ?? null,
        appUser: async (uid) => this.appUsers.get(uid) ?? null,
        apiKey: async (merchantId, livemode, id) => this.keys.storedApiKeys().find((k) => k.id === id && k.merchantId === merchantId && k.livemode === livemode) ?? null,
        ownerCount: async (merchantId, livemode) => [...this.members.values()].filter((m) => m.merchantId === merchantId && m.livemode === livemode && m.role === 'owner').length,
        putMember: (m) => void writes.push(() => this.members.set(m.uid, m)),
        deleteMember: (uid) => void writes.push(() => this.members.delete(uid)),
        putInvitation: (i) => void writes.push(() => this.invitations.set(i.id, i)),
        putApiKey: (k) => void writes.push(() => void this.keys.saveApiKey(k)),
        putAppUser: (l) => void writes.push(() => this.appUsers.set(l.uid, l)),
        appendAudit: (e) => void writes.push(() => this.audit.push(e)),
      };
      const result = await body(tx);
      for (const write of writes) write();
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async findMember(uid: string): Promise<Member | null> {
    return this.members.get(uid) ?? null;
  }

  async listMembers(merchantId: string, livemode: boolean): Promise<Member[]> {
    return [...this.members.values()].filter((m) => m.merchantId === merchantId && m.livemode === livemode);
  }

  async listInvitations(merchantId: string, livemode: boolean): Promise<Invitation[]> {
    return [...this.invitations.values()].filter((i) => i.merchantId === merchantId && i.livemode === livemode);
  }

  async listApiKeys(merchantId: string, livemode: boolean): Promise<ApiKeyRecord[]> {
    return this.keys.storedApiKeys().filter((k) => k.merchantId === merchantId && k.livemode === livemode);
  }
}

/** Firebase Auth's users as unit tests see them: claims per uid, and who had their sessions revoked. */
export class InMemoryUserAccounts implements UserAccounts {
  readonly users = new Map<string, Record<string, unknown>>();
  readonly revoked: string[] = [];

  add(uid: string): void {
    this.users.set(uid, {});
  }

  async setClaims(uid: string, claims: Record<string, unknown> | null): Promise<void> {
    if (!this.users.has(uid)) throw new Error(`no user ${uid}`);
    this.users.set(uid, claims ?? {});
  }

  async revokeSessions(uid: string): Promise<void> {
    this.revoked.push(uid);
  }

  async claims(uid: string): Promise<Record<string, unknown> | null> {
    return this.users.get(uid) ?? null;
  }
}
