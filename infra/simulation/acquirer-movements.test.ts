import { acquirerMovements } from './acquirer-movements';
import type { AcquirerPayment } from '../sandbox-acquirer/acquirer-ledger';
import { audit } from './auditor';

const payment = (over: Partial<AcquirerPayment> = {}): AcquirerPayment => ({
  pspReference: 'EA01', merchantReference: 'pay_A1', amount: 5000, currency: 'eur', resultCode: 'Authorised', refusalReasonCode: null,
  card: { brand: 'visa', last4: '0001', country: 'fr', fingerprint: 'fp' }, capture: { pspReference: 'EA02', merchantReference: 'pay_A1', amount: 5000, status: 'confirmed' },
  cancellation: null, refunds: [{ pspReference: 'EA03', merchantReference: 're_B1', amount: 1000, status: 'confirmed' }], dispute: null, createdMs: 0, ...over,
});

describe('the acquirer as the auditor reads it', () => {
  it('given an authorised, captured and refunded payment, then three movements keyed by our payment and refund ids', () => {
    expect(acquirerMovements([payment()]).map((m) => [m.type, m.amount, m.idempotency_key])).toEqual([
      ['authorization', 5000, 'acquirer_auth_pay_A1'],
      ['capture', 5000, 'acquirer_capture_pay_A1'],
      ['refund', 1000, 'acquirer_refund_re_B1'],
    ]);
  });

  it('given a refused authorisation, then no movement', () => {
    expect(acquirerMovements([payment({ resultCode: 'Refused', capture: null, refunds: [] })])).toEqual([]);
  });

  it('given a payment authorised at both processors, then the auditor finds the double authorisation', () => {
    const primary = { id: 'auth_1', type: 'authorization' as const, amount: 5000, currency: 'eur', authorization: 'auth_1', idempotency_key: 'auth_pay_A1' };
    const snapshot = { payments: [{ id: 'pay_A1', merchantId: 'acct_1', status: 'canceled', amount: 5000, amountCaptured: 0, amountRefunded: 0, currency: 'eur', lastErrorCode: null }], refunds: [], journals: [], movements: [primary, ...acquirerMovements([payment({ capture: null, refunds: [] })])], unsentOutbox: [], unarchivedAudit: [], balances: [], deliberatelyWaiting: new Set<string>(), idempotencyEffects: new Map(), idempotencyRecords: [] };
    expect(audit(snapshot as never).map((v) => v.kind)).toContain('double_authorization');
  });
});
