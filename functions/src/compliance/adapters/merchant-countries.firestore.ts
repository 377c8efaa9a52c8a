import { Firestore } from 'firebase-admin/firestore';
import { FirestoreMerchantRepository } from '../../merchants/adapters/merchant.firestore-repository';
import { MerchantCountries } from '../application/sanctions-payment.gate';

// The merchant's country of business, read from the merchants context (absent = the default).
export const firestoreMerchantCountries = (db: Firestore): MerchantCountries => {
  const merchants = new FirestoreMerchantRepository(db);
  return { countryOf: async (merchantId) => (await merchants.getMerchant(merchantId))?.country };
};
