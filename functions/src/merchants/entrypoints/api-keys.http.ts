import type { CreateApiKeyRequest, RollApiKeyRequest } from '../../contracts/account-team.v1';
import { ok } from '../../shared/result';
import { createApiKey } from '../application/create-api-key.command';
import { listApiKeys } from '../application/list-api-keys.query';
import { revokeApiKey } from '../application/revoke-api-key.command';
import { rollApiKey } from '../application/roll-api-key.command';
import type { MerchantsModule } from '../merchants.module';
import { merchantRoute } from './merchant-route';
import type { z } from 'zod';

type Deps = () => MerchantsModule;

// Key management is for team members (owner, admin, developer): a secret key may not mint keys.
// No Idempotency-Key: a retried create makes a second key, listed and revocable like any other.
const storeOf = (deps: Deps) => ({ store: deps().team, clock: deps().clock });

export const createApiKeyHttp = (deps: Deps) => merchantRoute('createApiKey', deps, ({ principal, input }) => createApiKey(storeOf(deps), principal, input as CreateApiKeyRequest));
export const listApiKeysHttp = (deps: Deps) => merchantRoute('listApiKeys', deps, async ({ principal }) => ok(await listApiKeys(storeOf(deps), principal)));
export const rollApiKeyHttp = (deps: Deps) =>
  merchantRoute('rollApiKey', deps, ({ principal, params, input }) => rollApiKey(storeOf(deps), principal, params.id, (input as z.infer<typeof RollApiKeyRequest>).expires_in_hours));
export const revokeApiKeyHttp = (deps: Deps) => merchantRoute('revokeApiKey', deps, ({ principal, params }) => revokeApiKey(storeOf(deps), principal, params.id));
