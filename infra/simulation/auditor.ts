// The auditor: after the workload and quiescence, what must hold whatever faults were injected.
// Pure: it reads a snapshot (stored documents, the processor's record of money movements, the
// balances the API answers, what the workload observed) and lists every violation it finds.

export interface AuditPayment {
  id: string;
  merchantId: string;
  currency: string;
  status: string;
  amountCaptured: number;
  amountRefunded: number;
  fee: number;
  /** Why a failed payment failed (reported, not judged). */
  lastErrorCode?: string | null;
}

export interface AuditRefund {
  id: string;
  paymentId: string;
  amount: number;
  status: string;
}

export interface AuditJournal {
  id: string;
  kind: 'capture' | 'refund';
  /** The payment id of a capture journal, the refund id of a refund journal. */
  reference: string;
  merchantId: string;
  entries: Array<{ account: string; currency: string; amount: number }>;
}

export interface AuditMovement {
  id: string;
  type: 'authorization' | 'capture' | 'void' | 'refund';
  amount: number;
  currency: string;
  authorization: string;
  idempotency_key: string;
}

export interface AuditSnapshot {
  payments: AuditPayment[];
  refunds: AuditRefund[];
  journals: AuditJournal[];
  movements: AuditMovement[];
  /** Outbox events still waiting to be published. */
  unsentOutbox: string[];
  /** Audit entries still in the operational database's audit outbox: never archived into the audit database. */
  unarchivedAudit: string[];
  /** GET /v1/balance per merchant: what it is owed per currency, available + pending (a refund debits available at once). */
  balances: Array<{ merchantId: string; owed: Record<string, number> }>;
  /** Payments the workload left waiting on purpose (requires_capture or requires_review). */
  deliberatelyWaiting: ReadonlySet<string>;
  /** Every Idempotency-Key the workload sent, with the ids of the objects its 2xx answers named and the codes of its 4xx answers. */
  idempotencyEffects: ReadonlyMap<string, { ids: ReadonlySet<string>; refusals: ReadonlySet<string> }>;
  /** Stored idempotency records (path and the id in the recorded body), to find a key that created two objects. */
  idempotencyRecords: Array<{ docId: string; path: string; status: number; objectId: string | null }>;
}

export interface Violation {
  kind: string;
  subject: string;
  detail: string;
}

const TERMINAL_PAYMENT = new Set(['succeeded', 'failed', 'canceled']);
const WAITING_PAYMENT = new Set(['requires_capture', 'requires_review']);
const TERMINAL_REFUND = new Set(['succeeded', 'failed']);

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export function audit(snapshot: AuditSnapshot): Violation[] {
  const violations: Violation[] = [];
  const violation = (kind: string, subject: string, detail: string) => violations.push({ kind, subject, detail });

  // Which payment each processor movement belongs to: an authorisation's key names the payment, and
  // every later movement names its authorisation.
  const paymentOfAuthorization = new Map<string, string>();
  for (const m of snapshot.movements) {
    if (m.type !== 'authorization') continue;
    const paymentId = /pay_[A-Za-z0-9]+/.exec(m.idempotency_key)?.[0];
    if (paymentId) paymentOfAuthorization.set(m.authorization, paymentId);
    else violation('unattributable_movement', m.id, `authorization with key ${m.idempotency_key} names no payment`);
  }
  const movementsByPayment = new Map<string, AuditMovement[]>();
  for (const m of snapshot.movements) {
    const paymentId = paymentOfAuthorization.get(m.authorization);
    if (!paymentId) {
      if (m.type !== 'authorization') violation('unattributable_movement', m.id, `${m.type} on unknown authorization ${m.authorization}`);
      continue;
    }
    movementsByPayment.set(paymentId, [...(movementsByPayment.get(paymentId) ?? []), m]);
  }
  const refundsByPayment = new Map<string, AuditRefund[]>();
  for (const r of snapshot.refunds) refundsByPayment.set(r.paymentId, [...(refundsByPayment.get(r.paymentId) ?? []), r]);
  const journalsByReference = new Map<string, AuditJournal[]>();
  for (const j of snapshot.journals) journalsByReference.set(`${j.kind}:${j.reference}`, [...(journalsByReference.get(`${j.kind}:${j.reference}`) ?? []), j]);
  const journalAmount = (j: AuditJournal, account: string) => sum(j.entries.filter((e) => e.account === account).map((e) => e.amount));

  const knownPayments = new Set(snapshot.payments.map((p) => p.id));
  for (const paymentId of movementsByPayment.keys()) {
    if (!knownPayments.has(paymentId)) violation('processor_movement_without_payment', paymentId, 'the processor moved money for a payment the backend does not have');
  }

  for (const p of snapshot.payments) {
    if (!TERMINAL_PAYMENT.has(p.status) && !(WAITING_PAYMENT.has(p.status) && snapshot.deliberatelyWaiting.has(p.id))) {
      violation('payment_not_terminal', p.id, `status ${p.status} after quiescence`);
    }
    const moves = movementsByPayment.get(p.id) ?? [];
    const of = (type: AuditMovement['type']) => moves.filter((m) => m.type === type);
    const [auths, captures, voids, processorRefunds] = [of('authorization'), of('capture'), of('void'), of('refund')];
    if (auths.length > 1) violation('double_authorization', p.id, `${auths.length} authorisations at the processor`);
    if (captures.length > 1) violation('double_capture', p.id, `${captures.length} captures at the processor (keys ${captures.map((c) => c.idempotency_key).join(', ')})`);
    const captureJournals = journalsByReference.get(`capture:${p.id}`) ?? [];
    if (captureJournals.length > 1) violation('double_capture_journal', p.id, `${captureJournals.length} capture journals`);
    const processorCaptured = sum(captures.map((c) => c.amount));
    const ledgerCaptured = sum(captureJournals.map((j) => journalAmount(j, 'processor_receivable')));
    if (processorCaptured !== p.amountCaptured || ledgerCaptured !== p.amountCaptured) {
      violation('capture_mismatch', p.id, `processor captured ${processorCaptured}, ledger ${ledgerCaptured}, payment says ${p.amountCaptured} ${p.currency}`);
    }
    if (p.status === 'succeeded' && (p.amountCaptured <= 0 || captures.length !== 1)) violation('succeeded_without_capture', p.id, `captured ${p.amountCaptured}, ${captures.length} processor captures`);
    if ((p.status === 'failed' || p.status === 'canceled') && auths.length === 1 && captures.length === 0 && voids.length === 0) {
      violation('hold_not_released', p.id, `${p.status} but its authorisation at the processor was never voided`);
    }
    if (p.status === 'requires_capture' && (auths.length !== 1 || voids.length > 0 || captures.length > 0)) {
      violation('authorization_mismatch', p.id, `requires_capture with ${auths.length} authorisations, ${voids.length} voids, ${captures.length} captures`);
    }
    if (voids.length > 1) violation('double_void', p.id, `${voids.length} voids`);

    const refunds = refundsByPayment.get(p.id) ?? [];
    const succeededRefunds = refunds.filter((r) => r.status === 'succeeded');
    const refundJournals = refunds.flatMap((r) => journalsByReference.get(`refund:${r.id}`) ?? []);
    const processorRefunded = sum(processorRefunds.map((m) => m.amount));
    const ledgerRefunded = -sum(refundJournals.map((j) => journalAmount(j, 'processor_receivable')));
    const recordedRefunded = sum(succeededRefunds.map((r) => r.amount));
    if (processorRefunded !== recordedRefunded || ledgerRefunded !== recordedRefunded || p.amountRefunded !== recordedRefunded) {
      violation('refund_mismatch', p.id, `processor refunded ${processorRefunded}, ledger ${ledgerRefunded}, refunds ${recordedRefunded}, payment says ${p.amountRefunded} ${p.currency}`);
    }
    if (recordedRefunded > p.amountCaptured) violation('refunded_more_than_captured', p.id, `${recordedRefunded} refunded of ${p.amountCaptured}`);
    for (const r of refunds) {
      if (!TERMINAL_REFUND.has(r.status)) violation('refund_not_terminal', r.id, `status ${r.status} after quiescence`);
      const atProcessor = processorRefunds.filter((m) => m.idempotency_key.includes(r.id));
      const journals = journalsByReference.get(`refund:${r.id}`) ?? [];
      const expected = r.status === 'succeeded' ? 1 : 0;
      if (atProcessor.length !== expected || journals.length !== expected) {
        violation('refund_movement_mismatch', r.id, `${r.status} refund with ${atProcessor.length} processor refunds and ${journals.length} journals`);
      }
    }
  }

  // Every journal balances, and so does each currency across the whole ledger.
  const byCurrency = new Map<string, number>();
  for (const j of snapshot.journals) {
    const own = new Map<string, number>();
    for (const e of j.entries) {
      own.set(e.currency, (own.get(e.currency) ?? 0) + e.amount);
      byCurrency.set(e.currency, (byCurrency.get(e.currency) ?? 0) + e.amount);
    }
    for (const [currency, total] of own) if (total !== 0) violation('unbalanced_journal', j.id, `off by ${total} ${currency}`);
  }
  for (const [currency, total] of byCurrency) if (total !== 0) violation('ledger_not_zero', currency, `the ${currency} ledger sums to ${total}`);

  // Balances the API answers = the merchant's journals = what its payments say (captured − fee − refunded).
  // The merchant is owed its pending plus its available account (captures credit pending, refunds debit available).
  for (const { merchantId, owed } of snapshot.balances) {
    const fromJournals = new Map<string, number>();
    for (const j of snapshot.journals.filter((x) => x.merchantId === merchantId)) {
      for (const e of j.entries.filter((x) => x.account === 'merchant_pending' || x.account === 'merchant_available')) fromJournals.set(e.currency, (fromJournals.get(e.currency) ?? 0) - e.amount);
    }
    const fromPayments = new Map<string, number>();
    for (const p of snapshot.payments.filter((x) => x.merchantId === merchantId && x.amountCaptured > 0)) {
      fromPayments.set(p.currency, (fromPayments.get(p.currency) ?? 0) + p.amountCaptured - p.fee - p.amountRefunded);
    }
    for (const currency of new Set([...Object.keys(owed), ...fromJournals.keys(), ...fromPayments.keys()])) {
      const [api, journals, payments] = [owed[currency] ?? 0, fromJournals.get(currency) ?? 0, fromPayments.get(currency) ?? 0];
      if (api !== journals || journals !== payments) violation('balance_mismatch', `${merchantId}/${currency}`, `API ${api}, journals ${journals}, payments ${payments}`);
    }
  }

  for (const id of snapshot.unsentOutbox) violation('outbox_unsent', id, 'event still pending after quiescence');
  for (const id of snapshot.unarchivedAudit) violation('audit_not_archived', id, 'audit entry still in the audit outbox after quiescence');

  // One effect per idempotency key: as the workload saw it, and as stored.
  for (const [key, effect] of snapshot.idempotencyEffects) {
    if (effect.ids.size > 1) violation('idempotency_two_effects', key, `answered with objects ${[...effect.ids].join(', ')}`);
    if (effect.ids.size > 0 && effect.refusals.size > 0) violation('idempotency_two_effects', key, `answered 2xx (${[...effect.ids].join(', ')}) and refused (${[...effect.refusals].join(', ')})`);
  }
  const createdBy = new Map<string, string[]>();
  for (const record of snapshot.idempotencyRecords) {
    if (record.objectId && record.status >= 200 && record.status < 300 && /^\/v1\/(payments|refunds)$/.test(record.path)) {
      createdBy.set(record.objectId, [...(createdBy.get(record.objectId) ?? []), record.docId]);
    }
  }
  for (const [objectId, keys] of createdBy) if (keys.length > 1) violation('object_created_twice', objectId, `named by ${keys.length} idempotency records`);
  // Every payment came from a POST /v1/payments with a key: one the key's record does not name is a second effect of some key.
  for (const p of snapshot.payments) if (!createdBy.has(p.id)) violation('payment_without_idempotency_record', p.id, 'no stored Idempotency-Key answer names this payment');

  return violations;
}
