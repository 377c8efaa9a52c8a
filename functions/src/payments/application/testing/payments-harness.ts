import { InMemoryBalanceTransactionsReader } from '../../../ledger/adapters/balance-transactions.memory-reader';
import { getBalance } from '../../../ledger/application/get-balance.query';
import { InMemoryEventPublisher } from '../../../platform/adapters/event.memory-publisher';
import { OutboxRelay } from '../../../platform/application/outbox-relay';
import { fixedClock } from '../../../shared/clock';
import { createLogger } from '../../../shared/logger';
import { InMemoryPaymentRepository } from '../../adapters/payment.memory-repository';
import { InMemoryProcessorGateway } from '../../adapters/processor.memory-gateway';
import { InMemoryTaskQueue, RecordedTask } from '../../../platform/adapters/task-queue.memory';
import { authorizePayment } from '../authorize-payment.command';
import { executeCapture } from '../execute-capture.command';
import { fixedFundsAvailability } from '../funds-availability';
import { executeRefund } from '../execute-refund.command';
import { PaymentGate } from '../payment-gates';
import { PaymentsTransaction } from '../payment.repository';
import { HandlerOutcome } from '../task-outcome';
import { voidAuthorization } from '../void-authorization.command';
import { MERCHANT, T0 } from './payment-builders';
import type { ProcessorName } from '../../domain/payment';
import { defaultOrderRouter, type ProcessorRouter } from '../processor-router';

/**
 * The payments context wired to memory adapters, with Cloud Tasks played by `settle`: it dispatches
 * the tasks each commit hands over to their handlers until nothing is left. Gate tasks are handed to
 * `onGateTask` (or left undone). Published events are kept in `publisher` for assertions.
 */
export function paymentsHarness(
  options: { gates?: readonly PaymentGate[]; onGateTask?: (task: RecordedTask) => Promise<void>; published?: ReadonlySet<string>; delayDays?: number; processors?: readonly ProcessorName[]; router?: ProcessorRouter; firstDelivery?: boolean } = {},
) {
  const gates = options.gates ?? [];
  const clock = fixedClock(T0);
  const log = createLogger({}, () => undefined);
  const payments = new InMemoryPaymentRepository({ published: options.published });
  const publisher = new InMemoryEventPublisher();
  const tasks = new InMemoryTaskQueue();
  const relay = new OutboxRelay(publisher, payments.outbox, tasks, log);
  payments.setOnCommitted((committed) => relay.afterCommit(committed));
  const processor = new InMemoryProcessorGateway(undefined, options.processors);
  const ledger = new InMemoryBalanceTransactionsReader(() => payments.journals());
  const router = options.router ?? defaultOrderRouter(() => processor.processors());
  const deps = { payments, processor, router, tasks, clock, gates, funds: fixedFundsAvailability(options.delayDays ?? 2) };

  async function dispatch(task: RecordedTask): Promise<HandlerOutcome | undefined> {
    const paymentId = String(task.payload.payment_id ?? '');
    if (task.name.startsWith('authorize-')) return authorizePayment(deps, paymentId, { firstDelivery: options.firstDelivery ?? true });
    if (task.name.startsWith('capture-')) return executeCapture(deps, paymentId);
    if (task.name.startsWith('void-')) return voidAuthorization(deps, paymentId);
    if (task.name.startsWith('refund-')) return executeRefund(deps, String(task.payload.refund_id));
    await options.onGateTask?.(task);
    return undefined;
  }

  /** Runs the asynchronous chain to quiescence; throws what a handler throws (a retryable failure). */
  async function settle(): Promise<void> {
    for (let round = 0; round < 100; round++) {
      const due = tasks.takeNew();
      if (due.length === 0) return;
      for (const task of due) await dispatch(task);
    }
    throw new Error('the payment chain did not settle in 100 rounds');
  }

  const run = <T>(work: (tx: PaymentsTransaction) => Promise<T>): Promise<T> => payments.transaction(work);
  const balance = (merchant = MERCHANT) => getBalance(ledger, merchant, clock.nowMs());

  return { clock, log, payments, publisher, relay, processor, tasks, ledger, deps, dispatch, settle, run, balance };
}

export type PaymentsHarness = ReturnType<typeof paymentsHarness>;
