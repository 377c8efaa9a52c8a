import { fixedClock } from '../../shared/clock';
import type { MerchantRole } from '../../shared/merchant-access';
import type { MerchantContext } from '../../shared/merchant-context';
import { InMemoryMerchantRepository } from '../adapters/merchant.memory-repository';
import { InMemoryTeamStore, InMemoryUserAccounts } from '../adapters/team.memory-store';
import { INVITATION_LIFETIME_MS } from '../domain/team';
import { acceptInvitation } from './accept-invitation.command';
import { changeMember } from './change-member.command';
import { inviteMember } from './invite-member.command';
import { linkAppUser } from './link-app-user.command';
import { listMembers } from './list-members.query';

function given(nowMs = 1_000) {
  const store = new InMemoryTeamStore(new InMemoryMerchantRepository());
  const accounts = new InMemoryUserAccounts();
  const deps = { store, accounts, clock: fixedClock(nowMs) };
  const secretKey: MerchantContext = { merchantId: 'acct_1', livemode: false, credential: { kind: 'secret_key', keyId: 'key_1' } };
  const asMember = (uid: string, role: MerchantRole): MerchantContext => ({ merchantId: 'acct_1', livemode: false, credential: { kind: 'dashboard_user', uid, role } });
  const user = (uid: string, email: string, emailVerified = true) => {
    accounts.add(uid);
    return { uid, email, emailVerified };
  };
  // A member joins through an invitation, as in production.
  const join = async (uid: string, role: MerchantRole) => {
    const invited = await inviteMember(deps, secretKey, { email: `${uid}@shop.test`, role });
    if (!invited.ok) throw new Error('invite failed');
    const accepted = await acceptInvitation(deps, user(uid, `${uid}@shop.test`), invited.value.id);
    if (!accepted.ok) throw new Error(accepted.error.message);
    return asMember(uid, role);
  };
  return { store, accounts, deps, secretKey, asMember, user, join };
}

describe('team: invitations, roles, removal', () => {
  it('given an invitation by the secret key, when the invited user accepts with the same verified e-mail, then they are a member with claims, audited', async () => {
    const { deps, secretKey, user, accounts, store } = given();
    const invited = await inviteMember(deps, secretKey, { email: 'ana@shop.test', role: 'owner' });
    expect(invited).toMatchObject({ ok: true, value: { object: 'invitation', email: 'ana@shop.test', role: 'owner', status: 'pending', livemode: false } });

    const accepted = await acceptInvitation(deps, user('u_ana', 'ana@shop.test'), invited.ok ? invited.value.id : '');

    expect(accepted).toEqual({ ok: true, value: { id: 'u_ana', object: 'member', email: 'ana@shop.test', role: 'owner', created: 1, livemode: false } });
    expect(await accounts.claims('u_ana')).toEqual({ merchant_id: 'acct_1', role: 'owner', livemode: false });
    expect(store.audit.map((e) => [e.action, e.actor])).toEqual([['account.member_invited', 'key:key_1'], ['account.member_joined', 'user:u_ana']]);
    expect(JSON.stringify(store.audit)).not.toContain('ana@shop.test');
  });

  it('given an invitation, then another address, an unverified address or an expired invitation cannot accept it', async () => {
    const { deps, secretKey, user, store, accounts } = given();
    const invited = await inviteMember(deps, secretKey, { email: 'bo@shop.test', role: 'analyst' });
    const id = invited.ok ? invited.value.id : '';
    expect(await acceptInvitation(deps, user('u_eve', 'eve@evil.test'), id)).toMatchObject({ ok: false, error: { status: 404 } });
    expect(await acceptInvitation(deps, user('u_bo', 'bo@shop.test', false), id)).toMatchObject({ ok: false, error: { status: 403, code: 'email_not_verified' } });
    const later = { store, accounts, clock: fixedClock(1_000 + INVITATION_LIFETIME_MS) };
    expect(await acceptInvitation(later, user('u_bo', 'bo@shop.test'), id)).toMatchObject({ ok: false, error: { status: 409, code: 'invitation_expired' } });
    expect(store.members.size).toBe(0);
  });

  it('when the same user accepts twice, then the second answer is the same membership and the claims are set again', async () => {
    const { deps, secretKey, user, accounts } = given();
    const invited = await inviteMember(deps, secretKey, { email: 'cy@shop.test', role: 'developer' });
    const id = invited.ok ? invited.value.id : '';
    const cy = user('u_cy', 'cy@shop.test');
    await acceptInvitation(deps, cy, id);
    await accounts.setClaims('u_cy', null); // the first claims call "failed"
    expect((await acceptInvitation(deps, cy, id)).ok).toBe(true);
    expect(await accounts.claims('u_cy')).toMatchObject({ role: 'developer' });
  });

  it('when an admin invites an owner, or changes an owner, then 403 owner_only; an owner may', async () => {
    const { deps, join } = given();
    const owner = await join('u_own', 'owner');
    const admin = await join('u_adm', 'admin');
    expect(await inviteMember(deps, admin, { email: 'x@shop.test', role: 'owner' })).toMatchObject({ ok: false, error: { status: 403 } });
    expect(await changeMember(deps, admin, 'u_own', 'view_only')).toMatchObject({ ok: false, error: { status: 403 } });
    expect(await inviteMember(deps, owner, { email: 'x@shop.test', role: 'owner' })).toMatchObject({ ok: true });
  });

  it('when a role changes, then the claims follow; the last owner cannot be demoted; nobody changes themself', async () => {
    const { deps, join, accounts, secretKey } = given();
    const owner = await join('u_own', 'owner');
    await join('u_dev', 'developer');
    expect(await changeMember(deps, owner, 'u_dev', 'analyst')).toMatchObject({ ok: true, value: { role: 'analyst' } });
    expect(await accounts.claims('u_dev')).toEqual({ merchant_id: 'acct_1', role: 'analyst', livemode: false });
    expect(await changeMember(deps, secretKey, 'u_own', 'admin')).toMatchObject({ ok: false, error: { status: 409, code: 'last_owner' } });
    expect(await changeMember(deps, owner, 'u_own', 'admin')).toMatchObject({ ok: false, error: { status: 403 } });
  });

  it('when a member is removed, then the membership is gone, claims cleared, sessions revoked; a second removal is 404', async () => {
    const { deps, join, accounts, store } = given();
    const owner = await join('u_own', 'owner');
    await join('u_ana', 'analyst');
    expect(await changeMember(deps, owner, 'u_ana', null)).toEqual({ ok: true, value: { id: 'u_ana', object: 'member', deleted: true } });
    expect(store.members.has('u_ana')).toBe(false);
    expect(await accounts.claims('u_ana')).toEqual({});
    expect(accounts.revoked).toEqual(['u_ana']);
    expect(await changeMember(deps, owner, 'u_ana', null)).toMatchObject({ ok: false, error: { status: 404 } });
  });

  it("given another merchant's member, then they cannot be changed, removed, or have their claims touched", async () => {
    const { deps, join, accounts } = given();
    await join('u_other', 'admin');
    const otherMerchant: MerchantContext = { merchantId: 'acct_2', livemode: false, credential: { kind: 'secret_key', keyId: 'key_2' } };
    expect(await changeMember(deps, otherMerchant, 'u_other', null)).toMatchObject({ ok: false, error: { status: 404 } });
    expect(await accounts.claims('u_other')).toMatchObject({ merchant_id: 'acct_1' });
    const liveSameMerchant: MerchantContext = { merchantId: 'acct_1', livemode: true, credential: { kind: 'secret_key', keyId: 'key_3' } };
    expect(await changeMember(deps, liveSameMerchant, 'u_other', 'view_only')).toMatchObject({ ok: false, error: { status: 404 } });
  });

  it('lists the team of the mode with pending invitations, and one address has one invitation however often it is invited', async () => {
    const { deps, join, secretKey } = given();
    await join('u_own', 'owner');
    await inviteMember(deps, secretKey, { email: 'new@shop.test', role: 'view_only' });
    await inviteMember(deps, secretKey, { email: 'new@shop.test', role: 'analyst' });
    const list = await listMembers(deps, secretKey);
    expect(list.data.map((m) => [m.id, m.role])).toEqual([['u_own', 'owner']]);
    expect(list.invitations.map((i) => [i.email, i.role])).toEqual([['new@shop.test', 'analyst']]);
    expect((await listMembers(deps, { ...secretKey, livemode: true })).data).toEqual([]);
  });
});

describe('app users', () => {
  it('given a signed-up user, when the merchant links them to a customer, then their claims carry customer_id; another merchant cannot take them', async () => {
    const { deps, accounts, secretKey, store } = given();
    accounts.add('u_app');
    expect(await linkAppUser(deps, secretKey, 'cus_42', 'u_app')).toEqual({ ok: true, value: { object: 'app_user', uid: 'u_app', customer: 'cus_42', livemode: false } });
    expect(await accounts.claims('u_app')).toEqual({ merchant_id: 'acct_1', customer_id: 'cus_42', livemode: false });
    const other: MerchantContext = { merchantId: 'acct_2', livemode: false, credential: { kind: 'secret_key', keyId: 'key_2' } };
    expect(await linkAppUser(deps, other, 'cus_7', 'u_app')).toMatchObject({ ok: false, error: { status: 409, code: 'app_user_taken' } });
    expect(await linkAppUser(deps, secretKey, 'cus_42', 'nobody')).toMatchObject({ ok: false, error: { status: 404 } });
    expect(store.audit.map((e) => e.action)).toEqual(['account.app_user_linked']);
  });

  it('given a team member, then they cannot be linked as an app user', async () => {
    const { deps, join, secretKey } = given();
    await join('u_own', 'owner');
    expect(await linkAppUser(deps, secretKey, 'cus_1', 'u_own')).toMatchObject({ ok: false, error: { status: 409 } });
  });
});
