import { fixedClock } from '../../shared/clock';
import { createLogger } from '../../shared/logger';
import { InMemoryReconciliationStore } from '../adapters/reconciliation.memory-store';
import { InMemoryBankStatements, InMemoryLedgerDayReader, InMemoryPayoutLookup, InMemoryProcessorReports } from '../adapters/reconciliation.memory-sources';
import { aCapture, aRefund, DAY, depositsFor, NOON, reportLineFor } from '../testing/reconciliation-builders';
import { runReconciliation } from './run-reconciliation.command';

const NEXT_MORNING = DAY.endMs + 5.5 * 3_600_000;

function setup() {
  const deps = {
    ledger: new InMemoryLedgerDayReader(),
    report: new InMemoryProcessorReports(),
    bank: new InMemoryBankStatements(),
    payouts: new InMemoryPayoutLookup(),
    store: new InMemoryReconciliationStore(),
    clock: fixedClock(NEXT_MORNING),
    log: createLogger({}, () => undefined),
  };
  return deps;
}

/** A test-mode day with a dropped capture, and a live-mode day that is clean. */
function seed(deps: ReturnType<typeof setup>) {
  const kept = [aCapture('pay_A1', 10_000), aRefund('re_A2', 500)];
  const dropped = aCapture('pay_A3', 700);
  for (const line of [...kept, dropped]) deps.ledger.journals.push({ ...line, livemode: false });
  const testReport = kept.map((line) => reportLineFor(line));
  deps.report.set(false, DAY.date, testReport);
  for (const deposit of depositsFor(testReport)) deps.bank.add(false, { ...deposit, valueDate: '2026-11-28' });

  const live = aCapture('pay_L1', 9_999, { merchantId: 'acct_live' });
  deps.ledger.journals.push({ ...live, livemode: true });
  const liveReport = [reportLineFor(live)];
  deps.report.set(true, DAY.date, liveReport);
  for (const deposit of depositsFor(liveReport)) deps.bank.add(true, deposit);
}

describe('run reconciliation', () => {
  it('given a test-mode day with a dropped capture, then the run completes with the counts, one exception and one finance case; nothing live was read', async () => {
    const deps = setup();
    seed(deps);
    const result = await runReconciliation(deps, { livemode: false, date: DAY.date, trigger: 'test_helper' });
    if (!result.ok) throw new Error(result.error.message);
    const { run } = result;
    expect(run).toMatchObject({ livemode: false, date: DAY.date, status: 'completed', trigger: 'test_helper', startedMs: NEXT_MORNING, failureMessage: null });
    expect(run.summary).toMatchObject({ ledgerLines: 3, reportLines: 2, matched: 2, unmatched: 1, bankMatched: 1 });
    expect(deps.store.runs.get(run.id)).toEqual(run);
    expect(deps.store.exceptions).toEqual([
      expect.objectContaining({ runId: run.id, livemode: false, date: DAY.date, kind: 'missing_in_processor_report', reference: 'pay_A3', merchantId: 'acct_1', expectedAmount: 700, caseId: expect.stringMatching(/^case_recon_/) }),
    ]);
    const [caseOpened] = [...deps.store.cases.values()];
    expect(caseOpened).toMatchObject({ id: deps.store.exceptions[0].caseId, livemode: false, merchantId: 'acct_1', priority: 'normal', details: expect.objectContaining({ kind: 'missing_in_processor_report', reference: 'pay_A3', exceptionId: deps.store.exceptions[0].id }) });
    // Per mode: the test run asked the test sources only (the day's statement and the next day's, for late deposits).
    expect(deps.ledger.asked).toEqual(['test']);
    expect(deps.report.asked).toEqual([`test:${DAY.date}`]);
    expect(deps.bank.asked).toEqual([`test:${DAY.date}`, 'test:2026-11-28']);
  });

  it('given the live day, then a live run matches it cleanly and never sees the test journals', async () => {
    const deps = setup();
    seed(deps);
    const result = await runReconciliation(deps, { livemode: true, date: DAY.date, trigger: 'schedule' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.run.summary).toMatchObject({ ledgerLines: 1, reportLines: 1, matched: 1, unmatched: 0 });
    expect(deps.store.exceptions).toEqual([]);
    expect(deps.ledger.asked).toEqual(['live']);
  });

  it('given the processor deposit matches its report, then the deposit is booked in the ledger (bank in, fees, receivable cleared), once however often the day is reconciled', async () => {
    const deps = setup();
    seed(deps);
    await runReconciliation(deps, { livemode: false, date: DAY.date, trigger: 'schedule' });
    await runReconciliation(deps, { livemode: false, date: DAY.date, trigger: 'test_helper' });
    const journals = [...deps.store.journals.values()];
    expect(journals).toHaveLength(1);
    const [journal] = journals;
    const sum = (account: string) => journal.entries.filter((e) => e.account === account).reduce((total, e) => total + e.amount, 0);
    const totals = [...deps.store.runs.values()][0].summary!.totals.find((t) => t.currency === journal.entries[0].currency)!;
    expect(journal).toMatchObject({ kind: 'processor_settlement', livemode: false, merchantId: 'platform', balanceTransactions: [] });
    expect(sum('platform_bank')).toBe(totals.bankDeposits);
    expect(sum('processor_fees')).toBe(totals.reportFees);
    expect(sum('processor_receivable')).toBe(-(totals.reportCaptures - totals.reportRefunds));
    expect(journal.entries.reduce((total, e) => total + e.amount, 0)).toBe(0);
  });

  it('given a deposit that does not match the report, then nothing is booked: the mismatch stays an open exception', async () => {
    const deps = setup();
    seed(deps);
    deps.bank.add(false, { ...depositsFor([reportLineFor(aCapture('pay_X9', 1_234))])[0], valueDate: DAY.date });
    const result = await runReconciliation(deps, { livemode: false, date: DAY.date, trigger: 'schedule' });
    if (!result.ok) throw new Error(result.error.message);
    expect(deps.store.exceptions.map((e) => e.kind)).toContain('bank_deposit_mismatch');
    expect([...deps.store.journals.values()]).toEqual([]);
  });

  it('given the same day reconciled twice, then the second run has its own exceptions but points at the same case (no second case)', async () => {
    const deps = setup();
    seed(deps);
    const first = await runReconciliation(deps, { livemode: false, date: DAY.date, trigger: 'schedule' });
    deps.clock.advance(60_000);
    const second = await runReconciliation(deps, { livemode: false, date: DAY.date, trigger: 'test_helper' });
    if (!first.ok || !second.ok) throw new Error('runs failed');
    expect(second.run.id).not.toBe(first.run.id);
    expect(deps.store.exceptions.map((e) => e.runId)).toEqual([first.run.id, second.run.id]);
    expect(deps.store.exceptions[0].caseId).toBe(deps.store.exceptions[1].caseId);
    expect(deps.store.cases.size).toBe(1);
    const listed = await deps.store.listRuns({ limit: 10 });
    expect(listed.data.map((r) => r.id)).toEqual([second.run.id, first.run.id]);
  });

  it('given a journal 5 minutes after midnight that the day\'s report lists, then it matches (grace period)', async () => {
    const deps = setup();
    const late = aCapture('pay_late', 100, { createdMs: DAY.endMs + 5 * 60_000 });
    deps.ledger.journals.push({ ...late, livemode: false });
    const report = [reportLineFor(late, { createdMs: DAY.endMs - 1 })];
    deps.report.set(false, DAY.date, report);
    for (const deposit of depositsFor(report)) deps.bank.add(false, deposit);
    const result = await runReconciliation(deps, { livemode: false, date: DAY.date, trigger: 'schedule' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.run.summary).toMatchObject({ matched: 1, unmatched: 0 });
  });

  it('given a capture made just before midnight and journaled just after, then the next day\'s run finds it in the previous day\'s report (no exception)', async () => {
    const deps = setup();
    deps.clock.advance(86_400_000); // reconcile the day after DAY
    const straddling = aCapture('pay_midnight', 100, { createdMs: DAY.endMs + 40 });
    deps.ledger.journals.push({ ...straddling, livemode: false });
    deps.report.set(false, DAY.date, [reportLineFor(straddling, { createdMs: DAY.endMs - 10 })]);
    const result = await runReconciliation(deps, { livemode: false, date: '2026-11-28', trigger: 'schedule' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.run.summary).toMatchObject({ unmatched: 0, neighbourDayLedgerLines: 1 });
    expect(deps.report.asked).toEqual(['test:2026-11-28', `test:${DAY.date}`]);
  });

  it('given the processor report cannot be fetched, then the run is stored as failed with the reason', async () => {
    const deps = setup();
    seed(deps);
    deps.report.unavailable = true;
    const result = await runReconciliation(deps, { livemode: false, date: DAY.date, trigger: 'schedule' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.run).toMatchObject({ status: 'failed', failureMessage: 'processor report unavailable (503)', summary: null });
    expect(deps.store.runs.get(result.run.id)?.status).toBe('failed');
  });

  it('given a malformed or future date, then it is refused and nothing is stored', async () => {
    const deps = setup();
    for (const date of ['2026-02-30', '27-11-2026', '2026-11-29']) {
      const result = await runReconciliation(deps, { livemode: false, date, trigger: 'test_helper' });
      expect(result).toMatchObject({ ok: false });
    }
    expect(deps.store.runs.size).toBe(0);
  });

  it('given today (the day is not over), then it is reconciled so far', async () => {
    const deps = setup();
    deps.clock.advance(-(NEXT_MORNING - NOON)); // back to noon of DAY
    const result = await runReconciliation(deps, { livemode: false, date: DAY.date, trigger: 'test_helper' });
    expect(result).toMatchObject({ ok: true, run: { status: 'completed' } });
  });
});
