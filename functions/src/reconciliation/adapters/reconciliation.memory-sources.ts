import type { BankStatementSource, LedgerDayReader, PayoutLookup, ProcessorReportSource } from '../application/reconciliation.ports';
import type { BankStatementLine, KnownPayout, LedgerLine, ProcessorReportLine } from '../domain/reconciliation-lines';

// In-memory sources for unit tests: each keeps its lines per mode and hands them over as the real
// adapters do (sorted, filtered by day and mode), and records what was asked of it.

const modeKey = (livemode: boolean) => (livemode ? 'live' : 'test');
const byString = <T>(key: (item: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

export class InMemoryLedgerDayReader implements LedgerDayReader {
  readonly journals: Array<LedgerLine & { livemode: boolean }> = [];
  readonly asked: string[] = [];

  async *lines(livemode: boolean, fromMs: number, toMs: number): AsyncGenerator<LedgerLine> {
    this.asked.push(modeKey(livemode));
    const day = this.journals.filter((j) => j.livemode === livemode && j.createdMs >= fromMs && j.createdMs < toMs).sort(byString((j) => j.reference));
    for (const { livemode: _mode, ...line } of day) yield line;
  }
}

export class InMemoryProcessorReports implements ProcessorReportSource {
  readonly reports = new Map<string, ProcessorReportLine[]>();
  readonly asked: string[] = [];
  /** When set, the report cannot be fetched (the processor is down). */
  unavailable = false;

  set(livemode: boolean, date: string, lines: ProcessorReportLine[]): void {
    this.reports.set(`${modeKey(livemode)}:${date}`, [...lines].sort(byString((l) => l.merchantReference)));
  }

  async *lines(livemode: boolean, date: string): AsyncGenerator<ProcessorReportLine> {
    this.asked.push(`${modeKey(livemode)}:${date}`);
    if (this.unavailable) throw new Error('processor report unavailable (503)');
    yield* this.reports.get(`${modeKey(livemode)}:${date}`) ?? [];
  }
}

export class InMemoryBankStatements implements BankStatementSource {
  readonly statements = new Map<string, BankStatementLine[]>();
  readonly asked: string[] = [];

  add(livemode: boolean, line: BankStatementLine): void {
    const key = `${modeKey(livemode)}:${line.valueDate}`;
    this.statements.set(key, [...(this.statements.get(key) ?? []), line]);
  }

  async *lines(livemode: boolean, date: string): AsyncGenerator<BankStatementLine> {
    this.asked.push(`${modeKey(livemode)}:${date}`);
    yield* this.statements.get(`${modeKey(livemode)}:${date}`) ?? [];
  }
}

export class InMemoryPayoutLookup implements PayoutLookup {
  readonly payouts: Array<KnownPayout & { livemode: boolean }> = [];

  async byIds(livemode: boolean, ids: readonly string[]): Promise<ReadonlyMap<string, KnownPayout>> {
    const wanted = new Set(ids);
    return new Map(this.payouts.filter((p) => p.livemode === livemode && wanted.has(p.id)).map(({ livemode: _mode, ...p }) => [p.id, p]));
  }
}
