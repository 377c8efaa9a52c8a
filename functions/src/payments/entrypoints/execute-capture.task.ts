import { PaymentTaskV1 } from '../../contracts/payment-tasks.v1';
import { taskFunction } from '../../platform/http/task-handler';
import type { PaymentsModule } from '../payments.module';
import { executeCapture } from '../application/execute-capture.command';

export const executeCaptureTask = (deps: () => PaymentsModule) => taskFunction('execute-capture', PaymentTaskV1, deps, (task, d) => executeCapture(d, task.payment_id));
