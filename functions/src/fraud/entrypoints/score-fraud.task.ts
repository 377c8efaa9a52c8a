import { deps } from '../../composition-root';
import { PaymentTaskV1 } from '../../contracts/payment-tasks.v1';
import { runPaymentGate } from '../../payments/application/run-payment-gate.command';
import { taskFunction } from '../../platform/http/task-handler';

export const scoreFraudTask = taskFunction('score-fraud', PaymentTaskV1, deps, (t, d) => runPaymentGate(d, d.gateChecks.fraud, t.payment_id));
