import { deps } from '../../composition-root';
import { PaymentTaskV1 } from '../../contracts/payment-tasks.v1';
import { taskFunction } from '../../platform/http/task-handler';
import { voidAuthorization } from '../application/void-authorization.command';

export const voidAuthorizationTask = taskFunction('void-authorization', PaymentTaskV1, deps, (task, d) => voidAuthorization(d, task.payment_id));
