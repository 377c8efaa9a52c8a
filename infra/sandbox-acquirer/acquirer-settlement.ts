import { formatMajorUnits } from '../../functions/src/shared/major-units';
import type { AcquirerPayment } from './acquirer-ledger';

// The acquirer's settlement detail report of a day, in its own shape: one record per confirmed capture
// ("Settled") and refund ("Refunded") booked that UTC day, amounts as major-unit strings, its commission
// on captures; sorted by merchant reference (then psp reference), as reconciliation streams it.

export const ACQUIRER_COMMISSION_BPS = 60;
export const acquirerCommission = (gross: number): number => Math.floor((gross * ACQUIRER_COMMISSION_BPS + 5_000) / 10_000);
export const SETTLEMENT_COLUMNS = ['Merchant Reference', 'Psp Reference', 'Modification Reference', 'Record Type', 'Currency', 'Gross', 'Commission', 'Net', 'Booking Date'] as const;

export interface SettlementRecord {
  merchantReference: string;
  pspReference: string;
  modificationReference: string;
  recordType: 'Settled' | 'Refunded';
  currency: string;
  /** Minor units; what the acquirer pays us for the record (negative for a refund). */
  gross: number;
  commission: number;
  net: number;
  bookedMs: number;
}

export function settlementRecords(payments: readonly AcquirerPayment[], startMs: number, endMs: number): SettlementRecord[] {
  const within = (ms: number | undefined): ms is number => ms !== undefined && ms >= startMs && ms < endMs;
  const records: SettlementRecord[] = [];
  for (const p of payments) {
    if (p.capture?.status === 'confirmed' && within(p.capture.confirmedMs)) {
      const commission = acquirerCommission(p.capture.amount);
      records.push({ merchantReference: p.capture.merchantReference, pspReference: p.pspReference, modificationReference: p.capture.pspReference, recordType: 'Settled', currency: p.currency, gross: p.capture.amount, commission, net: p.capture.amount - commission, bookedMs: p.capture.confirmedMs });
    }
    for (const r of p.refunds) {
      if (r.status === 'confirmed' && within(r.confirmedMs)) records.push({ merchantReference: r.merchantReference, pspReference: p.pspReference, modificationReference: r.pspReference, recordType: 'Refunded', currency: p.currency, gross: r.amount, commission: 0, net: -r.amount, bookedMs: r.confirmedMs });
    }
  }
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return records.sort((a, b) => compare(a.merchantReference, b.merchantReference) || compare(a.modificationReference, b.modificationReference));
}

export function* settlementCsv(records: Iterable<SettlementRecord>): Generator<string> {
  yield `${SETTLEMENT_COLUMNS.join(',')}\n`;
  for (const r of records) {
    const money = (minor: number) => (minor < 0 ? `-${formatMajorUnits(-minor, r.currency)}` : formatMajorUnits(minor, r.currency));
    yield `${[r.merchantReference, r.pspReference, r.modificationReference, r.recordType, r.currency.toUpperCase(), money(r.gross), money(r.commission), money(r.net), new Date(r.bookedMs).toISOString()].join(',')}\n`;
  }
}

export function netByCurrency(records: Iterable<SettlementRecord>): Map<string, number> {
  const net = new Map<string, number>();
  for (const r of records) net.set(r.currency, (net.get(r.currency) ?? 0) + r.net);
  return net;
}
