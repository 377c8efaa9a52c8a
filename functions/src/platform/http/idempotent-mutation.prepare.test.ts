import { z } from 'zod';
import { InMemoryPaymentRepository } from '../../payments/adapters/payment.memory-repository';
import { fixedClock } from '../../shared/clock';
import { contextRecord, recordKind } from '../../shared/context-record';
import { MerchantContext } from '../../shared/merchant-context';
import { runIdempotent } from './idempotent-mutation';

const MERCHANT: MerchantContext = { merchantId: 'acct_prepare', livemode: false };
const THING = recordKind({ name: 'thing', collection: 'things', schema: z.object({ n: z.number() }), write: 'create' });

// A mutation with a side effect that must happen once per request (a KMS call, a task, another
// store's transaction) does it in prepare; the body (run twice by the memory fake) only stages.
function setup() {
  const transactions = new InMemoryPaymentRepository();
  const sideEffects: number[] = [];
  const bodyRuns: number[] = [];
  const post = (key: string | undefined, n: number) =>
    runIdempotent(
      { transactions, clock: fixedClock(1_700_000_000_000) },
      {
        merchant: MERCHANT,
        key,
        method: 'POST',
        path: '/v1/things',
        body: { n },
        prepare: async () => (sideEffects.push(n), `thing_${sideEffects.length}`),
        execute: async (tx, id: string) => {
          bodyRuns.push(n);
          tx.create(contextRecord(THING, id, { n }));
          return { status: 200, body: { id } };
        },
      },
    );
  return { transactions, sideEffects, bodyRuns, post };
}

describe('idempotent mutations with a prepare step', () => {
  it('given a mutation, when its body runs twice, then prepare ran once and both runs got its value', async () => {
    const { transactions, sideEffects, bodyRuns, post } = setup();
    const reply = await post(undefined, 7);
    expect(sideEffects).toEqual([7]);
    expect(bodyRuns).toEqual([7, 7]);
    expect(reply).toEqual({ status: 200, body: { id: 'thing_1' } });
    expect(transactions.record('things', 'thing_1')).toEqual({ n: 7 });
  });

  it('given a completed request with a key, when replayed, then the stored answer comes back without preparing again', async () => {
    const { sideEffects, post } = setup();
    const first = await post('key-1', 7);
    const again = await post('key-1', 7);
    expect(again).toEqual({ status: first.status, body: first.body, replayed: true });
    expect(sideEffects).toEqual([7]);
  });

  it('given a used key, when sent with another body, then idempotency_error and nothing is prepared', async () => {
    const { sideEffects, post } = setup();
    await post('key-1', 7);
    const other = await post('key-1', 8);
    expect(other.status).toBe(400);
    expect(other.body).toMatchObject({ error: { code: 'idempotency_key_reused' } });
    expect(sideEffects).toEqual([7]);
  });

  it('given an invalid key, when sent, then 400 and nothing is prepared', async () => {
    const { sideEffects, post } = setup();
    expect((await post('', 7)).status).toBe(400);
    expect(sideEffects).toEqual([]);
  });
});
