import type { Firestore } from 'firebase-admin/firestore';
import { firebaseAuth } from '../platform/adapters/id-token.firebase-verifier';
import { ApiError } from '../shared/api-error';
import type { Clock } from '../shared/clock';
import type { IdTokenVerifier } from '../shared/id-token.verifier';
import type { Logger } from '../shared/logger';
import type { RouteAccess } from '../shared/merchant-access';
import { MerchantContext } from '../shared/merchant-context';
import { Result } from '../shared/result';
import { firestoreMerchantCountries } from './adapters/merchant-countries.firestore';
import { CachedMerchantRepository } from './adapters/merchant.cached-repository';
import { FirestoreMerchantRepository } from './adapters/merchant.firestore-repository';
import { FirestoreTeamStore } from './adapters/team.firestore-store';
import { FirebaseUserAccounts } from './adapters/user-accounts.firebase-auth';
import { authenticateMerchant } from './application/authenticate-merchant.query';
import { MerchantRepository } from './application/merchant.repository';
import type { TeamStore, UserAccounts } from './application/team.store';

/** The merchants context: accounts, their API keys and team members, and the country each merchant does business in. */
export interface MerchantsModule {
  readonly merchants: MerchantRepository;
  readonly team: TeamStore;
  readonly accounts: UserAccounts;
  readonly clock: Clock;
  readonly log: Logger;
  readonly projectId: string;
  readonly idTokens: IdTokenVerifier;
  /** The merchant's country of business (fraud, sanctions and AML read it). */
  readonly countries: ReturnType<typeof firestoreMerchantCountries>;
  /** The merchant API's authentication and authorisation: a key or a member's ID token to its merchant and mode, or a 401/403. */
  readonly authenticate: (authorization: string | undefined, access: RouteAccess) => Promise<Result<MerchantContext, ApiError>>;
}

export function merchantsModule(deps: { db: Firestore; projectId: string; idTokens: IdTokenVerifier; clock: Clock; log: Logger }): MerchantsModule {
  const merchants = new CachedMerchantRepository(new FirestoreMerchantRepository(deps.db));
  const team = new FirestoreTeamStore(deps.db);
  return {
    merchants,
    team,
    accounts: new FirebaseUserAccounts(() => firebaseAuth(deps.projectId)),
    clock: deps.clock,
    log: deps.log.child({ context: 'merchants' }),
    projectId: deps.projectId,
    idTokens: deps.idTokens,
    countries: firestoreMerchantCountries(deps.db),
    authenticate: (authorization, access) => authenticateMerchant({ merchants, team, tokens: deps.idTokens, clock: deps.clock }, authorization, access),
  };
}
