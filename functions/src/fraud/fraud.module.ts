import type { Firestore } from 'firebase-admin/firestore';
import type { MerchantCountries } from '../merchants/application/merchant-countries.query';
import type { GateCheck } from '../payments/application/payment-gates';
import type { PaymentsModule } from '../payments/payments.module';
import type { Clock } from '../shared/clock';
import { CardLookupByMode, HttpCardLookup } from './adapters/card-lookup.http-gateway';
import { AcquirerCardLookup, FailoverCardLookup } from './adapters/card-lookup.acquirer-gateway';
import { FirestoreFraudHistoryStore } from './adapters/fraud-history.firestore-store';
import { CidrTableGeolocation, SANDBOX_GEOIP_TABLE } from './adapters/ip-geolocation.cidr-table';
import { FirestoreRuleSetRepository } from './adapters/rule-set.firestore-repository';
import type { CardLookup } from './application/card-lookup.gateway';
import { fraudGateCheck } from './application/fraud-gate.check';
import type { FraudHistoryStore } from './application/fraud-history.store';
import type { IpGeolocation } from './application/ip-geolocation';
import { MerchantRuleBook } from './application/merchant-rule-book';
import type { ReviewsReader } from './application/reviews.reader';
import type { RuleSetRepository } from './application/rule-set.repository';

interface ProcessorEndpoint {
  readonly baseUrl: string;
  readonly apiKey: string;
}

export interface FraudConfig {
  /** The processor of each mode: the card lookup asks the one of the payment's mode. */
  readonly processors: { readonly test: ProcessorEndpoint; readonly live: ProcessorEndpoint | null };
  /** The second processor of each mode, if configured: asked for a card when the first cannot answer. */
  readonly acquirers?: { readonly test: ProcessorEndpoint | null; readonly live: ProcessorEndpoint | null };
  /** The platform's card vault of each mode, if configured: asked first, the processors only when it cannot answer. */
  readonly vault?: { readonly test: ProcessorEndpoint | null; readonly live: ProcessorEndpoint | null };
  readonly processorTimeoutMs: number;
  /** GEOIP_TABLE_PATH: a GeoIP vendor's country table (CSV); unset, the sandbox table. */
  readonly geoipTablePath?: string;
}

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

/** What the fraud entrypoints receive: fraud decisions on a payment run in payments' transaction and merchant API shell. */
export type FraudEntrypointDeps = PaymentsModule & { readonly fraud: FraudModule };

/** The fraud context wired to Firestore and the processor; the composition root builds it once per instance. */
export function fraudModule(db: Firestore, config: FraudConfig, deps: { clock: Clock; merchants: MerchantCountries; reviews: ReviewsReader }): FraudModule {
  const { test, live } = config.processors;
  const timeoutMs = config.processorTimeoutMs;
  // The vault describes the platform's tokens; the processors describe the same tokens, so they answer when it cannot.
  const withAcquirer = (mode: 'test' | 'live', primary: CardLookup): CardLookup => {
    const acquirer = config.acquirers?.[mode];
    const vault = config.vault?.[mode];
    const lookups = [
      ...(vault ? [new HttpCardLookup({ mode, baseUrl: vault.baseUrl, apiKey: vault.apiKey, timeoutMs, keyPrefix: 'vk' })] : []),
      primary,
      ...(acquirer ? [new AcquirerCardLookup({ mode, baseUrl: acquirer.baseUrl, apiKey: acquirer.apiKey, timeoutMs })] : []),
    ];
    return lookups.length === 1 ? primary : new FailoverCardLookup(lookups);
  };
  const cards = new CardLookupByMode({
    test: withAcquirer('test', new HttpCardLookup({ mode: 'test', ...test, timeoutMs })),
    live: live && withAcquirer('live', new HttpCardLookup({ mode: 'live', ...live, timeoutMs })),
  });
  const history = new FirestoreFraudHistoryStore(db, deps.clock);
  const ruleSets = new FirestoreRuleSetRepository(db);
  const ruleBook = new MerchantRuleBook(ruleSets, deps.clock);
  const geo = geolocation(config.geoipTablePath);
  return { cards, history, ruleSets, ruleBook, reviews: deps.reviews, geo, gate: fraudGateCheck({ cards, history, rules: ruleBook, geo, merchants: deps.merchants }) };
}

// A GeoIP vendor's country table in production; the sandbox table otherwise, which only knows the
// documentation address ranges and so never matches real traffic.
function geolocation(tablePath: string | undefined): CidrTableGeolocation {
  return tablePath ? CidrTableGeolocation.fromCsvFile(tablePath) : new CidrTableGeolocation(SANDBOX_GEOIP_TABLE);
}
