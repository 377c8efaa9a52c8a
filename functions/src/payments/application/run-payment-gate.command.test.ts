import { QUEUES } from '../../contracts/payment-tasks.v1';
import { z } from 'zod';
import { contextRecord, recordKind } from '../../shared/context-record';
import { createPayment } from './create-payment.command';
import { GateCheck, GateVerdict } from './payment-gates';
import { resolveReview } from './resolve-review.command';
import { runPaymentGate } from './run-payment-gate.command';
import { aCreatePaymentRequest, MERCHANT } from './testing/payment-builders';
import { paymentsHarness } from './testing/payments-harness';

// A scripted gate: answers each check with the next verdict and counts its calls.
function scriptedGate(...verdicts: GateVerdict[]): GateCheck & { calls: number } {
  const gate = {
    name: 'fraud',
    calls: 0,
    async check() {
      gate.calls++;
      return verdicts.shift() ?? { decision: 'pass' as const };
    },
  };
  return gate;
}

async function chainWith(gate: GateCheck & { calls: number }) {
  const h = paymentsHarness({
    gates: [{ name: 'fraud', queue: QUEUES.authorize }],
    onGateTask: async (task) => void (await runPaymentGate(h.deps, gate, String(task.payload.payment_id))),
  });
  const created = await h.run((tx) => createPayment(h.deps, tx, MERCHANT, aCreatePaymentRequest()));
  if (!created.ok) throw new Error('expected a payment');
  return { h, id: created.value.id };
}

// A record kind as a gate's owning context would declare it (shared/context-record.ts).
const SCORE = recordKind({ name: 'test_score', collection: 'risk_assessments', schema: z.object({ score: z.number() }), write: 'create' });

describe('payment gates', () => {
  it('given a passing gate, when the chain runs, then the payment is authorised after the gate and its records are committed', async () => {
    const gate = scriptedGate({ decision: 'pass', records: [contextRecord(SCORE, 'a1', { score: 3 })] });
    const { h, id } = await chainWith(gate);
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'succeeded' });
    expect(h.payments.record('risk_assessments', 'a1')).toEqual({ score: 3 });
    expect(h.processor.callsTo('authorize')).toHaveLength(1);
  });

  it('given a blocking gate, when the chain runs, then the payment fails with the gate code and the processor is never called', async () => {
    const { h, id } = await chainWith(scriptedGate({ decision: 'block', code: 'fraud_blocked', message: 'Blocked by risk rules.' }));
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'failed', lastError: { code: 'fraud_blocked' } });
    expect(h.processor.calls).toEqual([]);
  });

  it('given a review verdict, when an analyst approves, then the chain continues to succeeded; a second approval is refused', async () => {
    const { h, id } = await chainWith(scriptedGate({ decision: 'review' }));
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'requires_review', reviewGate: 'fraud' });
    expect(h.processor.calls).toEqual([]);
    expect((await h.run((tx) => resolveReview(h.deps, tx, MERCHANT, { paymentId: id, action: 'approve' }))).ok).toBe(true);
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'succeeded' });
    expect(await h.payments.getPayment(id)).not.toHaveProperty('reviewGate');
    const again = await h.run((tx) => resolveReview(h.deps, tx, MERCHANT, { paymentId: id, action: 'approve' }));
    expect(again.ok ? null : again.error.code).toBe('payment_unexpected_state');
  });

  it('given a review verdict, when an analyst rejects, then the payment fails with the rejection code', async () => {
    const { h, id } = await chainWith(scriptedGate({ decision: 'review' }));
    await h.settle();
    await h.run((tx) => resolveReview(h.deps, tx, MERCHANT, { paymentId: id, action: 'reject', code: 'fraud_rejected', message: 'Rejected by an analyst.' }));
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'failed', lastError: { code: 'fraud_rejected' } });
    expect(h.processor.calls).toEqual([]);
  });

  it('given a gate task delivered twice, when it runs again, then the gate is not asked again and nothing changes', async () => {
    const gate = scriptedGate({ decision: 'pass' });
    const { h, id } = await chainWith(gate);
    await h.settle();
    expect(await runPaymentGate(h.deps, gate, id)).toEqual({ kind: 'done', detail: 'already_decided' });
    expect(gate.calls).toBe(1);
  });

  it('given the hand-off after a gate commit is lost (Cloud Tasks down, or the process died), when the gate task is redelivered, then it hands the payment over again and the chain completes', async () => {
    const gate = scriptedGate({ decision: 'pass' });
    const { h, id } = await chainWith(gate);
    const [gateTask] = h.tasks.takeNew();
    h.tasks.failWith();
    await h.dispatch(gateTask);
    h.tasks.recover();
    const authorizeTasks = () => h.tasks.tasks.filter((t) => t.name.startsWith('authorize-')).map((t) => t.name);
    expect(authorizeTasks()).toEqual([]);
    expect(await runPaymentGate(h.deps, gate, id)).toEqual({ kind: 'done', detail: 'already_decided' });
    expect(authorizeTasks()).toEqual([`authorize-${id}`]);
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'succeeded' });
    expect(gate.calls).toBe(1);
  });

  it('given Cloud Tasks is still down, when a decided gate task is redelivered, then it throws so Cloud Tasks retries it', async () => {
    const gate = scriptedGate({ decision: 'pass' });
    const { h, id } = await chainWith(gate);
    await h.dispatch(h.tasks.takeNew()[0]);
    h.tasks.failWith();
    await expect(runPaymentGate(h.deps, gate, id)).rejects.toThrow('cloud tasks unavailable');
  });

  it('given an earlier attempt committed the verdict but its hand-off never ran (its commit answer was lost), when the transaction finds the verdict recorded, then it hands over again', async () => {
    const { h, id } = await chainWith(scriptedGate());
    const [gateTask] = h.tasks.takeNew();
    // While this attempt checks, the earlier attempt's commit lands (no hand-off: Cloud Tasks fails).
    const racing: GateCheck = {
      name: 'fraud',
      check: async () => {
        h.tasks.failWith();
        await runPaymentGate(h.deps, scriptedGate(), id).catch(() => undefined);
        h.tasks.recover();
        return { decision: 'pass' };
      },
    };
    expect(h.tasks.tasks.filter((t) => t.name.startsWith('authorize-'))).toEqual([]);
    expect(await runPaymentGate(h.deps, racing, String(gateTask.payload.payment_id))).toEqual({ kind: 'done', detail: 'processing' });
    expect(h.tasks.tasks.filter((t) => t.name.startsWith('authorize-')).map((t) => t.name)).toEqual([`authorize-${id}`]);
  });
});
