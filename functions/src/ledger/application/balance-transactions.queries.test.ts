import { InMemoryBalanceTransactionsReader } from '../adapters/balance-transactions.memory-reader';
import { captureJournal, Journal, refundJournal } from '../domain/journal';
import { presentBalanceTransaction } from './balance-transaction.presenter';
import { getBalance } from './get-balance.query';
import { getBalanceTransaction } from './get-balance-transaction.query';
import { listBalanceTransactions } from './list-balance-transactions.query';

const DAY = 86_400_000;
const MERCHANT = { merchantId: 'acct_1', livemode: false };

function ledgerOf(...journals: Journal[]) {
  return new InMemoryBalanceTransactionsReader(() => journals);
}
const capture = (paymentId: string, gross: number, nowMs: number, merchant = MERCHANT, currency = 'usd') =>
  captureJournal({ ...merchant, id: `jrn_cap_${paymentId}`, paymentId, currency, gross, fee: 30, nowMs, availableOnMs: nowMs + 2 * DAY });

describe('balance and balance transactions', () => {
  it('given a capture two days from available, then it is pending until then and available after', async () => {
    const reader = ledgerOf(capture('pay_1', 1_000, 0));
    expect(await getBalance(reader, MERCHANT, DAY)).toEqual({ object: 'balance', available: [{ amount: 0, currency: 'usd' }], pending: [{ amount: 970, currency: 'usd' }], livemode: false });
    expect(await getBalance(reader, MERCHANT, 2 * DAY)).toMatchObject({ available: [{ amount: 970, currency: 'usd' }], pending: [{ amount: 0, currency: 'usd' }] });
  });

  it('given a refund larger than what is available, then the available balance is negative, not dropped', async () => {
    const reader = ledgerOf(capture('pay_1', 1_000, 0), refundJournal({ ...MERCHANT, id: 'jrn_ref_re_1', refundId: 're_1', paymentId: 'pay_1', currency: 'usd', amount: 600, nowMs: DAY }));
    expect(await getBalance(reader, MERCHANT, DAY)).toMatchObject({ available: [{ amount: -600, currency: 'usd' }], pending: [{ amount: 970, currency: 'usd' }] });
  });

  it('given transactions of two merchants and both modes, then each sees only its own, newest first, filtered and paged', async () => {
    const reader = ledgerOf(
      capture('pay_1', 1_000, 1),
      capture('pay_2', 2_000, 2),
      capture('pay_3', 3_000, 3, { merchantId: 'acct_2', livemode: false }),
      capture('pay_4', 4_000, 4, { merchantId: 'acct_1', livemode: true }),
      refundJournal({ ...MERCHANT, id: 'jrn_ref_re_1', refundId: 're_1', paymentId: 'pay_1', currency: 'usd', amount: 100, nowMs: 5 }),
    );
    const all = await listBalanceTransactions(reader, MERCHANT, { limit: 10 });
    expect(all.data.map((t) => t.source)).toEqual(['re_1', 'pay_2', 'pay_1']);
    const firstPage = await listBalanceTransactions(reader, MERCHANT, { limit: 1, type: 'charge' });
    expect(firstPage).toMatchObject({ data: [{ source: 'pay_2' }], hasMore: true });
    const next = await listBalanceTransactions(reader, MERCHANT, { limit: 1, type: 'charge', startingAfter: firstPage.data[0].id });
    expect(next).toMatchObject({ data: [{ source: 'pay_1' }], hasMore: false });
    expect((await listBalanceTransactions(reader, MERCHANT, { limit: 10, createdGteMs: 2 })).data.map((t) => t.source)).toEqual(['re_1', 'pay_2']);
    expect(await getBalanceTransaction(reader, MERCHANT, 'txn_cap_pay_3')).toMatchObject({ ok: false, error: { status: 404 } });
    expect(await getBalanceTransaction(reader, MERCHANT, 'txn_cap_pay_4')).toMatchObject({ ok: false, error: { status: 404 } });
  });

  it('when presented, then times are unix seconds and the status is judged at the time of the answer', () => {
    const charge = capture('pay_1', 1_000, 10_000).balanceTransactions[0];
    expect(presentBalanceTransaction(charge, 10_000)).toMatchObject({
      object: 'balance_transaction', type: 'charge', amount: 1_000, fee: 30, net: 970, status: 'pending', created: 10, available_on: 10 + 2 * 86_400, payout: null, source: 'pay_1',
      fee_details: [{ type: 'platform_fee', amount: 30, currency: 'usd', description: 'Payment processing fee' }],
    });
    expect(presentBalanceTransaction(charge, 10_000 + 2 * DAY).status).toBe('available');
  });
});
