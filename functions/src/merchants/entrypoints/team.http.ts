import type { HttpFunction } from '@google-cloud/functions-framework';
import { routeOf } from '../../catalogue/function-catalogue';
import { routeEndpoint } from '../../platform/http/route-endpoint';
import type { InviteMemberRequest, LinkAppUserRequest, UpdateMemberRequest } from '../../contracts/account-team.v1';
import { firebaseIdTokenAuthenticator } from '../../platform/http/firebase-id-token.authenticator';
import type { VerifiedUser } from '../../shared/id-token.verifier';
import { ok } from '../../shared/result';
import { acceptInvitation } from '../application/accept-invitation.command';
import { changeMember } from '../application/change-member.command';
import { inviteMember } from '../application/invite-member.command';
import { linkAppUser } from '../application/link-app-user.command';
import { listMembers } from '../application/list-members.query';
import type { MerchantsModule } from '../merchants.module';
import { merchantRoute } from './merchant-route';
import type { z } from 'zod';

type Deps = () => MerchantsModule;
const commandDeps = (deps: Deps) => ({ store: deps().team, accounts: deps().accounts, clock: deps().clock });

// Team routes take no Idempotency-Key: each is idempotent by itself (one invitation per address, a
// role set twice is set once, a removed member is 404, an accepted invitation accepts again and only
// sets the claims again), and the claims call after the commit is what a retry must repeat.

export const inviteMemberHttp = (deps: Deps) =>
  merchantRoute('inviteMember', deps, ({ principal, input }) => inviteMember({ store: deps().team, clock: deps().clock }, principal, input as InviteMemberRequest));

export const listMembersHttp = (deps: Deps) => merchantRoute('listMembers', deps, async ({ principal }) => ok(await listMembers({ store: deps().team, clock: deps().clock }, principal)));

export const updateMemberHttp = (deps: Deps) =>
  merchantRoute('updateMember', deps, ({ principal, params, input }) => changeMember(commandDeps(deps), principal, params.id, (input as z.infer<typeof UpdateMemberRequest>).role));

export const removeMemberHttp = (deps: Deps) => merchantRoute('removeMember', deps, ({ principal, params }) => changeMember(commandDeps(deps), principal, params.id, null));

export const linkAppUserHttp = (deps: Deps) =>
  merchantRoute('linkAppUser', deps, ({ principal, params, input }) => linkAppUser(commandDeps(deps), principal, params.id, (input as z.infer<typeof LinkAppUserRequest>).uid));

/** The invited user, by their own Firebase ID token (no merchant claim yet: that is what accepting gives them). */
export const acceptInvitationHttp = (deps: Deps): HttpFunction =>
  routeEndpoint<VerifiedUser>(
    routeOf('acceptInvitation'),
    () => ({ log: deps().log, projectId: deps().projectId, authenticators: { firebase_id_token: firebaseIdTokenAuthenticator(deps().idTokens) } }),
    ({ principal, params }) => acceptInvitation(commandDeps(deps), principal, params.id),
  );
