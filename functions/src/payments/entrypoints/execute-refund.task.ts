import { RefundTaskV1 } from '../../contracts/payment-tasks.v1';
import { taskFunction } from '../../platform/http/task-handler';
import type { PaymentsModule } from '../payments.module';
import { executeRefund } from '../application/execute-refund.command';

export const executeRefundTask = (deps: () => PaymentsModule) => taskFunction('execute-refund', RefundTaskV1, deps, (task, d) => executeRefund(d, task.refund_id));
