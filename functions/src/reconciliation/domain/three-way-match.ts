import { BankStatementLine, KnownPayout, LedgerLine, parseDepositReference, processorDepositReference, ProcessorReportLine } from './reconciliation-lines';
import { ReconciliationFinding } from './reconciliation-exception';
import { FindingSink, ReconciliationSummary, Tally } from './reconciliation-tally';
import { SortedCursor } from './sorted-cursor';

// The three-way match of one day, per mode:
//   ledger ↔ processor report: a merge-join over two streams sorted by our reference (payment or
//     refund id), line by line: each key is looked at once, so memory does not grow with the day;
//   processor report ↔ bank: the report's net per currency against the processor's deposits
//     (ps_<date>_<currency>) on the bank statement;
//   bank ↔ payouts: each payout / return line of the statement against the payout we recorded,
//     looked up by id in small batches.
// Only per-currency totals (a few dozen currencies at most) and the set of payout ids already seen on
// the statement (one per merchant and day at most) are kept.

export interface DayWindow {
  /** YYYY-MM-DD (UTC). */
  readonly date: string;
  readonly startMs: number;
  readonly endMs: number;
}

export interface ThreeWaySources {
  readonly day: DayWindow;
  /**
   * Capture and refund journals sorted by reference, created in the day widened by a grace period on
   * both sides: a capture the processor made just before midnight may reach our ledger just after.
   * A journal outside the day that the report does not list belongs to the neighbouring day.
   */
  readonly ledger: AsyncIterable<LedgerLine>;
  /** The processor's report of the day, sorted by merchant reference. */
  readonly report: AsyncIterable<ProcessorReportLine>;
  /** The bank statement of the day (any order). */
  readonly statement: AsyncIterable<BankStatementLine>;
  /**
   * Statement lines of later days: only their processor deposits for this day count (the processor
   * pays a day's net after the day, so it usually shows on the next day's statement).
   */
  readonly laterStatements: AsyncIterable<BankStatementLine>;
  /** The payouts with these ids (of the run's mode); absent ids are unknown to us. */
  readonly payouts: (ids: readonly string[]) => Promise<ReadonlyMap<string, KnownPayout>>;
  /** Whether a processor merchant reference is one of our payment or refund ids. */
  readonly isOurReference: (reference: string) => boolean;
  /**
   * A journal created in the first `leadingGraceMs` of the day that this day's report does not list may
   * be a capture the processor made just before midnight: it is looked for in the previous day's report
   * (streamed only when there is such a journal) before it is called missing.
   */
  readonly leadingGraceMs?: number;
  readonly previousDayReport?: () => AsyncIterable<ProcessorReportLine>;
}

/** Journals of the leading grace period still unmatched, by reference; beyond this many the rest are reported at once. */
export const MAX_LEADING_CANDIDATES = 10_000;

export type { CurrencyTotals, FindingSink, ReconciliationSummary } from './reconciliation-tally';
export { SourceOrderError } from './sorted-cursor';
const DEFAULT_LOOKUP_BATCH = 100;

export async function reconcileDay(sources: ThreeWaySources, sink: FindingSink, options: { lookupBatch?: number } = {}): Promise<ReconciliationSummary> {
  const tally = new Tally(sink);
  await matchLedgerWithReport(sources, tally);
  await matchStatement(sources, tally, options.lookupBatch ?? DEFAULT_LOOKUP_BATCH);
  for (const currency of tally.currencies()) {
    const t = tally.totals(currency);
    if (t.reportNet === t.bankDeposits) {
      if (t.reportNet !== 0) tally.bankMatched += 1;
      continue;
    }
    await tally.found({
      kind: 'bank_deposit_mismatch', source: 'bank_statement', reference: processorDepositReference(sources.day.date, currency), merchantId: null, currency,
      expectedAmount: t.reportNet, actualAmount: t.bankDeposits,
      detail: `The processor's report nets ${t.reportNet} ${currency} for ${sources.day.date}; the bank received ${t.bankDeposits}.`,
    });
  }
  return tally.summary();
}

async function matchLedgerWithReport(sources: ThreeWaySources, tally: Tally): Promise<void> {
  const ledger = new SortedCursor(sources.ledger, (line) => line.reference, 'ledger');
  const report = new SortedCursor(sources.report, (line) => line.merchantReference, 'processor report');
  const inDay = (line: LedgerLine) => line.createdMs >= sources.day.startMs && line.createdMs < sources.day.endMs;
  const leadingEndMs = sources.previousDayReport ? sources.day.startMs + (sources.leadingGraceMs ?? 0) : sources.day.startMs;
  // Few by nature (captures straddling midnight), and bounded: the previous day's report settles them.
  const leading = new Map<string, LedgerLine[]>();
  for (;;) {
    const [l, r] = [await ledger.peekKey(), await report.peekKey()];
    if (l === undefined && r === undefined) break;
    if (r === undefined || (l !== undefined && l < r)) {
      const group = await ledger.takeGroup();
      if (!group.some(inDay)) {
        tally.neighbourDayLedgerLines += group.length;
        continue;
      }
      if (group.every((line) => line.createdMs < leadingEndMs) && leading.size < MAX_LEADING_CANDIDATES) {
        leading.set(group[0].reference, group);
        continue;
      }
      group.forEach((line) => tally.addLedger(line));
      await tally.found(missingInReport(group[0]));
      await reportDuplicates(tally, group.slice(1).map((line) => ledgerDuplicate(line)));
    } else if (l === undefined || r < l) {
      const group = await report.takeGroup();
      group.forEach((line) => tally.addReport(line));
      const first = group[0];
      await tally.found(sources.isOurReference(first.merchantReference) ? missingInLedger(first) : unknownReportReference(first));
      await reportDuplicates(tally, group.slice(1).map((line) => reportDuplicate(line)));
    } else {
      const [ledgerGroup, reportGroup] = [await ledger.takeGroup(), await report.takeGroup()];
      ledgerGroup.forEach((line) => tally.addLedger(line));
      reportGroup.forEach((line) => tally.addReport(line));
      const mismatch = compare(ledgerGroup[0], reportGroup[0]);
      if (mismatch === null) tally.matched += 1;
      else await tally.found(mismatch);
      await reportDuplicates(tally, [...ledgerGroup.slice(1).map((line) => ledgerDuplicate(line)), ...reportGroup.slice(1).map((line) => reportDuplicate(line))]);
    }
  }
  if (leading.size > 0 && sources.previousDayReport) await settleLeading(leading, sources.previousDayReport(), tally);
}

/**
 * Journals of the first minutes of the day that this day's report lacks: those the previous day's report
 * lists (captured just before midnight) belong to that day and are checked against it; the rest are missing.
 */
async function settleLeading(leading: Map<string, LedgerLine[]>, previousReport: AsyncIterable<ProcessorReportLine>, tally: Tally): Promise<void> {
  for await (const line of previousReport) {
    const group = leading.get(line.merchantReference);
    if (group === undefined) continue;
    leading.delete(line.merchantReference);
    tally.neighbourDayLedgerLines += group.length;
    const mismatch = compare(group[0], line);
    if (mismatch !== null) await tally.found({ ...mismatch, detail: `${mismatch.detail} (previous day's report)` });
    if (leading.size === 0) break;
  }
  for (const group of leading.values()) {
    group.forEach((line) => tally.addLedger(line));
    await tally.found(missingInReport(group[0]));
    await reportDuplicates(tally, group.slice(1).map((line) => ledgerDuplicate(line)));
  }
}

async function reportDuplicates(tally: Tally, findings: ReconciliationFinding[]): Promise<void> {
  for (const finding of findings) await tally.found(finding);
}

function compare(ledger: LedgerLine, report: ProcessorReportLine): ReconciliationFinding | null {
  const sameProcessorObject = ledger.externalReference == null || ledger.externalReference === report.processorReference;
  if (ledger.kind === report.type && ledger.currency === report.currency && ledger.amount === report.gross) {
    if (sameProcessorObject) return null;
    return {
      kind: 'amount_mismatch', source: 'processor_report', reference: ledger.reference, merchantId: ledger.merchantId, currency: ledger.currency,
      expectedAmount: ledger.amount, actualAmount: report.gross,
      detail: `Amounts agree, but the ledger recorded the processor's ${ledger.kind} ${ledger.externalReference} and the report lists ${report.processorReference}.`,
    };
  }
  return {
    kind: 'amount_mismatch', source: 'processor_report', reference: ledger.reference, merchantId: ledger.merchantId, currency: ledger.currency,
    expectedAmount: ledger.amount, actualAmount: report.gross,
    detail: `Ledger ${ledger.kind} ${ledger.amount} ${ledger.currency}; processor report ${report.type} ${report.gross} ${report.currency} (${report.processorReference}).`,
  };
}

const missingInReport = (line: LedgerLine): ReconciliationFinding => ({
  kind: 'missing_in_processor_report', source: 'ledger', reference: line.reference, merchantId: line.merchantId, currency: line.currency,
  expectedAmount: line.amount, actualAmount: null, detail: `Ledger ${line.kind} ${line.amount} ${line.currency} (${line.journalId}) is not in the processor's report.`,
});

const missingInLedger = (line: ProcessorReportLine): ReconciliationFinding => ({
  kind: 'missing_in_ledger', source: 'processor_report', reference: line.merchantReference, merchantId: null, currency: line.currency,
  expectedAmount: null, actualAmount: line.gross, detail: `Processor ${line.type} ${line.gross} ${line.currency} (${line.processorReference}, line ${line.lineId}) has no journal in the ledger.`,
});

const unknownReportReference = (line: ProcessorReportLine): ReconciliationFinding => ({
  kind: 'unknown_reference', source: 'processor_report', reference: line.merchantReference, merchantId: null, currency: line.currency,
  expectedAmount: null, actualAmount: line.gross, detail: `Processor ${line.type} ${line.gross} ${line.currency} (line ${line.lineId}) names a reference that is none of our payments or refunds.`,
});

const ledgerDuplicate = (line: LedgerLine): ReconciliationFinding => ({
  kind: 'duplicate', source: 'ledger', reference: line.reference, merchantId: line.merchantId, currency: line.currency,
  expectedAmount: null, actualAmount: line.amount, detail: `The ledger holds another ${line.kind} journal (${line.journalId}) for the same reference.`,
});

const reportDuplicate = (line: ProcessorReportLine): ReconciliationFinding => ({
  kind: 'duplicate', source: 'processor_report', reference: line.merchantReference, merchantId: null, currency: line.currency,
  expectedAmount: null, actualAmount: line.gross, detail: `The processor's report lists the reference again (line ${line.lineId}, ${line.type} ${line.gross} ${line.currency}).`,
});

async function matchStatement(sources: ThreeWaySources, tally: Tally, batchSize: number): Promise<void> {
  const seen = new Set<string>();
  let batch: BankStatementLine[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const lines = batch;
    batch = [];
    const known = await sources.payouts([...new Set(lines.map((line) => line.reference))]);
    for (const line of lines) await matchPayoutLine(line, known.get(line.reference), seen, tally);
  };
  for await (const line of sources.statement) {
    tally.bankLines += 1;
    if (line.type === 'incoming') {
      await matchDeposit(line, sources.day.date, tally, true);
      continue;
    }
    tally.addBank(line);
    batch.push(line);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  for await (const line of sources.laterStatements) {
    if (line.type === 'incoming') await matchDeposit(line, sources.day.date, tally, false);
  }
}

async function matchDeposit(line: BankStatementLine, date: string, tally: Tally, ownStatement: boolean): Promise<void> {
  const deposit = parseDepositReference(line.reference);
  if (deposit !== null && deposit.date === date && deposit.currency === line.currency) {
    tally.addDeposit(line);
    return;
  }
  // Another day's processor deposit belongs to that day's run; anything else is nobody's we know.
  if (deposit !== null || !ownStatement) return;
  await tally.found({
    kind: 'unknown_reference', source: 'bank_statement', reference: line.reference, merchantId: null, currency: line.currency, expectedAmount: null, actualAmount: line.amount,
    detail: `Incoming ${line.amount} ${line.currency} (statement line ${line.lineId}) is not a processor deposit we know.`,
  });
}

async function matchPayoutLine(line: BankStatementLine, payout: KnownPayout | undefined, seen: Set<string>, tally: Tally): Promise<void> {
  const base = { source: 'bank_statement', reference: line.reference, currency: line.currency, actualAmount: line.amount } as const;
  if (payout === undefined) {
    await tally.found({ ...base, kind: 'unknown_reference', merchantId: null, expectedAmount: null, detail: `Statement ${line.type} ${line.amount} ${line.currency} (line ${line.lineId}) names no payout of ours.` });
    return;
  }
  const key = `${line.type}:${line.reference}`;
  if (seen.has(key)) {
    await tally.found({ ...base, kind: 'duplicate', merchantId: payout.merchantId, expectedAmount: null, detail: `The statement shows this payout's ${line.type} again (line ${line.lineId}).` });
    return;
  }
  seen.add(key);
  if (line.type === 'return') {
    await tally.found({ ...base, kind: 'payout_returned', merchantId: payout.merchantId, expectedAmount: payout.amount, detail: `The bank returned ${line.amount} ${line.currency} of payout ${payout.id} (line ${line.lineId}).` });
    return;
  }
  if (line.currency === payout.currency && -line.amount === payout.amount) {
    tally.bankMatched += 1;
    return;
  }
  await tally.found({
    ...base, kind: 'amount_mismatch', merchantId: payout.merchantId, expectedAmount: -payout.amount,
    detail: `Payout ${payout.id} is ${payout.amount} ${payout.currency}; the statement debits ${-line.amount} ${line.currency} (line ${line.lineId}).`,
  });
}
