import type { Firestore } from 'firebase-admin/firestore';
import { fraudModule } from '../../functions/src/fraud/fraud.module';
import { firestoreMerchantCountries } from '../../functions/src/merchants/adapters/merchant-countries.firestore';
import { open } from '../../functions/src/payments/domain/payment.decider';
import { FirestorePaymentRepository } from '../../functions/src/payments/adapters/payment.firestore-repository';
import { minorUnits } from '../../functions/src/shared/money';
import { systemClock } from '../../functions/src/shared/clock';
import type { BenchRow } from '../bench-row';
import { percentile } from '../payments/payment-chain.bench';

/**
 * The fraud gate's check end to end on the emulator: card lookup at the sandbox processor, one
 * batched read of the velocity history, the counting batch, features, model and rules — timed per
 * payment, `concurrency` in flight, as the score-fraud function runs it (without the task hop).
 */
export async function runFraudGateEmulatorBench(db: Firestore, options: { processorUrl: string; payments: number; concurrency: number }): Promise<BenchRow[]> {
  const fraud = fraudModule(db, { processors: { test: { baseUrl: options.processorUrl, apiKey: 'sk_test_bench' }, live: null }, processorTimeoutMs: 2_000 }, { clock: systemClock, merchants: firestoreMerchantCountries(db), reviews: new FirestorePaymentRepository(db) });
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < options.payments) {
      const index = next++;
      const created = open({
        id: `pay_benchgate${Date.now()}x${index}`,
        merchantId: 'acct_bench_gate',
        livemode: false,
        amount: minorUnits(1_000 + (index % 700)),
        currency: 'usd',
        captureMethod: 'automatic',
        paymentMethod: `pm_card_visa_us_gate${index}`,
        customer: { email: `gate${index}@example.com`, country: 'US', ip: '192.0.2.1' },
        description: null,
        metadata: {},
        nowMs: Date.now(),
      });
      if (created.type !== 'payment.created') throw new Error('open() must record payment.created');
      const payment = created.payment;
      const started = performance.now();
      await fraud.gate.check(payment);
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  latencies.sort((a, b) => a - b);
  return [
    { metric: `fraud gate check on the emulator (${options.concurrency} in flight): p50`, value: Math.round(percentile(latencies, 50)), unit: 'ms' },
    { metric: `fraud gate check on the emulator (${options.concurrency} in flight): p99`, value: Math.round(percentile(latencies, 99)), unit: 'ms' },
  ];
}
