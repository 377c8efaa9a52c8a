import { eventFunction } from '../../platform/http/event-handler';
import { monitorTransaction } from '../application/monitor-transactions.command';
import type { ComplianceModule } from '../compliance.module';

export const monitorTransactionsEvent = (deps: () => ComplianceModule) =>
  eventFunction('monitor-transactions', deps, (event, d) => monitorTransaction(d, event));
