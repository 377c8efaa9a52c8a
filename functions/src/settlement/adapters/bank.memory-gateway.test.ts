import { BankUnavailableError } from '../application/bank.gateway';
import { bankRejected, bankUnavailable, InMemoryBankGateway } from './bank.memory-gateway';

const transfer = (payoutId: string, amount = 500, livemode = false) => ({ livemode, idempotencyKey: payoutId, payoutId, token: 'ba_test_success', amount, currency: 'eur' });

describe('the in-memory bank behaves like the bank port says', () => {
  it('given tokens of each mode, then an account is known only in its own mode; added accounts are known as added', async () => {
    const bank = new InMemoryBankGateway().addAccount(false, { token: 'acct_custom', last4: '0001', country: 'GB', currency: 'gbp' });
    expect(await bank.lookupAccount(false, 'ba_test_x')).toMatchObject({ token: 'ba_test_x', currency: 'usd' });
    expect(await bank.lookupAccount(true, 'ba_test_x')).toBeNull();
    expect(await bank.lookupAccount(false, 'acct_custom')).toMatchObject({ country: 'GB', currency: 'gbp' });
    expect(await bank.lookupAccount(true, 'acct_custom')).toBeNull();
  });

  it('given the same key twice, then the same result and one accepted transfer; another request under the key throws', async () => {
    const bank = new InMemoryBankGateway();
    const first = await bank.createTransfer(transfer('po_1'));
    expect(await bank.createTransfer(transfer('po_1'))).toEqual(first);
    expect(bank.accepted).toHaveLength(1);
    await expect(bank.createTransfer(transfer('po_1', 1))).rejects.toThrow(/reused/);
    // The same key in the other mode is another transfer.
    expect(await bank.createTransfer(transfer('po_1', 500, true))).not.toEqual(first);
  });

  it('given a scripted outage then a rejection, then it throws BankUnavailableError, then rejects, and the retry after the outage is a new attempt', async () => {
    const bank = new InMemoryBankGateway().nextTransfer(bankUnavailable(), bankRejected('account_closed'));
    await expect(bank.createTransfer(transfer('po_2'))).rejects.toThrow(BankUnavailableError);
    expect(await bank.createTransfer(transfer('po_2'))).toEqual({ kind: 'rejected', code: 'account_closed', message: expect.any(String) });
    expect(await bank.createTransfer(transfer('po_2'))).toMatchObject({ kind: 'rejected' });
    expect(bank.accepted).toEqual([]);
  });

  it('given an accepted payout, then webhookFor describes it as the bank would', async () => {
    const bank = new InMemoryBankGateway();
    const result = await bank.createTransfer(transfer('po_3', 750));
    expect(bank.webhookFor('po_3', 'transfer.returned')).toMatchObject({ type: 'transfer.returned', reference: 'po_3', transferId: result.kind === 'accepted' ? result.transferId : '', amount: 750, currency: 'eur', failureCode: 'account_closed' });
    expect(bank.webhookFor('po_3', 'transfer.paid').failureCode).toBeNull();
    expect(() => bank.webhookFor('po_none', 'transfer.paid')).toThrow();
  });
});
