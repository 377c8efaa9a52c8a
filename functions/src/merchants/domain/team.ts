import type { MerchantRole } from '../../shared/merchant-access';

// A merchant's team. A member is one Firebase Auth user in one merchant account and one mode: a
// test-mode member never sees live data (the claims carry the mode, and the API and the Firestore
// rules both check it). A user belongs to at most one account at a time.
export interface Member {
  readonly uid: string;
  readonly merchantId: string;
  readonly livemode: boolean;
  readonly email: string;
  readonly role: MerchantRole;
  readonly createdMs: number;
  readonly updatedMs: number;
}

export type InvitationStatus = 'pending' | 'accepted' | 'expired';

export interface Invitation {
  readonly id: string;
  readonly merchantId: string;
  readonly livemode: boolean;
  /** Lower-cased; only a user whose verified e-mail is this one can accept. */
  readonly email: string;
  readonly role: MerchantRole;
  readonly status: Exclude<InvitationStatus, 'expired'>;
  readonly acceptedBy: string | null;
  readonly createdMs: number;
  readonly expiresMs: number;
}

export const INVITATION_LIFETIME_MS = 7 * 24 * 3_600_000;

export const invitationStatus = (invitation: Invitation, nowMs: number): InvitationStatus =>
  invitation.status === 'pending' && invitation.expiresMs <= nowMs ? 'expired' : invitation.status;

/** Who is changing the team: a member with a role, or the merchant's secret key (the platform's onboarding). */
export type TeamActor = { readonly kind: 'member'; readonly uid: string; readonly role: MerchantRole } | { readonly kind: 'secret_key' };

export type TeamRefusal = 'owner_only' | 'last_owner' | 'not_yourself';

/** Granting, changing or taking away `owner` is for owners (and the secret key, which creates the first one). */
export function mayTouchRole(actor: TeamActor, fromRole: MerchantRole | null, toRole: MerchantRole | null): TeamRefusal | null {
  const ownerInvolved = fromRole === 'owner' || toRole === 'owner';
  if (!ownerInvolved) return null;
  return actor.kind === 'secret_key' || actor.role === 'owner' ? null : 'owner_only';
}

/** A role change or removal must leave the account at least one owner, and no one removes or demotes themself. */
export function checkTeamChange(actor: TeamActor, target: Member, toRole: MerchantRole | null, ownersLeft: number): TeamRefusal | null {
  if (actor.kind === 'member' && actor.uid === target.uid) return 'not_yourself';
  const refused = mayTouchRole(actor, target.role, toRole);
  if (refused) return refused;
  if (target.role === 'owner' && toRole !== 'owner' && ownersLeft <= 1) return 'last_owner';
  return null;
}

/** The custom claims a member's ID tokens carry (the Firestore rules read them); null clears them. */
export const memberClaims = (member: Member | null): Record<string, unknown> | null =>
  member ? { merchant_id: member.merchantId, role: member.role, livemode: member.livemode } : null;
