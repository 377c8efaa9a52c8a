import { auditEntry } from '../../compliance/domain/audit-entry';
import { apiError, ApiError } from '../../shared/api-error';
import type { Clock } from '../../shared/clock';
import { actorOf } from '../../shared/merchant-access';
import type { MerchantContext } from '../../shared/merchant-context';
import { err, ok, Result } from '../../shared/result';
import { appUserClaims, type AppUserLink } from '../domain/app-user';
import type { TeamStore, UserAccounts } from './team.store';

type Linked = { object: 'app_user'; uid: string; customer: string; livemode: boolean };

/**
 * The merchant's backend links an end user of its app (a Firebase Auth uid) to one of its customers:
 * the user's tokens then carry `customer_id`, and the rules show them their own payments and KYC
 * status. A user linked to another merchant, or who is a team member, is refused; re-linking the
 * same user to the same customer is harmless (and sets the claims again).
 */
export async function linkAppUser(deps: { store: TeamStore; accounts: UserAccounts; clock: Clock }, merchant: MerchantContext, customerId: string, uid: string): Promise<Result<Linked, ApiError>> {
  const claims = await deps.accounts.claims(uid);
  if (claims === null) return err(apiError(404, 'invalid_request_error', 'resource_missing', `No such app user: '${uid}'`, 'uid'));
  const nowMs = deps.clock.nowMs();
  const link: AppUserLink = { uid, merchantId: merchant.merchantId, livemode: merchant.livemode, customerId, linkedMs: nowMs };
  const refused = await deps.store.transact(async (tx) => {
    if (await tx.member(uid)) return 'member';
    const existing = await tx.appUser(uid);
    if (existing && (existing.merchantId !== merchant.merchantId || existing.livemode !== merchant.livemode)) return 'other_merchant';
    if (existing?.customerId === customerId) return null;
    tx.putAppUser(link);
    tx.appendAudit(auditEntry({ actor: actorOf(merchant.credential!), action: 'account.app_user_linked', subject: `merchants/${merchant.merchantId}`, reason: 'linked an app user to a customer', details: { uid, customer: customerId, livemode: merchant.livemode } }, nowMs));
    return null;
  });
  if (refused) return err(apiError(409, 'invalid_request_error', 'app_user_taken', 'This app user belongs to another account (or is a team member) and cannot be linked.', 'uid'));
  await deps.accounts.setClaims(uid, appUserClaims(link));
  return ok({ object: 'app_user', uid, customer: customerId, livemode: merchant.livemode });
}
