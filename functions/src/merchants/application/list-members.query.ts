import type { InvitationObject, MemberObject } from '../../contracts/account-team.v1';
import type { Clock } from '../../shared/clock';
import type { MerchantContext } from '../../shared/merchant-context';
import { presentInvitation, presentMember } from './team.presenter';
import type { TeamStore } from './team.store';

/** The team of the caller's account and mode, oldest first, with the invitations not yet accepted. */
export async function listMembers(deps: { store: TeamStore; clock: Clock }, merchant: MerchantContext): Promise<{ object: 'list'; data: MemberObject[]; invitations: InvitationObject[]; has_more: false; url: string }> {
  const nowMs = deps.clock.nowMs();
  const [members, invitations] = await Promise.all([deps.store.listMembers(merchant.merchantId, merchant.livemode), deps.store.listInvitations(merchant.merchantId, merchant.livemode)]);
  return {
    object: 'list',
    data: members.sort((a, b) => a.createdMs - b.createdMs).map(presentMember),
    invitations: invitations.filter((i) => i.status === 'pending').sort((a, b) => a.createdMs - b.createdMs).map((i) => presentInvitation(i, nowMs)),
    has_more: false,
    url: '/v1/account/members',
  };
}
