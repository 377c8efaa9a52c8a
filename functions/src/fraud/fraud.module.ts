import type { Firestore } from 'firebase-admin/firestore';
import type { GateCheck } from '../../payments/application/payment-gates';
import type { Clock } from '../../shared/clock';
import type { CardLookup } from '../application/card-lookup.gateway';
import type { IpGeolocation } from '../application/ip-geolocation';
import { fraudGateCheck } from '../application/fraud-gate.check';
import { CidrTableGeolocation, SANDBOX_GEOIP_TABLE } from './ip-geolocation.cidr-table';
import type { FraudHistoryStore } from '../application/fraud-history.store';
import { MerchantRuleBook } from '../application/merchant-rule-book';
import type { ReviewsReader } from '../application/reviews.reader';
import type { RuleSetRepository } from '../application/rule-set.repository';
import type { ProcessorModesConfig } from '../../payments/adapters/processor-modes.config';
import { CardLookupByMode, HttpCardLookup } from './card-lookup.http-gateway';
import { FirestoreFraudHistoryStore } from './fraud-history.firestore-store';
import { FirestoreReviewsReader } from './reviews.firestore-reader';
import { FirestoreRuleSetRepository } from './rule-set.firestore-repository';
import type { MerchantCountries } from '../../merchants/application/merchant-countries.query';
import { firestoreMerchantCountries } from '../../merchants/adapters/merchant-countries.firestore';

export interface FraudModule {
  cards: CardLookup;
  history: FraudHistoryStore;
  ruleSets: RuleSetRepository;
  ruleBook: MerchantRuleBook;
  reviews: ReviewsReader;
  gate: GateCheck;
  /** IP country table, shared with the sanctions gate. */
  geo: IpGeolocation;
}

/** The fraud context wired to Firestore and the processor; built once per instance by the composition root. */
export function firestoreFraudModule(db: Firestore, options: { processors: ProcessorModesConfig; timeoutMs: number; clock: Clock; merchants?: MerchantCountries }): FraudModule {
  const { test, live } = options.processors;
  const cards = new CardLookupByMode({
    test: new HttpCardLookup({ mode: 'test', ...test, timeoutMs: options.timeoutMs }),
    live: live && new HttpCardLookup({ mode: 'live', ...live, timeoutMs: options.timeoutMs }),
  });
  const history = new FirestoreFraudHistoryStore(db, options.clock);
  const ruleSets = new FirestoreRuleSetRepository(db);
  const ruleBook = new MerchantRuleBook(ruleSets, options.clock);
  const geo = geolocation();
  return { cards, history, ruleSets, ruleBook, reviews: new FirestoreReviewsReader(db), geo, gate: fraudGateCheck({ cards, history, rules: ruleBook, geo, merchants: options.merchants ?? firestoreMerchantCountries(db) }) };
}

// A GeoIP vendor's country table in production (GEOIP_TABLE_PATH); the sandbox table otherwise, which
// only knows the documentation address ranges and so never matches real traffic.
function geolocation(): CidrTableGeolocation {
  const table = process.env.GEOIP_TABLE_PATH;
  return table ? CidrTableGeolocation.fromCsvFile(table) : new CidrTableGeolocation(SANDBOX_GEOIP_TABLE);
}
