import { QUEUES } from '../../../contracts/payment-tasks.v1';
import type { CreatePaymentRequest } from '../../../contracts/payments-api.v1';
import { createPayment, type MerchantContext } from '../../../payments/application/create-payment.command';
import { runPaymentGate } from '../../../payments/application/run-payment-gate.command';
import { MERCHANT } from '../../../payments/application/testing/payment-builders';
import { paymentsHarness } from '../../../payments/application/testing/payments-harness';
import { InMemoryCardLookup } from '../../adapters/card-lookup.memory-gateway';
import { InMemoryFraudHistoryStore } from '../../adapters/fraud-history.memory-store';
import { InMemoryRuleSetRepository } from '../../adapters/rule-set.memory-repository';
import { fraudGateCheck } from '../fraud-gate.check';
import { MerchantRuleBook } from '../merchant-rule-book';
import type { MerchantCountries } from '../../../merchants/application/merchant-countries.query';

/** The payments chain over memory adapters with the fraud gate switched on and its tasks dispatched. */
export function fraudHarness(options: { merchants?: MerchantCountries } = {}) {
  const cards = new InMemoryCardLookup();
  const history = new InMemoryFraudHistoryStore();
  const ruleSets = new InMemoryRuleSetRepository();
  let h: ReturnType<typeof paymentsHarness>;
  const ruleBook = new MerchantRuleBook(ruleSets, { nowMs: () => h.clock.nowMs() });
  // A merchant without a recorded country unless the test names one: the default country.
  const gate = fraudGateCheck({ cards, history, rules: ruleBook, merchants: options.merchants ?? { countryOf: async () => undefined } });
  h = paymentsHarness({
    gates: [{ name: 'fraud', queue: QUEUES.fraud }],
    onGateTask: async (task) => void (await runPaymentGate(h.deps, gate, String(task.payload.payment_id))),
  });
  const reviews = h.payments;

  async function pay(request: Partial<CreatePaymentRequest> = {}, merchant: MerchantContext = MERCHANT): Promise<string> {
    const full: CreatePaymentRequest = { amount: 2_000, currency: 'usd', payment_method: 'pm_card_visa', capture_method: 'automatic', ...request };
    const created = await h.run((tx) => createPayment(h.deps, tx, merchant, full));
    if (!created.ok) throw new Error(created.error.message);
    await h.settle();
    return created.value.id;
  }

  return { h, cards, history, ruleSets, ruleBook, gate, reviews, pay, radar: { ruleSets, ruleBook, clock: h.clock } };
}
