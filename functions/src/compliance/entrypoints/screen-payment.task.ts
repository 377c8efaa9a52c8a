import { PaymentTaskV1 } from '../../contracts/payment-tasks.v1';
import { runPaymentGate } from '../../payments/application/run-payment-gate.command';
import type { GateCheck } from '../../payments/application/payment-gates';
import type { PaymentsModule } from '../../payments/payments.module';
import { taskFunction } from '../../platform/http/task-handler';

// The sanctions gate's task: the gate runner records the check's verdict on the payment and hands it on.
export const screenPaymentTask = (deps: () => PaymentsModule & { gate: GateCheck }) =>
  taskFunction('screen-payment', PaymentTaskV1, deps, (task, d) => runPaymentGate(d, d.gate, task.payment_id));
