import type { AuditEntry } from '../../compliance/domain/audit-entry';
import type { ApiKeyRecord } from '../domain/api-key';
import type { AppUserLink } from '../domain/app-user';
import type { Invitation, Member } from '../domain/team';

/**
 * One transaction over the team, the keys and the audit log: reads first, then writes, all committed
 * together (the change and its audit entry never apart). The body may run more than once.
 */
export interface TeamTransaction {
  member(uid: string): Promise<Member | null>;
  invitation(id: string): Promise<Invitation | null>;
  apiKey(merchantId: string, livemode: boolean, id: string): Promise<ApiKeyRecord | null>;
  appUser(uid: string): Promise<AppUserLink | null>;
  ownerCount(merchantId: string, livemode: boolean): Promise<number>;
  putMember(member: Member): void;
  deleteMember(uid: string): void;
  putInvitation(invitation: Invitation): void;
  putApiKey(key: ApiKeyRecord): void;
  putAppUser(link: AppUserLink): void;
  appendAudit(entry: AuditEntry): void;
}

/** Port: the merchant's team, keys and app users (Firestore in production, a map in unit tests). */
export interface TeamStore {
  transact<T>(body: (tx: TeamTransaction) => Promise<T>): Promise<T>;
  findMember(uid: string): Promise<Member | null>;
  listMembers(merchantId: string, livemode: boolean): Promise<Member[]>;
  listInvitations(merchantId: string, livemode: boolean): Promise<Invitation[]>;
  listApiKeys(merchantId: string, livemode: boolean): Promise<ApiKeyRecord[]>;
}

/** Port: Firebase Auth's user records (custom claims, sessions), via the Admin SDK. */
export interface UserAccounts {
  /** Replaces the user's custom claims (null clears them); the user's next token carries them. */
  setClaims(uid: string, claims: Record<string, unknown> | null): Promise<void>;
  /** Ends every session: refresh tokens stop working and tokens issued before now are refused. */
  revokeSessions(uid: string): Promise<void>;
  /** The user's custom claims, or null when no such user exists. */
  claims(uid: string): Promise<Record<string, unknown> | null>;
}
