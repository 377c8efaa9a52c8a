import { routeOf } from '../../catalogue/function-catalogue';
import type { PayoutSettingsRequest } from '../../contracts/settlement-api.v1';
import { apiFunction } from '../../platform/http/api-handler';
import { ok } from '../../shared/result';
import { getPayoutSettings, lookUpBankAccount, PreparedBankAccount, updatePayoutSettings } from '../application/payout-settings.command';
import { presentPayoutSettings } from '../application/payout.presenter';
import type { SettlementTransaction } from '../application/settlement.repository';
import type { SettlementModule } from '../settlement.module';

export const getPayoutSettingsHttp = (deps: () => SettlementModule) =>
  apiFunction(routeOf('getPayoutSettings'), deps, {
    query: async ({ merchant }) => ok(presentPayoutSettings(await getPayoutSettings(deps().store, merchant))),
  });

export const updatePayoutSettingsHttp = (deps: () => SettlementModule) =>
  apiFunction<SettlementTransaction, PreparedBankAccount>(routeOf('updatePayoutSettings'), deps, {
    // The bank is asked about the token before the transaction, whose body may run more than once.
    prepare: ({ merchant, body }) => lookUpBankAccount(deps(), merchant, body as PayoutSettingsRequest),
    mutation: async ({ merchant, body, tx, prepared }) => {
      const result = await updatePayoutSettings(tx, merchant, body as PayoutSettingsRequest, prepared, deps().clock.nowMs());
      return result.ok ? ok(presentPayoutSettings(result.value)) : result;
    },
  });
