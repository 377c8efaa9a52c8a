import { deps } from '../../composition-root';
import { PaymentTaskV1 } from '../../contracts/payment-tasks.v1';
import { runPaymentGate } from '../../payments/application/run-payment-gate.command';
import { taskFunction } from '../../platform/http/task-handler';
import { SANCTIONS_GATE } from '../application/sanctions-payment.gate';

export const screenPaymentTask = taskFunction('screen-payment', PaymentTaskV1, deps, (task, d) => {
  const gate = d.gateChecks[SANCTIONS_GATE];
  if (!gate) throw new Error('the sanctions gate check is not registered in the composition root');
  return runPaymentGate(d, gate, task.payment_id);
});
