import { DisputeResponseTaskV1 } from '../../contracts/payment-tasks.v1';
import { taskFunction } from '../../platform/http/task-handler';
import type { PaymentsModule } from '../payments.module';
import { forwardDisputeResponse } from '../application/forward-dispute-response.command';

export const forwardDisputeResponseTask = (deps: () => PaymentsModule) => taskFunction('forward-dispute-response', DisputeResponseTaskV1, deps, (task, d) => forwardDisputeResponse(d, task));
