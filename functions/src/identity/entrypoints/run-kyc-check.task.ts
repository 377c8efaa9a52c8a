import { deps } from '../../composition-root';
import { taskFunction } from '../../platform/http/task-handler';
import { KycCheckTaskV1 } from '../../contracts/identity-tasks.v1';
import { runKycCheck } from '../application/run-kyc-check.command';
import { identityDeps } from './identity.deps';

export const runKycCheckTask = taskFunction('run-kyc-check', KycCheckTaskV1, deps, (task) => runKycCheck(identityDeps(), task.verification_id));
