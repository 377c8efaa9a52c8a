import { taskFunction } from '../../platform/http/task-handler';
import { KycCheckTaskV1 } from '../../contracts/identity-tasks.v1';
import { runKycCheck } from '../application/run-kyc-check.command';
import type { IdentityModule } from '../identity.module';

export const runKycCheckTask = (deps: () => IdentityModule) =>
  taskFunction('run-kyc-check', KycCheckTaskV1, deps, (task, d) => runKycCheck(d, task.verification_id, task.enqueued_ms));
