import { audit, AuditJournal, AuditSnapshot } from './auditor';

// The auditor is the simulation's oracle: these tests doctor a consistent record the way a real bug
// would (a second capture under another key, a skipped ledger entry, a lost event) and check that the
// auditor names it. A clean record must give no violation, or every run would be red.
const captureJournal = (paymentId: string, gross: number, fee: number): AuditJournal => ({
  id: `jrn_cap_${paymentId}`,
  kind: 'capture',
  reference: paymentId,
  merchantId: 'mer_1',
  entries: [
    { account: 'processor_receivable', currency: 'usd', amount: gross },
    { account: 'merchant_pending', currency: 'usd', amount: -(gross - fee) },
    { account: 'platform_fee_revenue', currency: 'usd', amount: -fee },
  ],
});
const refundJournal = (refundId: string, amount: number): AuditJournal => ({
  id: `jrn_ref_${refundId}`,
  kind: 'refund',
  reference: refundId,
  merchantId: 'mer_1',
  entries: [
    { account: 'merchant_available', currency: 'usd', amount },
    { account: 'processor_receivable', currency: 'usd', amount: -amount },
  ],
});

/** Given: a captured payment refunded in part, a declined one, a failed one whose hold was voided, one left authorised on purpose. */
function consistentRecord(): AuditSnapshot {
  return {
    payments: [
      { id: 'pay_A', merchantId: 'mer_1', currency: 'usd', status: 'succeeded', amountCaptured: 1000, amountRefunded: 300, fee: 59 },
      { id: 'pay_B', merchantId: 'mer_1', currency: 'usd', status: 'failed', amountCaptured: 0, amountRefunded: 0, fee: 0 },
      { id: 'pay_C', merchantId: 'mer_1', currency: 'usd', status: 'failed', amountCaptured: 0, amountRefunded: 0, fee: 0 },
      { id: 'pay_D', merchantId: 'mer_1', currency: 'usd', status: 'requires_capture', amountCaptured: 0, amountRefunded: 0, fee: 0 },
    ],
    refunds: [
      { id: 're_1', paymentId: 'pay_A', amount: 300, status: 'succeeded' },
      { id: 're_2', paymentId: 'pay_A', amount: 5000, status: 'failed' },
    ],
    journals: [captureJournal('pay_A', 1000, 59), refundJournal('re_1', 300)],
    movements: [
      { id: 'mv_1', type: 'authorization', amount: 1000, currency: 'usd', authorization: 'auth_a', idempotency_key: 'auth_pay_A' },
      { id: 'mv_2', type: 'capture', amount: 1000, currency: 'usd', authorization: 'auth_a', idempotency_key: 'cap_pay_A' },
      { id: 'mv_3', type: 'refund', amount: 300, currency: 'usd', authorization: 'auth_a', idempotency_key: 'refund_re_1' },
      { id: 'mv_4', type: 'authorization', amount: 700, currency: 'usd', authorization: 'auth_c', idempotency_key: 'auth_pay_C' },
      { id: 'mv_5', type: 'void', amount: 700, currency: 'usd', authorization: 'auth_c', idempotency_key: 'void_pay_C' },
      { id: 'mv_6', type: 'authorization', amount: 900, currency: 'usd', authorization: 'auth_d', idempotency_key: 'auth_pay_D' },
    ],
    unsentOutbox: [],
    unarchivedAudit: [],
    balances: [{ merchantId: 'mer_1', owed: { usd: 1000 - 59 - 300 } }],
    deliberatelyWaiting: new Set(['pay_D']),
    idempotencyEffects: new Map([
      ['key-A', { ids: new Set(['pay_A']), refusals: new Set<string>() }],
      ['key-refund-2', { ids: new Set<string>(), refusals: new Set(['amount_too_large']) }],
    ]),
    idempotencyRecords: ['A', 'B', 'C', 'D'].map((x) => ({ docId: `mer_1_key${x}`, path: '/v1/payments', status: 201, objectId: `pay_${x}` })),
  };
}

const kinds = (snapshot: AuditSnapshot) => [...new Set(audit(snapshot).map((v) => v.kind))].sort();

it('finds nothing wrong with a consistent record', () => {
  expect(audit(consistentRecord())).toEqual([]);
});

it('catches a payment captured twice under different idempotency keys', () => {
  const record = consistentRecord();
  record.movements.push({ id: 'mv_x', type: 'capture', amount: 1000, currency: 'usd', authorization: 'auth_a', idempotency_key: 'cap_pay_A_retry' });
  expect(kinds(record)).toEqual(['capture_mismatch', 'double_capture', 'succeeded_without_capture']);
});

it('catches a refund the processor paid but the ledger skipped', () => {
  const record = consistentRecord();
  record.journals = record.journals.filter((j) => j.kind !== 'refund');
  expect(kinds(record)).toEqual(['balance_mismatch', 'refund_mismatch', 'refund_movement_mismatch']);
});

it('catches a refund sent to the processor twice under different keys', () => {
  const record = consistentRecord();
  record.movements.push({ id: 'mv_y', type: 'refund', amount: 300, currency: 'usd', authorization: 'auth_a', idempotency_key: 'refund_re_1_again' });
  expect(kinds(record)).toEqual(['refund_mismatch', 'refund_movement_mismatch']);
});

it('catches a journal that does not balance', () => {
  const record = consistentRecord();
  record.journals[0] = { ...record.journals[0], entries: record.journals[0].entries.slice(0, 2) };
  expect(kinds(record)).toContain('unbalanced_journal');
  expect(kinds(record)).toContain('ledger_not_zero');
});

it('catches a balance that disagrees with the journals', () => {
  const record = consistentRecord();
  record.balances = [{ merchantId: 'mer_1', owed: { usd: 641 + 1 } }];
  expect(kinds(record)).toEqual(['balance_mismatch']);
});

it('catches a capture the processor never made', () => {
  const record = consistentRecord();
  record.movements = record.movements.filter((m) => m.id !== 'mv_2');
  expect(kinds(record)).toEqual(['capture_mismatch', 'succeeded_without_capture']);
});

it('catches a failed payment whose authorisation hold was never released', () => {
  const record = consistentRecord();
  record.movements = record.movements.filter((m) => m.id !== 'mv_5');
  expect(kinds(record)).toEqual(['hold_not_released']);
});

it('catches payments and refunds left in flight, and waiting payments the workload did not leave there', () => {
  const record = consistentRecord();
  record.payments.push({ id: 'pay_E', merchantId: 'mer_1', currency: 'usd', status: 'processing', amountCaptured: 0, amountRefunded: 0, fee: 0 });
  record.idempotencyRecords.push({ docId: 'mer_1_keyE', path: '/v1/payments', status: 201, objectId: 'pay_E' });
  record.refunds.push({ id: 're_3', paymentId: 'pay_B', amount: 1, status: 'pending' });
  record.deliberatelyWaiting = new Set();
  expect(audit(record).map((v) => `${v.kind} ${v.subject}`).sort()).toEqual(['payment_not_terminal pay_D', 'payment_not_terminal pay_E', 'refund_not_terminal re_3']);
});

it('catches an event left unsent in the outbox', () => {
  const record = consistentRecord();
  record.unsentOutbox = ['evt_1'];
  expect(kinds(record)).toEqual(['outbox_unsent']);
});

it('catches an audit entry never archived into the audit database', () => {
  const record = consistentRecord();
  record.unarchivedAudit = ['aud_1'];
  expect(kinds(record)).toEqual(['audit_not_archived']);
});

it('catches an idempotency key with two effects', () => {
  const record = consistentRecord();
  record.idempotencyEffects = new Map([['key-A', { ids: new Set(['pay_A', 'pay_Z']), refusals: new Set<string>() }]]);
  expect(kinds(record)).toEqual(['idempotency_two_effects']);
  record.idempotencyEffects = new Map([['key-A', { ids: new Set(['pay_A']), refusals: new Set(['payment_unexpected_state']) }]]);
  expect(kinds(record)).toEqual(['idempotency_two_effects']);
});

it('catches a payment no idempotency record names (a second payment from one key)', () => {
  const record = consistentRecord();
  record.idempotencyRecords = record.idempotencyRecords.filter((r) => r.objectId !== 'pay_B');
  expect(kinds(record)).toEqual(['payment_without_idempotency_record']);
});

it('catches money the processor moved for a payment the backend does not have', () => {
  const record = consistentRecord();
  record.movements.push({ id: 'mv_z', type: 'authorization', amount: 5, currency: 'usd', authorization: 'auth_z', idempotency_key: 'auth_pay_Z' });
  expect(kinds(record)).toEqual(['processor_movement_without_payment']);
});
