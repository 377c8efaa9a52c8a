import { PaymentTaskV1 } from '../../contracts/payment-tasks.v1';
import { taskFunction } from '../../platform/http/task-handler';
import type { PaymentsModule } from '../payments.module';
import { voidAuthorization } from '../application/void-authorization.command';

export const voidAuthorizationTask = (deps: () => PaymentsModule) => taskFunction('void-authorization', PaymentTaskV1, deps, (task, d) => voidAuthorization(d, task.payment_id));
