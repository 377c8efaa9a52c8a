import type { FraudEntrypointDeps } from '../fraud.module';
import { eventFunction } from '../../platform/http/event-handler';
import { recordFraudOutcome } from '../application/fraud-feedback.command';

export const recordFraudOutcomeEvent = (deps: () => FraudEntrypointDeps) =>
  eventFunction('record-fraud-outcome', deps, (event, d) =>
    recordFraudOutcome({ payments: d.payments, cards: d.fraud.cards, history: d.fraud.history }, event),
  );
