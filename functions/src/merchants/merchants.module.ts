import type { Firestore } from 'firebase-admin/firestore';
import { ApiError } from '../shared/api-error';
import { MerchantContext } from '../shared/merchant-context';
import { Result } from '../shared/result';
import { firestoreMerchantCountries } from './adapters/merchant-countries.firestore';
import { CachedMerchantRepository } from './adapters/merchant.cached-repository';
import { FirestoreMerchantRepository } from './adapters/merchant.firestore-repository';
import { authenticateMerchant } from './application/authenticate-merchant.query';
import { MerchantRepository } from './application/merchant.repository';

/** The merchants context: accounts and their API keys, and the country each merchant does business in. */
export interface MerchantsModule {
  readonly merchants: MerchantRepository;
  /** The merchant's country of business (fraud, sanctions and AML read it). */
  readonly countries: ReturnType<typeof firestoreMerchantCountries>;
  /** The merchant API's authentication: a secret key to its merchant and mode, or a 401. */
  readonly authenticate: (authorization: string | undefined) => Promise<Result<MerchantContext, ApiError>>;
}

export function merchantsModule(db: Firestore): MerchantsModule {
  const merchants = new CachedMerchantRepository(new FirestoreMerchantRepository(db));
  return { merchants, countries: firestoreMerchantCountries(db), authenticate: (authorization) => authenticateMerchant(merchants, authorization) };
}
