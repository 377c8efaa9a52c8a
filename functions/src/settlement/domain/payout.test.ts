import { decide, evolveAll, Payout, PayoutCommand, pendingPayout } from './payout';

const NOW = 1_800_000_000_000;
const aPending = (): Payout =>
  pendingPayout({
    id: 'po_1', merchantId: 'acct_1', livemode: false, amount: 5_000, currency: 'usd', automatic: true, description: null,
    destination: { last4: '6789', country: 'US', currency: 'usd' }, balanceTransactionId: 'txn_po_1',
    settlementDate: '2026-11-28', createdMs: NOW, arrivalDateMs: NOW + 86_400_000,
  });

/** given a payout, when these commands arrive in order, then its final state. */
function given(payout: Payout, ...commands: PayoutCommand[]): Payout {
  return commands.reduce((p, command) => {
    const decided = decide(p, command);
    if (!decided.ok) throw new Error(decided.error.code);
    return evolveAll(p, decided.value, NOW + 1);
  }, payout);
}

describe('a payout', () => {
  it('goes pending → in_transit → paid as the bank accepts and pays it', () => {
    const paid = given(aPending(), { kind: 'transfer_accepted', transferId: 'tr_1' }, { kind: 'bank_paid', transferId: 'tr_1' });
    expect(paid).toMatchObject({ status: 'paid', transferId: 'tr_1', paidMs: NOW + 1 });
  });

  it('decides nothing for a repeated webhook or a redelivered submit', () => {
    const paid = given(aPending(), { kind: 'transfer_accepted', transferId: 'tr_1' }, { kind: 'bank_paid', transferId: 'tr_1' });
    expect(decide(paid, { kind: 'bank_paid', transferId: 'tr_1' })).toEqual({ ok: true, value: [] });
    expect(decide(paid, { kind: 'transfer_accepted', transferId: 'tr_1' })).toEqual({ ok: true, value: [] });
  });

  it('fails with the bank code when the bank rejects the transfer outright', () => {
    expect(given(aPending(), { kind: 'transfer_rejected', code: 'account_closed', message: 'closed' })).toMatchObject({ status: 'failed', failureCode: 'account_closed', returned: false, transferId: null });
  });

  it('fails, marked returned, when the money comes back after it was paid', () => {
    const returned = given(aPending(), { kind: 'transfer_accepted', transferId: 'tr_1' }, { kind: 'bank_paid', transferId: 'tr_1' }, { kind: 'bank_returned', transferId: 'tr_1', code: 'account_closed' });
    expect(returned).toMatchObject({ status: 'failed', failureCode: 'account_closed', returned: true, failureMessage: 'The bank account has been closed.' });
  });

  it('books the missed paid first when a return overtakes it', () => {
    const inTransit = given(aPending(), { kind: 'transfer_accepted', transferId: 'tr_1' });
    const decided = decide(inTransit, { kind: 'bank_returned', transferId: 'tr_1', code: 'account_closed' });
    expect(decided.ok && decided.value.map((e) => e.type)).toEqual(['payout.paid', 'payout.failed']);
  });

  it('is paid even when the paid webhook overtakes the submit task commit', () => {
    expect(given(aPending(), { kind: 'bank_paid', transferId: 'tr_1' }, { kind: 'transfer_accepted', transferId: 'tr_1' })).toMatchObject({ status: 'paid' });
  });

  it('can be canceled only while pending', () => {
    expect(given(aPending(), { kind: 'cancel' })).toMatchObject({ status: 'canceled', canceledMs: NOW + 1 });
    const inTransit = given(aPending(), { kind: 'transfer_accepted', transferId: 'tr_1' });
    expect(decide(inTransit, { kind: 'cancel' })).toMatchObject({ ok: false, error: { code: 'payout_not_cancelable' } });
    const canceled = given(aPending(), { kind: 'cancel' });
    expect(decide(canceled, { kind: 'cancel' })).toMatchObject({ ok: false, error: { code: 'payout_not_cancelable' } });
    expect(decide(canceled, { kind: 'transfer_accepted', transferId: 'tr_1' })).toEqual({ ok: true, value: [] });
  });

  it('cannot be canceled once its submission to the bank has started, and starts only once', () => {
    const submitting = given(aPending(), { kind: 'start_submission' });
    expect(submitting).toMatchObject({ status: 'pending', submissionStartedMs: NOW + 1 });
    expect(decide(submitting, { kind: 'cancel' })).toMatchObject({ ok: false, error: { code: 'payout_not_cancelable' } });
    expect(decide(submitting, { kind: 'start_submission' })).toEqual({ ok: true, value: [] });
  });

  it('refuses to evolve into an impossible state', () => {
    const canceled = given(aPending(), { kind: 'cancel' });
    expect(() => evolveAll(canceled, [{ type: 'payout.paid', transferId: 'tr_1' }], NOW)).toThrow(/canceled and cannot take payout.paid/);
  });
});
