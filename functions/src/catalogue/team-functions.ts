import * as team from '../contracts/account-team.v1';
import type { FunctionSpec, HttpRoute } from './function-spec';

// The merchants context's team, key and app-user functions (issue 11), part of the one catalogue.
// None takes an Idempotency-Key: each is idempotent by itself but create-api-key (team.http.ts, api-keys.http.ts).
const http = (name: string, entryPoint: string, route: HttpRoute): FunctionSpec => ({ name, entryPoint, trigger: 'http', route: { ...route, idempotencyKey: false } });

export const TEAM_FUNCTIONS: readonly FunctionSpec[] = [
  http('invite-member', 'inviteMember', {
    method: 'POST', path: '/v1/account/members', summary: 'Invite someone by e-mail to the team, with a role (owners only may invite owners)', successStatus: 200, request: team.InviteMemberRequest, response: team.InvitationObject, auth: 'merchant_key', resource: 'members',
  }),
  http('list-members', 'listMembers', {
    method: 'GET', path: '/v1/account/members', summary: 'The team of this account and mode, with pending invitations', successStatus: 200, response: team.MemberList, auth: 'merchant_key', resource: 'members',
  }),
  http('update-member', 'updateMember', {
    method: 'POST', path: '/v1/account/members/{id}', summary: "Change a member's role (their claims follow)", successStatus: 200, request: team.UpdateMemberRequest, response: team.MemberObject, auth: 'merchant_key', resource: 'members',
  }),
  http('remove-member', 'removeMember', {
    method: 'DELETE', path: '/v1/account/members/{id}', summary: 'Remove a member: claims cleared, sessions revoked', successStatus: 200, response: team.DeletedMember, auth: 'merchant_key', resource: 'members',
  }),
  http('accept-invitation', 'acceptInvitation', {
    method: 'POST', path: '/v1/account/invitations/{id}/accept', summary: 'The invited user (verified e-mail, Firebase ID token) joins the team; their custom claims are set', successStatus: 200, response: team.MemberObject, auth: 'firebase_id_token',
  }),
  http('create-api-key', 'createApiKey', {
    method: 'POST', path: '/v1/api_keys', summary: 'Create a secret or restricted key (shown once)', successStatus: 201, request: team.CreateApiKeyRequest, response: team.ApiKeyObject, auth: 'merchant_key', resource: 'api_keys',
  }),
  http('list-api-keys', 'listApiKeys', {
    method: 'GET', path: '/v1/api_keys', summary: 'The keys of this account and mode, masked', successStatus: 200, response: team.ApiKeyList, auth: 'merchant_key', resource: 'api_keys',
  }),
  http('roll-api-key', 'rollApiKey', {
    method: 'POST', path: '/v1/api_keys/{id}/roll', summary: 'A new key now; the old one works until expires_in_hours', successStatus: 200, request: team.RollApiKeyRequest, response: team.ApiKeyObject, auth: 'merchant_key', resource: 'api_keys',
  }),
  http('revoke-api-key', 'revokeApiKey', {
    method: 'DELETE', path: '/v1/api_keys/{id}', summary: 'Revoke a key at once (other instances within the 10 s key cache)', successStatus: 200, response: team.DeletedApiKey, auth: 'merchant_key', resource: 'api_keys',
  }),
  http('link-app-user', 'linkAppUser', {
    method: 'POST', path: '/v1/customers/{id}/app_user', summary: 'Link a signed-in app user (uid) to a customer: their token gets customer_id', successStatus: 200, request: team.LinkAppUserRequest, response: team.AppUserLink, auth: 'merchant_key', resource: 'customers',
  }),
];
