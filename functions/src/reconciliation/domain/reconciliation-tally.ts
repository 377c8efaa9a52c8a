import { BankStatementLine, LedgerLine, ProcessorReportLine } from './reconciliation-lines';
import { emptyKindCounts, ExceptionKind, ReconciliationFinding } from './reconciliation-exception';

// What a reconciliation run counts as it matches: lines per source, matched and unmatched, findings by
// kind and the totals per currency. Only these (a few dozen currencies at most) are kept in memory.

export interface CurrencyTotals {
  readonly currency: string;
  readonly ledgerCaptures: number;
  readonly ledgerRefunds: number;
  readonly reportCaptures: number;
  readonly reportRefunds: number;
  readonly reportFees: number;
  readonly reportNet: number;
  readonly bankDeposits: number;
  readonly bankPayouts: number;
  readonly bankReturns: number;
}

export interface ReconciliationSummary {
  readonly ledgerLines: number;
  readonly reportLines: number;
  readonly bankLines: number;
  /** Ledger ↔ report pairs that agree. */
  readonly matched: number;
  /** Statement lines (payouts, deposits per currency) that agree with our records. */
  readonly bankMatched: number;
  /** Lines or pairs that became an exception. */
  readonly unmatched: number;
  /** Journals from the grace periods that the report does not list: they belong to the neighbouring day. */
  readonly neighbourDayLedgerLines: number;
  readonly exceptionsByKind: Record<ExceptionKind, number>;
  readonly totals: readonly CurrencyTotals[];
}


export type FindingSink = (finding: ReconciliationFinding) => Promise<void> | void;

type MutableTotals = { -readonly [K in keyof CurrencyTotals]: CurrencyTotals[K] };

export class Tally {
  ledgerLines = 0;
  reportLines = 0;
  bankLines = 0;
  matched = 0;
  bankMatched = 0;
  unmatched = 0;
  neighbourDayLedgerLines = 0;
  private readonly byKind = emptyKindCounts();
  private readonly byCurrency = new Map<string, MutableTotals>();

  constructor(private readonly sink: FindingSink) {}

  async found(finding: ReconciliationFinding): Promise<void> {
    this.unmatched += 1;
    this.byKind[finding.kind] += 1;
    await this.sink(finding);
  }

  addLedger(line: LedgerLine): void {
    this.ledgerLines += 1;
    const t = this.totals(line.currency);
    if (line.kind === 'capture') t.ledgerCaptures += line.amount;
    else t.ledgerRefunds += line.amount;
  }

  addReport(line: ProcessorReportLine): void {
    this.reportLines += 1;
    const t = this.totals(line.currency);
    if (line.type === 'capture') t.reportCaptures += line.gross;
    else t.reportRefunds += line.gross;
    t.reportFees += line.fee;
    t.reportNet += line.net;
  }

  addDeposit(line: BankStatementLine): void {
    this.totals(line.currency).bankDeposits += line.amount;
  }

  addBank(line: BankStatementLine): void {
    const t = this.totals(line.currency);
    if (line.type === 'payout') t.bankPayouts += line.amount;
    else if (line.type === 'return') t.bankReturns += line.amount;
  }

  totals(currency: string): MutableTotals {
    let t = this.byCurrency.get(currency);
    if (t === undefined) {
      t = { currency, ledgerCaptures: 0, ledgerRefunds: 0, reportCaptures: 0, reportRefunds: 0, reportFees: 0, reportNet: 0, bankDeposits: 0, bankPayouts: 0, bankReturns: 0 };
      this.byCurrency.set(currency, t);
    }
    return t;
  }

  currencies(): string[] {
    return [...this.byCurrency.keys()].sort();
  }

  summary(): ReconciliationSummary {
    return {
      ledgerLines: this.ledgerLines,
      reportLines: this.reportLines,
      bankLines: this.bankLines,
      matched: this.matched,
      bankMatched: this.bankMatched,
      unmatched: this.unmatched,
      neighbourDayLedgerLines: this.neighbourDayLedgerLines,
      exceptionsByKind: { ...this.byKind },
      totals: this.currencies().map((currency) => ({ ...this.totals(currency) })),
    };
  }
}
