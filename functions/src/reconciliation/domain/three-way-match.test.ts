import { ReconciliationFinding } from './reconciliation-exception';
import { reconcileDay, SourceOrderError } from './three-way-match';
import { aCapture, aPayoutLine, aRefund, DAY, depositsFor, reportLineFor, sourcesOf, streamOf } from '../testing/reconciliation-builders';

async function run(input: Parameters<typeof sourcesOf>[0], options?: { lookupBatch?: number }) {
  const findings: ReconciliationFinding[] = [];
  const sources = sourcesOf(input);
  const summary = await reconcileDay(sources, (f) => void findings.push(f), options);
  return { summary, findings, lookups: sources.lookups };
}

/** A clean day: two captures and a refund in usd, one capture in jpy, one payout paid out. */
function cleanDay() {
  const ledger = [aCapture('pay_A', 10_000), aCapture('pay_B', 2_550), aRefund('re_C', 1_000), aCapture('pay_D', 5_000, { currency: 'jpy' })];
  const report = ledger.map((line) => reportLineFor(line));
  const payout = { id: 'po_1', merchantId: 'acct_1', amount: 7_000, currency: 'usd' };
  const statement = [...depositsFor(report), aPayoutLine(payout)];
  return { ledger, report, statement, payouts: [payout] };
}

describe('three-way reconciliation of a day', () => {
  it('given clean data on all three sides, then every line matches, no exception, and the totals agree per currency', async () => {
    const { summary, findings } = await run(cleanDay());
    expect(findings).toEqual([]);
    expect(summary).toMatchObject({ ledgerLines: 4, reportLines: 4, bankLines: 3, matched: 4, unmatched: 0, bankMatched: 3 });
    const usd = summary.totals.find((t) => t.currency === 'usd')!;
    expect(usd).toMatchObject({ ledgerCaptures: 12_550, ledgerRefunds: 1_000, reportCaptures: 12_550, reportRefunds: 1_000, reportFees: 50 + 13, bankPayouts: -7_000 });
    expect(usd.reportNet).toBe(12_550 - 63 - 1_000);
    expect(usd.bankDeposits).toBe(usd.reportNet);
  });

  it('given a capture the processor left out of its report (its deposit follows the report), then missing_in_processor_report, and the deposit still matches', async () => {
    const day = cleanDay();
    const report = day.report.filter((line) => line.merchantReference !== 'pay_B');
    const { summary, findings } = await run({ ...day, report, statement: [...depositsFor(report), day.statement[2]] });
    expect(findings).toEqual([expect.objectContaining({ kind: 'missing_in_processor_report', source: 'ledger', reference: 'pay_B', merchantId: 'acct_1', expectedAmount: 2_550, actualAmount: null, currency: 'usd' })]);
    expect(summary).toMatchObject({ matched: 3, unmatched: 1 });
    expect(summary.exceptionsByKind.missing_in_processor_report).toBe(1);
  });

  it('given a report line with our reference but no journal, then missing_in_ledger; with a reference that is not ours, then unknown_reference', async () => {
    const day = cleanDay();
    const ghost = reportLineFor(aCapture('pay_Z', 4_000));
    const stranger = reportLineFor(aCapture('order-77', 300));
    const report = [...day.report, ghost, stranger];
    const { findings } = await run({ ...day, report, statement: [...depositsFor(report), day.statement.at(-1)!] });
    expect(findings).toEqual([
      expect.objectContaining({ kind: 'unknown_reference', source: 'processor_report', reference: 'order-77', actualAmount: 300, merchantId: null }),
      expect.objectContaining({ kind: 'missing_in_ledger', source: 'processor_report', reference: 'pay_Z', expectedAmount: null, actualAmount: 4_000 }),
    ]);
  });

  it('given the report off by one on a capture, then amount_mismatch with both amounts; a refund reported as a capture is a mismatch too', async () => {
    const day = cleanDay();
    const report = day.report.map((line) =>
      line.merchantReference === 'pay_A' ? { ...line, gross: 10_001, net: 10_001 - line.fee } : line.merchantReference === 're_C' ? { ...line, type: 'capture' as const } : line,
    );
    const { findings, summary } = await run({ ...day, report, statement: [...depositsFor(report), day.statement.at(-1)!] });
    expect(findings).toEqual([
      expect.objectContaining({ kind: 'amount_mismatch', reference: 'pay_A', expectedAmount: 10_000, actualAmount: 10_001, currency: 'usd' }),
      expect.objectContaining({ kind: 'amount_mismatch', reference: 're_C', expectedAmount: 1_000, actualAmount: 1_000 }),
    ]);
    expect(summary.matched).toBe(2);
  });

  it('given the journal recorded another processor capture id than the report lists, then amount_mismatch even though the amounts agree; a journal without one matches on amount', async () => {
    const withId = aCapture('pay_X', 100, { externalReference: 'cap_mine' });
    const withoutId = aCapture('pay_Y', 100, { externalReference: null });
    const report = [reportLineFor(withId, { processorReference: 'cap_other' }), reportLineFor(withoutId)];
    const { findings, summary } = await run({ ledger: [withId, withoutId], report, statement: depositsFor(report) });
    expect(findings).toEqual([expect.objectContaining({ kind: 'amount_mismatch', reference: 'pay_X', detail: expect.stringContaining('cap_mine') })]);
    expect(summary.matched).toBe(1);
    const same = aCapture('pay_Z', 100, { externalReference: 'cap_z' });
    const sameReport = [reportLineFor(same, { processorReference: 'cap_z' })];
    expect((await run({ ledger: [same], report: sameReport, statement: depositsFor(sameReport) })).findings).toEqual([]);
  });

  it('given a currency that differs between ledger and report, then amount_mismatch', async () => {
    const day = cleanDay();
    const report = day.report.map((line) => (line.merchantReference === 'pay_B' ? { ...line, currency: 'eur' } : line));
    const { findings } = await run({ ...day, report, statement: [...depositsFor(report), day.statement.at(-1)!] });
    expect(findings).toEqual([expect.objectContaining({ kind: 'amount_mismatch', reference: 'pay_B' })]);
  });

  it('given the report lists a capture twice, then one duplicate (the first line still matches), and the deposit of the doubled net matches the report', async () => {
    const day = cleanDay();
    const again = { ...day.report[0], lineId: 'rl_again' };
    const report = [...day.report, again];
    const { findings, summary } = await run({ ...day, report, statement: [...depositsFor(report), day.statement.at(-1)!] });
    expect(findings).toEqual([expect.objectContaining({ kind: 'duplicate', source: 'processor_report', reference: 'pay_A', actualAmount: 10_000 })]);
    expect(summary).toMatchObject({ matched: 4, reportLines: 5 });
  });

  it('given the processor deposited less than its report nets, then bank_deposit_mismatch for that currency only', async () => {
    const day = cleanDay();
    const statement = day.statement.map((line) => (line.reference === `ps_${DAY.date}_usd` ? { ...line, amount: line.amount - 5 } : line));
    const { findings } = await run({ ...day, statement });
    const usdNet = 12_550 - 63 - 1_000;
    expect(findings).toEqual([expect.objectContaining({ kind: 'bank_deposit_mismatch', reference: `ps_${DAY.date}_usd`, expectedAmount: usdNet, actualAmount: usdNet - 5, currency: 'usd' })]);
  });

  it('given the day\'s deposit arrives on the next day\'s statement, then it counts; another day\'s deposit is left to that day\'s run', async () => {
    const day = cleanDay();
    const deposits = depositsFor(day.report);
    const otherDay = { lineId: 'bl_x', type: 'incoming' as const, amount: 999, currency: 'usd', reference: 'ps_2026-11-26_usd', valueDate: DAY.date };
    const { findings } = await run({ ...day, statement: [day.statement.at(-1)!, otherDay], laterStatements: deposits });
    expect(findings).toEqual([]);
  });

  it('given the day\'s net paid by two processors (ps_ and ea_ deposits of one currency), then together they match the merged report', async () => {
    const day = cleanDay();
    const usd = depositsFor(day.report).find((line) => line.currency === 'usd')!;
    const split = [{ ...usd, lineId: 'bl_ps', amount: usd.amount - 1_000 }, { ...usd, lineId: 'bl_ea', amount: 1_000, reference: `ea_${DAY.date}_usd` }];
    const others = day.statement.filter((line) => line.currency !== 'usd' || line.type !== 'incoming');
    const { findings, summary } = await run({ ...day, statement: [...others, ...split] });
    expect(findings).toEqual([]);
    expect(summary.totals.find((t) => t.currency === 'usd')!.bankDeposits).toBe(usd.amount);
  });

  it('given no deposit at all, then bank_deposit_mismatch per currency with actual 0', async () => {
    const day = cleanDay();
    const { findings } = await run({ ...day, statement: [day.statement.at(-1)!] });
    expect(findings.map((f) => [f.kind, f.currency, f.actualAmount])).toEqual([
      ['bank_deposit_mismatch', 'jpy', 0],
      ['bank_deposit_mismatch', 'usd', 0],
    ]);
  });

  it('given an incoming line that is no processor deposit, then unknown_reference', async () => {
    const day = cleanDay();
    const odd = { lineId: 'bl_odd', type: 'incoming' as const, amount: 5, currency: 'usd', reference: 'wire-123', valueDate: DAY.date };
    const { findings } = await run({ ...day, statement: [...day.statement, odd] });
    expect(findings).toEqual([expect.objectContaining({ kind: 'unknown_reference', source: 'bank_statement', reference: 'wire-123' })]);
  });

  it('given a payout returned, then payout_returned; a payout line we do not know is unknown_reference; a payout debited twice is duplicate; a payout debited for another amount is amount_mismatch', async () => {
    const day = cleanDay();
    const [paid, other] = [day.payouts[0], { id: 'po_2', merchantId: 'acct_2', amount: 300, currency: 'usd' }];
    const statement = [
      ...day.statement,
      aPayoutLine(paid, { lineId: 'bl_twice' }),
      { ...aPayoutLine(paid), type: 'return' as const, amount: 7_000, lineId: 'bl_ret' },
      aPayoutLine({ id: 'po_ghost', merchantId: 'x', amount: 10, currency: 'usd' }),
      aPayoutLine(other, { amount: -301 }),
    ];
    const { findings } = await run({ ...day, statement, payouts: [paid, other] });
    expect(findings.map((f) => [f.kind, f.reference, f.merchantId, f.expectedAmount, f.actualAmount])).toEqual([
      ['duplicate', 'po_1', 'acct_1', null, -7_000],
      ['payout_returned', 'po_1', 'acct_1', 7_000, 7_000],
      ['unknown_reference', 'po_ghost', null, null, -10],
      ['amount_mismatch', 'po_2', 'acct_2', -300, -301],
    ]);
  });

  it('given many payout lines, then payouts are looked up in batches of the configured size', async () => {
    const payouts = Array.from({ length: 7 }, (_, i) => ({ id: `po_${i}`, merchantId: 'acct_1', amount: 100 + i, currency: 'usd' }));
    const { findings, lookups, summary } = await run({ ledger: [], report: [], statement: payouts.map((p) => aPayoutLine(p)), payouts }, { lookupBatch: 3 });
    expect(findings).toEqual([]);
    expect(lookups.map((ids) => ids.length)).toEqual([3, 3, 1]);
    expect(summary.bankMatched).toBe(7);
  });

  it('given a journal from the grace period after midnight that the report does not list, then it belongs to the next day and is no exception; one inside the day is', async () => {
    const day = cleanDay();
    const late = aCapture('pay_late', 100, { createdMs: DAY.endMs + 1_000 });
    const early = aCapture('pay_early', 100, { createdMs: DAY.startMs + 1 });
    const { findings, summary } = await run({ ...day, ledger: [...day.ledger, late, early] });
    expect(findings).toEqual([expect.objectContaining({ kind: 'missing_in_processor_report', reference: 'pay_early' })]);
    expect(summary.neighbourDayLedgerLines).toBe(1);
  });

  describe('a journal of the first minutes of the day that the day\'s report lacks (captured just before midnight?)', () => {
    const GRACE = 10 * 60_000;
    async function runWithPrevious(previous: ReturnType<typeof reportLineFor>[], ledgerExtra: ReturnType<typeof aCapture>[]) {
      const day = cleanDay();
      let streamed = 0;
      const findings: ReconciliationFinding[] = [];
      const sources = sourcesOf({ ...day, ledger: [...day.ledger, ...ledgerExtra] });
      const summary = await reconcileDay(
        { ...sources, leadingGraceMs: GRACE, previousDayReport: () => (streamed++, streamOf(previous)) },
        (f) => void findings.push(f),
      );
      return { findings, summary, streamed };
    }
    const early = aCapture('pay_early', 100, { createdMs: DAY.startMs + 2_000 });

    it('given the previous day\'s report lists it with the same amount, then it belongs to that day: no exception', async () => {
      const { findings, summary, streamed } = await runWithPrevious([reportLineFor(aCapture('pay_other', 5)), reportLineFor(early, { createdMs: DAY.startMs - 500 })], [early]);
      expect(findings).toEqual([]);
      expect(summary).toMatchObject({ neighbourDayLedgerLines: 1, ledgerLines: 4 });
      expect(streamed).toBe(1);
    });

    it('given the previous day\'s report lists it with another amount, then amount_mismatch', async () => {
      const { findings } = await runWithPrevious([reportLineFor(early, { gross: 101, net: 101 })], [early]);
      expect(findings).toEqual([expect.objectContaining({ kind: 'amount_mismatch', reference: 'pay_early', expectedAmount: 100, actualAmount: 101 })]);
    });

    it('given neither report lists it, then missing_in_processor_report', async () => {
      const { findings, summary } = await runWithPrevious([], [early]);
      expect(findings).toEqual([expect.objectContaining({ kind: 'missing_in_processor_report', reference: 'pay_early' })]);
      expect(summary.ledgerLines).toBe(5);
    });

    it('given a journal after the leading grace period that the report lacks, then it is missing at once; and with nothing to settle the previous report is never read', async () => {
      const later = aCapture('pay_later', 100, { createdMs: DAY.startMs + GRACE + 1 });
      const { findings, streamed } = await runWithPrevious([reportLineFor(later)], [later]);
      expect(findings).toEqual([expect.objectContaining({ kind: 'missing_in_processor_report', reference: 'pay_later' })]);
      expect(streamed).toBe(0);
    });
  });

  it('given a journal just after midnight that the report of the day does list, then it matches', async () => {
    const late = aCapture('pay_late', 100, { createdMs: DAY.endMs + 1_000 });
    const report = [reportLineFor(late, { createdMs: DAY.endMs - 500 })];
    const { findings, summary } = await run({ ledger: [late], report, statement: depositsFor(report) });
    expect(findings).toEqual([]);
    expect(summary.matched).toBe(1);
  });

  it('given a source out of order, then the run stops with SourceOrderError rather than report false exceptions', async () => {
    const sources = sourcesOf({ ledger: [], report: [] });
    const report = [reportLineFor(aCapture('pay_B', 1)), reportLineFor(aCapture('pay_A', 1))];
    await expect(reconcileDay({ ...sources, report: streamOf(report) }, () => undefined)).rejects.toThrow(SourceOrderError);
  });

  it('given an empty day, then nothing is matched and nothing is wrong', async () => {
    const { summary, findings } = await run({ ledger: [], report: [] });
    expect(findings).toEqual([]);
    expect(summary).toMatchObject({ ledgerLines: 0, reportLines: 0, matched: 0, unmatched: 0, totals: [] });
  });

  it('given the sink is slow, then the engine reads at most one line ahead of the findings it handed over (back-pressure, flat memory)', async () => {
    const order: string[] = [];
    const ledger = [aCapture('pay_1', 1), aCapture('pay_2', 1), aCapture('pay_3', 1)];
    async function* tracked() {
      for (const line of ledger) {
        order.push(`read ${line.reference}`);
        yield line;
      }
    }
    const sources = sourcesOf({ ledger: [], report: [] });
    await reconcileDay({ ...sources, ledger: tracked() }, async (f) => {
      await new Promise((resolve) => setImmediate(resolve));
      order.push(`stored ${f.reference}`);
    });
    expect(order).toEqual(['read pay_1', 'read pay_2', 'stored pay_1', 'read pay_3', 'stored pay_2', 'stored pay_3']);
  });
});
