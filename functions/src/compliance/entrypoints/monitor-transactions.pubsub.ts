import { deps } from '../../composition-root';
import { eventFunction } from '../../platform/http/event-handler';
import { monitorTransaction } from '../application/monitor-transactions.command';
import { complianceDeps } from './compliance.deps';

export const monitorTransactionsEvent = eventFunction('monitor-transactions', deps, (event) => monitorTransaction(complianceDeps(), event));
