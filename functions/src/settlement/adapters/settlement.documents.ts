import { z } from 'zod';
import { parseStoredDocument } from '../../platform/adapters/stored-document';
import { COLLECTIONS } from '../../shared/firestore-collections';
import { assertNever } from '../../shared/result';
import type { Payout } from '../domain/payout';
import { PAYOUT_INTERVALS, PayoutSettings, WEEKDAYS } from '../domain/payout-settings';
import type { BalanceSummary, BankEventRecord, SettlementRecord } from '../application/settlement.repository';

// Settlement documents, validated when read back. The payout is one flat document (status and every
// field as plain fields, null where its state has none) so queries, indexes and the mobile apps'
// security rules work on plain fields; the union of states is rebuilt on read and refused when its
// fields contradict its status.
const Destination = z.object({ last4: z.string(), country: z.string(), currency: z.string() });

export const PayoutDocument = z.object({
  id: z.string(),
  merchantId: z.string(),
  livemode: z.boolean(),
  amount: z.number().int().positive(),
  currency: z.string(),
  status: z.enum(['pending', 'in_transit', 'paid', 'failed', 'canceled']),
  automatic: z.boolean(),
  description: z.string().nullable(),
  destination: Destination,
  balanceTransactionId: z.string(),
  settlementDate: z.string().nullable(),
  createdMs: z.number().int(),
  arrivalDateMs: z.number().int(),
  updatedMs: z.number().int(),
  submissionStartedMs: z.number().int().nullable(),
  transferId: z.string().nullable(),
  paidMs: z.number().int().nullable(),
  failureCode: z.string().nullable(),
  failureMessage: z.string().nullable(),
  returned: z.boolean(),
  failedMs: z.number().int().nullable(),
  canceledMs: z.number().int().nullable(),
});
export type PayoutDocument = z.infer<typeof PayoutDocument>;

export function payoutDocument(payout: Payout): PayoutDocument {
  const { id, merchantId, livemode, amount, currency, status, automatic, description, destination, balanceTransactionId, settlementDate, createdMs, arrivalDateMs, updatedMs } = payout;
  return {
    id, merchantId, livemode, amount, currency, status, automatic, description, destination, balanceTransactionId, settlementDate, createdMs, arrivalDateMs, updatedMs,
    submissionStartedMs: payout.status === 'pending' ? payout.submissionStartedMs : null,
    transferId: payout.status === 'in_transit' || payout.status === 'paid' || payout.status === 'failed' ? payout.transferId : null,
    paidMs: payout.status === 'paid' ? payout.paidMs : null,
    failureCode: payout.status === 'failed' ? payout.failureCode : null,
    failureMessage: payout.status === 'failed' ? payout.failureMessage : null,
    returned: payout.status === 'failed' ? payout.returned : false,
    failedMs: payout.status === 'failed' ? payout.failedMs : null,
    canceledMs: payout.status === 'canceled' ? payout.canceledMs : null,
  };
}

const required = <T>(value: T | null, field: string, id: string): T => {
  if (value === null) throw new Error(`payout ${id}: ${field} is missing for its status`);
  return value;
};

export function payoutFromDocument(id: string, data: unknown): Payout {
  const doc = parseStoredDocument(PayoutDocument, COLLECTIONS.payouts, id, data);
  const { merchantId, livemode, amount, currency, automatic, description, destination, balanceTransactionId, settlementDate, createdMs, arrivalDateMs, updatedMs } = doc;
  const base = { id: doc.id, merchantId, livemode, amount, currency, automatic, description, destination, balanceTransactionId, settlementDate, createdMs, arrivalDateMs, updatedMs };
  switch (doc.status) {
    case 'pending':
      return { ...base, status: 'pending', submissionStartedMs: doc.submissionStartedMs };
    case 'in_transit':
      return { ...base, status: 'in_transit', transferId: required(doc.transferId, 'transferId', id) };
    case 'paid':
      return { ...base, status: 'paid', transferId: required(doc.transferId, 'transferId', id), paidMs: required(doc.paidMs, 'paidMs', id) };
    case 'failed':
      return { ...base, status: 'failed', transferId: doc.transferId, failureCode: required(doc.failureCode, 'failureCode', id), failureMessage: required(doc.failureMessage, 'failureMessage', id), returned: doc.returned, failedMs: required(doc.failedMs, 'failedMs', id) };
    case 'canceled':
      return { ...base, status: 'canceled', canceledMs: required(doc.canceledMs, 'canceledMs', id) };
    default:
      return assertNever(doc.status);
  }
}

export const PayoutSettingsDocument = z.object({
  merchantId: z.string(),
  livemode: z.boolean(),
  interval: z.enum(PAYOUT_INTERVALS),
  delayDays: z.number().int().min(0),
  weeklyAnchor: z.enum(WEEKDAYS).nullable(),
  settlementCurrency: z.string().nullable(),
  bankAccount: z.object({ token: z.string(), last4: z.string(), country: z.string(), currency: z.string() }).nullable(),
  updatedMs: z.number().int(),
  // Absent on documents written before payouts were versioned: none had paid out concurrently then.
  payoutVersion: z.number().int().min(0).default(0),
  lastPayoutMs: z.number().int().nullable().default(null),
});
export const payoutSettingsFromDocument = (id: string, data: unknown): PayoutSettings => parseStoredDocument(PayoutSettingsDocument, COLLECTIONS.payoutSettings, id, data);

const Carried = z.object({ currency: z.string(), net: z.number().int(), transactions: z.number().int(), reason: z.enum(['not_positive', 'no_fx_quote', 'converts_to_nothing']) });
export const SettlementDocument = z.object({
  id: z.string(),
  merchantId: z.string(),
  livemode: z.boolean(),
  settlementDate: z.string(),
  payoutIds: z.array(z.string()),
  skippedReason: z.string().nullable(),
  carried: z.array(Carried),
  settledTransactions: z.number().int(),
  createdMs: z.number().int(),
});
export const settlementFromDocument = (id: string, data: unknown): SettlementRecord => parseStoredDocument(SettlementDocument, COLLECTIONS.settlements, id, data);

export const bankEventDocument = (record: BankEventRecord): BankEventRecord => ({ ...record });
export const balanceSummaryDocument = (summary: BalanceSummary): BalanceSummary => ({ ...summary });
