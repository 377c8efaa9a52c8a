import { deps } from '../../composition-root';
import { taskFunction } from '../../platform/http/task-handler';
import { KycCheckTaskV1 } from '../application/identity-api.schemas';
import { runKycCheck } from '../application/run-kyc-check.command';
import { identityDeps } from './identity.deps';

export const runKycCheckTask = taskFunction('run-kyc-check', KycCheckTaskV1, deps, (task) => runKycCheck(identityDeps(), task.verification_id));
