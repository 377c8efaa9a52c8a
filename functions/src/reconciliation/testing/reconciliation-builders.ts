import type { BankStatementLine, KnownPayout, LedgerLine, ProcessorReportLine } from '../domain/reconciliation-lines';
import type { DayWindow, ThreeWaySources } from '../domain/three-way-match';

// Builders for reconciliation tests: a clean day where every side agrees, that a test then spoils.

export const DAY: DayWindow = { date: '2026-11-27', startMs: Date.UTC(2026, 10, 27), endMs: Date.UTC(2026, 10, 28) };
export const NOON = DAY.startMs + 12 * 3_600_000;

/** The sandbox processor's fee: 50 basis points of a capture, rounded half up; nothing on a refund. */
export const processorFee = (gross: number): number => Math.floor((gross * 50 + 5_000) / 10_000);

export const aCapture = (reference: string, amount: number, over: Partial<LedgerLine> = {}): LedgerLine => ({
  reference, kind: 'capture', journalId: `jrn_cap_${reference}`, merchantId: 'acct_1', currency: 'usd', amount, createdMs: NOON, ...over,
});

export const aRefund = (reference: string, amount: number, over: Partial<LedgerLine> = {}): LedgerLine => ({
  reference, kind: 'refund', journalId: `jrn_ref_${reference}`, merchantId: 'acct_1', currency: 'usd', amount, createdMs: NOON, ...over,
});

let lineSeq = 0;
/** The report line the processor writes for a ledger line (same reference, amount and currency). */
export function reportLineFor(line: LedgerLine, over: Partial<ProcessorReportLine> = {}): ProcessorReportLine {
  lineSeq += 1;
  const fee = line.kind === 'capture' ? processorFee(line.amount) : 0;
  const gross = over.gross ?? line.amount;
  return {
    lineId: `rl_${lineSeq}`, type: line.kind, processorReference: `${line.kind === 'capture' ? 'cap' : 're'}_p${lineSeq}`, merchantReference: line.reference,
    currency: line.currency, gross, fee, net: line.kind === 'capture' ? gross - fee : -gross, createdMs: line.createdMs, ...over,
  };
}

/** The processor's deposits of the report's net per currency. */
export function depositsFor(report: readonly ProcessorReportLine[], date = DAY.date): BankStatementLine[] {
  const net = new Map<string, number>();
  for (const line of report) net.set(line.currency, (net.get(line.currency) ?? 0) + line.net);
  return [...net].map(([currency, amount], i) => ({ lineId: `bl_dep_${i}`, type: 'incoming', amount, currency, reference: `ps_${date}_${currency}`, valueDate: date }));
}

export const aPayoutLine = (payout: KnownPayout, over: Partial<BankStatementLine> = {}): BankStatementLine => ({
  lineId: `bl_${payout.id}`, type: 'payout', amount: -payout.amount, currency: payout.currency, reference: payout.id, valueDate: DAY.date, ...over,
});

export async function* streamOf<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) yield item;
}

export const byReference = (a: LedgerLine, b: LedgerLine) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0);
export const byMerchantReference = (a: ProcessorReportLine, b: ProcessorReportLine) =>
  a.merchantReference < b.merchantReference ? -1 : a.merchantReference > b.merchantReference ? 1 : 0;

export const isOurReference = (reference: string): boolean => /^(pay|re)_[A-Za-z0-9]+$/.test(reference);

/** Sources from arrays (sorted here, as the adapters deliver them). */
export function sourcesOf(input: {
  ledger: LedgerLine[];
  report: ProcessorReportLine[];
  statement?: BankStatementLine[];
  laterStatements?: BankStatementLine[];
  payouts?: KnownPayout[];
}): ThreeWaySources & { lookups: string[][] } {
  const payouts = new Map((input.payouts ?? []).map((p) => [p.id, p]));
  const lookups: string[][] = [];
  return {
    day: DAY,
    ledger: streamOf([...input.ledger].sort(byReference)),
    report: streamOf([...input.report].sort(byMerchantReference)),
    statement: streamOf(input.statement ?? []),
    laterStatements: streamOf(input.laterStatements ?? []),
    payouts: async (ids) => {
      lookups.push([...ids]);
      return new Map(ids.flatMap((id) => (payouts.has(id) ? [[id, payouts.get(id)!] as const] : [])));
    },
    isOurReference,
    lookups,
  };
}
