import { Firestore } from 'firebase-admin/firestore';
import { merchantCountriesFrom, MerchantCountries } from '../application/merchant-countries.query';
import { FirestoreMerchantRepository } from './merchant.firestore-repository';

// The merchant's country of business, read from the merchant document (cached per instance).
export const firestoreMerchantCountries = (db: Firestore): MerchantCountries => merchantCountriesFrom(new FirestoreMerchantRepository(db));
