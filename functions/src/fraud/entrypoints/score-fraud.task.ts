import type { FraudEntrypointDeps } from '../fraud.module';
import type { GateCheck } from '../../payments/application/payment-gates';
import { PaymentTaskV1 } from '../../contracts/payment-tasks.v1';
import { runPaymentGate } from '../../payments/application/run-payment-gate.command';
import { taskFunction } from '../../platform/http/task-handler';

// The fraud gate's task: the gate runner records the check's verdict on the payment and hands it on.
export const scoreFraudTask = (deps: () => FraudEntrypointDeps & { gate: GateCheck }) =>
  taskFunction('score-fraud', PaymentTaskV1, deps, (t, d) => runPaymentGate(d, d.gate, t.payment_id));
