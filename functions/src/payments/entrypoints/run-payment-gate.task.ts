import { PaymentTaskV1 } from '../../contracts/payment-tasks.v1';
import { runPaymentGate } from '../application/run-payment-gate.command';
import type { GateCheck } from '../application/payment-gates';
import type { PaymentsModule } from '../payments.module';
import { taskFunction } from '../../platform/http/task-handler';

// Every gate's task function (one per declaration in PAYMENT_GATES): the gate runner runs the
// gate's check, records its verdict on the payment and hands the payment to its next step.
export const paymentGateTask = (functionName: string, deps: () => PaymentsModule & { gate: GateCheck }) =>
  taskFunction(functionName, PaymentTaskV1, deps, (task, d) => runPaymentGate(d, d.gate, task.payment_id));
