import { BankByMode } from './bank.by-mode';
import { InMemoryBankGateway } from './bank.memory-gateway';

const transfer = (livemode: boolean, payoutId = 'po_1') => ({ livemode, idempotencyKey: payoutId, payoutId, token: livemode ? 'ba_live_success' : 'ba_test_success', amount: 1000, currency: 'usd' });

describe('a bank client per mode, chosen by the payout', () => {
  it('given a test payout, then only the test bank is called; a live payout only the live one', async () => {
    const test = new InMemoryBankGateway();
    const live = new InMemoryBankGateway();
    const bank = new BankByMode({ test, live });
    await bank.createTransfer(transfer(false));
    expect(test.calls).toHaveLength(1);
    expect(live.calls).toEqual([]);
    await bank.createTransfer(transfer(true));
    await bank.lookupAccount(true, 'ba_live_success');
    expect(live.calls.map((c) => c.method)).toEqual(['createTransfer', 'lookupAccount']);
    expect(test.calls).toHaveLength(1);
  });

  it('given no live configuration, then a live transfer is refused permanently with livemode_unavailable, a live account is unknown, and the test bank never sees either', async () => {
    const test = new InMemoryBankGateway();
    const bank = new BankByMode({ test, live: null });
    expect(await bank.createTransfer(transfer(true))).toEqual({ kind: 'rejected', code: 'livemode_unavailable', message: expect.stringContaining('Live payouts are not enabled') });
    expect(await bank.lookupAccount(true, 'ba_live_success')).toBeNull();
    expect(test.calls).toEqual([]);
  });
});
