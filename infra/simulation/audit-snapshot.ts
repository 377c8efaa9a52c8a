import type { Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS } from '../../functions/src/shared/firestore-collections';
import type { AuditJournal, AuditMovement, AuditPayment, AuditRefund, AuditSnapshot } from './auditor';
import type { EffectLog, SimApi } from './sim-api';
import type { AcquirerPayment } from '../sandbox-acquirer/acquirer-ledger';
import { acquirerMovements } from './acquirer-movements';

/** Reads what the auditor judges: the stored documents, both processors' own records and the balances the API answers. */
export async function readAuditSnapshot(input: {
  db: Firestore;
  processorUrl: string;
  /** The second processor's record (payments fail over to it when the primary is unreachable). */
  acquirerPayments: () => readonly AcquirerPayment[];
  merchants: Array<{ merchantId: string; api: SimApi }>;
  deliberatelyWaiting: ReadonlySet<string>;
  effects: EffectLog;
}): Promise<AuditSnapshot> {
  const { db } = input;
  const [payments, refunds, journals, outbox, idempotency, auditOutbox] = await Promise.all(
    [COLLECTIONS.payments, COLLECTIONS.refunds, COLLECTIONS.ledgerJournals, COLLECTIONS.outbox, COLLECTIONS.idempotencyKeys, COLLECTIONS.auditOutbox].map((c) => db.collection(c).get()),
  );
  const movements = (await (await fetch(`${input.processorUrl}/v1/movements`)).json()) as { data: AuditMovement[] };
  const balances = await Promise.all(
    input.merchants.map(async ({ merchantId, api }) => {
      const answer = await api.send('get_balance', 'GET', '/v1/balance');
      // available + pending: a refund debits the available balance at once, a capture is pending for its delay days.
      const owed: Record<string, number> = {};
      for (const row of [...(answer.body?.available ?? []), ...(answer.body?.pending ?? [])] as Array<{ amount: number; currency: string }>) owed[row.currency] = (owed[row.currency] ?? 0) + row.amount;
      return { merchantId, owed };
    }),
  );
  return {
    payments: payments.docs.map((d) => ({ ...(d.data() as AuditPayment), lastErrorCode: (d.get('lastError') as { code?: string } | null)?.code ?? null })),
    refunds: refunds.docs.map((d) => d.data() as AuditRefund),
    journals: journals.docs.map((d) => {
      const j = d.data();
      return { id: d.id, kind: j.kind, reference: j.reference, merchantId: j.merchantId, entries: j.entries } as AuditJournal;
    }),
    movements: [...movements.data, ...acquirerMovements(input.acquirerPayments())],
    unsentOutbox: outbox.docs.filter((d) => d.get('status') !== 'sent').map((d) => d.id),
    unarchivedAudit: auditOutbox.docs.map((d) => d.id),
    balances,
    deliberatelyWaiting: input.deliberatelyWaiting,
    idempotencyEffects: input.effects,
    idempotencyRecords: idempotency.docs.map((d) => {
      let objectId: string | null = null;
      try {
        const body = JSON.parse(String(d.get('body'))) as { id?: unknown };
        objectId = typeof body.id === 'string' ? body.id : null;
      } catch {
        // a body that is not JSON names no object
      }
      return { docId: d.id, path: String(d.get('path')), status: Number(d.get('status')), objectId };
    }),
  };
}

export type { AuditPayment, AuditRefund };
