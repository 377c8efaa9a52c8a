import type { ApiDeps, MerchantAuthenticator } from '../platform/http/api-handler';
import type { PlatformModule } from '../platform/platform.module';
import type { OutboxRelay } from '../platform/application/outbox-relay';
import type { TaskQueue } from '../platform/application/task-queue';
import type { DeadLetterStore } from '../platform/adapters/dead-letter.firestore-store';
import { FirestorePaymentRepository } from './adapters/payment.firestore-repository';
import { HttpProcessorGateway } from './adapters/processor.http-gateway';
import { ConnectorProcessorGateway, type ConnectorsByName } from './adapters/processor.connectors';
import { SandboxProcessorConnector } from './adapters/sandbox-processor.connector';
import { EuroAcquirerConnector } from './adapters/euro-acquirer.connector';
import type { AcquirerModesConfig } from './adapters/acquirer-modes.config';
import type { ProcessorName } from './domain/payment';
import type { ProcessorConnector } from './application/processor-connector';
import type { ProcessorRouter } from './application/processor-router';
import { configuredRouter, type RoutingCardLookup } from './application/configured-router';
import type { RoutingConfigStore } from './application/routing-config.store';
import type { RecentAttemptsReader } from './application/processor-health.query';
import type { StaffDirectory } from '../compliance/application/authenticate-staff.query';
import { FirestoreRoutingConfigStore } from './adapters/routing-config.firestore-store';

/** The platform's processor order when a merchant sets none: the primary first, the acquirer as failover. */
const PLATFORM_ORDER = ['sandbox_processor', 'euro_acquirer'] as const;
import type { ProcessorModesConfig } from './adapters/processor-modes.config';
import type { PaymentGate } from './application/payment-gates';
import type { PaymentRepository, PaymentsTransaction } from './application/payment.repository';
import type { ProcessorGateway } from './application/processor.gateway';
import type { StuckWorkFinder } from './application/stuck-work.finder';
import type { HeldPaymentsReader } from './application/held-payments.reader';
import type { FundsAvailability } from './application/funds-availability';

export interface PaymentsConfig {
  /** PROCESSOR_TEST_* / PROCESSOR_LIVE_*, checked at cold start (the test processor must be a sandbox). */
  readonly processors: ProcessorModesConfig;
  /** ACQUIRER_* (optional): the second processor, the European acquirer, per mode. */
  readonly acquirers: AcquirerModesConfig;
  readonly processorTimeoutMs: number;
  /** PAYMENT_GATES: the gates this deployment runs, in chain order (unknown names refuse to start). */
  readonly gates: readonly PaymentGate[];
  /** SWEEP_STUCK_AFTER_MS / SWEEP_LIMIT: when a processing payment counts as stuck, and how many one sweep re-drives. */
  readonly sweep: { readonly stuckAfterMs: number; readonly limit: number };
}

/** Everything the payments entrypoints hand to their commands, and the merchant API shell's needs. */
export interface PaymentsModule extends ApiDeps<PaymentsTransaction> {
  readonly deadLetters: DeadLetterStore;
  readonly tasks: TaskQueue;
  readonly relay: OutboxRelay;
  readonly payments: PaymentRepository;
  /** Payments held for review, for the fraud reviews. */
  readonly heldPayments: HeldPaymentsReader;
  /** Stuck processing payments and pending refunds, for the sweep. */
  readonly stuck: StuckWorkFinder;
  readonly processor: ProcessorGateway;
  readonly router: ProcessorRouter;
  /** Merchants' routing (GET/POST /v1/routing). */
  readonly routing: RoutingConfigStore;
  /** Recent processor attempts (GET /v1/processors/health) and who may read them. */
  readonly recentAttempts: RecentAttemptsReader;
  readonly staff: StaffDirectory;
  /** The connectors of a processor, one per configured mode: what verifies and reads its notifications. */
  notificationConnectors(processor: ProcessorName): readonly ProcessorConnector[];
  readonly gates: readonly PaymentGate[];
  readonly sweep: PaymentsConfig['sweep'];
  /** Only verified merchants take live money; the identity context answers. */
  readonly verification: { isVerified(merchantId: string): Promise<boolean> };
  /** When a capture's funds become available (the merchant's payout settings). */
  readonly funds: FundsAvailability;
}

export interface PaymentsModuleDeps {
  readonly platform: PlatformModule;
  /** The merchants context's API-key authentication. */
  readonly authenticate: MerchantAuthenticator;
  readonly verification: PaymentsModule['verification'];
  /** The event types some consumer subscribes to: only these are written to the outbox and published. */
  readonly publishedEvents: ReadonlySet<string>;
  /** The settlement context's delay_days per merchant and mode. */
  readonly funds: FundsAvailability;
  /** The card behind a token (the fraud context's look-up), for routing rules on the card. */
  readonly cards: RoutingCardLookup;
  /** The staff directory (compliance): processor health is a staff route. */
  readonly staff: StaffDirectory;
}

export function paymentsModule(config: PaymentsConfig, deps: PaymentsModuleDeps): PaymentsModule {
  const { platform } = deps;
  const { processors, acquirers, processorTimeoutMs: timeoutMs } = config;
  // One set of connectors per mode, chosen by each payment's livemode: test traffic cannot reach a live processor.
  const connectors = (mode: 'test' | 'live'): ConnectorsByName | null => {
    const primary = processors[mode];
    const acquirer = acquirers[mode];
    if (!primary && !acquirer) return null;
    return {
      ...(primary ? { sandbox_processor: new SandboxProcessorConnector(new HttpProcessorGateway({ mode, ...primary, timeoutMs }), primary.notificationSecrets) } : {}),
      ...(acquirer ? { euro_acquirer: new EuroAcquirerConnector({ mode, ...acquirer, timeoutMs }) } : {}),
    };
  };
  const processor = new ConnectorProcessorGateway({ test: connectors('test') ?? {}, live: connectors('live') });
  const routing = new FirestoreRoutingConfigStore(platform.db);
  // The relay's fast path: what a transaction committed (events, the next step's task) goes out at
  // once; the sweeps catch whatever this misses if the process dies first.
  const payments = new FirestorePaymentRepository(platform.db, (committed) => platform.relay.afterCommit(committed), deps.publishedEvents);
  return {
    projectId: platform.projectId,
    clock: platform.clock,
    log: platform.log,
    deadLetters: platform.deadLetters,
    tasks: platform.tasks,
    relay: platform.relay,
    authenticate: deps.authenticate,
    transactions: payments,
    payments,
    heldPayments: payments,
    stuck: payments,
    processor,
    router: configuredRouter({ routing, cards: deps.cards, processors: (livemode) => processor.processors(livemode), platformOrder: PLATFORM_ORDER, clock: platform.clock }),
    routing,
    recentAttempts: payments,
    staff: deps.staff,
    notificationConnectors: (name) => processor.connectorsNamed(name),
    gates: config.gates,
    sweep: config.sweep,
    verification: deps.verification,
    funds: deps.funds,
  };
}
