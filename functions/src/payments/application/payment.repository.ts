import { Journal } from '../../ledger/domain/journal';
import { Payment } from '../domain/payment';
import { Refund } from '../domain/refund';
import { PaymentEventV1 } from '../../contracts/payment-events.v1';
import { IdempotencyRecord } from '../../platform/application/idempotency';

// Port: everything a payments command reads and writes, inside one atomic transaction. Writes are
// staged and committed together, so a state change and the events announcing it (the outbox) and
// the ledger entries it causes land together or not at all.
export interface PaymentsTransaction {
  getPayment(id: string): Promise<Payment | null>;
  getRefund(id: string): Promise<Refund | null>;
  getIdempotencyRecord(merchantId: string, keyHash: string): Promise<IdempotencyRecord | null>;
  savePayment(payment: Payment): void;
  saveRefund(refund: Refund): void;
  saveIdempotencyRecord(record: IdempotencyRecord): void;
  appendEvents(events: readonly PaymentEventV1[]): void;
  appendJournal(journal: Journal): void;
  /** A record another context keeps with a payment decision (a risk assessment, a case, an audit
   * entry), committed atomically with it. Records are immutable: the id must be new or identical. */
  appendRecord(collection: string, id: string, data: object): void;
}

export interface PaymentPage {
  readonly payments: readonly Payment[];
  readonly hasMore: boolean;
}

export interface PaymentRepository {
  transaction<T>(work: (tx: PaymentsTransaction) => Promise<T>): Promise<T>;
  getPayment(id: string): Promise<Payment | null>;
  getRefund(id: string): Promise<Refund | null>;
  listPayments(merchantId: string, livemode: boolean, page: { limit: number; startingAfter?: string }): Promise<PaymentPage>;
}
