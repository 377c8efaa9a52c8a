import { request } from 'undici';
import type { SettledItem } from './processor-ledger.store';
import { reconScenarioOf } from './test-card-tokens';

// The processor's daily settlement report and its deposit of the day's net into the platform's bank.

/** One report line, as the CSV carries it. */
export interface ReportLine {
  line_id: string;
  type: 'capture' | 'refund';
  processor_reference: string;
  merchant_reference: string;
  currency: string;
  gross: number;
  fee: number;
  net: number;
  /** ISO 8601 time of the capture or refund at the processor. */
  created: string;
}

export const REPORT_COLUMNS = ['line_id', 'type', 'processor_reference', 'merchant_reference', 'currency', 'gross', 'fee', 'net', 'created'] as const;

/** The sandbox processor's fee: 50 basis points of a capture's gross, rounded half up; a refund costs nothing. */
export const PROCESSOR_FEE_BPS = 50;
export const processorFee = (gross: number): number => Math.floor((gross * PROCESSOR_FEE_BPS + 5_000) / 10_000);

/** [start, end) of a UTC day. */
export function dayBounds(date: string): { startMs: number; endMs: number } {
  const startMs = Date.parse(`${date}T00:00:00.000Z`);
  return { startMs, endMs: startMs + 86_400_000 };
}

/**
 * The report of the day: every capture and refund made in it, sorted by merchant_reference (then
 * line id), with the test tokens' deliberate mistakes applied (pm_card_recon_dropped: the capture is
 * left out; pm_card_recon_amount_mismatch: its gross is reported one minor unit high).
 */
export function settlementReport(items: readonly SettledItem[]): ReportLine[] {
  const lines: ReportLine[] = [];
  for (const item of items) {
    const scenario = item.type === 'capture' ? reconScenarioOf(item.token) : undefined;
    if (scenario === 'dropped') continue;
    const gross = scenario === 'amount_mismatch' ? item.amount + 1 : item.amount;
    const fee = item.type === 'capture' ? processorFee(gross) : 0;
    lines.push({
      line_id: `rl_${item.processorReference}`,
      type: item.type,
      processor_reference: item.processorReference,
      merchant_reference: item.merchantReference,
      currency: item.currency,
      gross,
      fee,
      net: item.type === 'capture' ? gross - fee : -gross,
      created: new Date(item.createdMs).toISOString(),
    });
  }
  return lines.sort((a, b) => compare(a.merchant_reference, b.merchant_reference) || compare(a.line_id, b.line_id));
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The report as CSV, a header then one row per line, produced row by row for a streamed answer. */
export function* reportCsvRows(lines: Iterable<ReportLine>): Generator<string> {
  yield `${REPORT_COLUMNS.join(',')}\n`;
  for (const line of lines) yield `${REPORT_COLUMNS.map((column) => csvField(String(line[column]))).join(',')}\n`;
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The net per currency of a report. */
export function netByCurrency(lines: Iterable<ReportLine>): Map<string, number> {
  const net = new Map<string, number>();
  for (const line of lines) net.set(line.currency, (net.get(line.currency) ?? 0) + line.net);
  return net;
}

/**
 * Pays into the platform's bank what the report of `date` nets per currency beyond what was paid for
 * that day already (a report pulled again after more captures pays the difference), as
 * `POST <bank>/v1/incoming` with reference ps_<date>_<currency> and value date `date`. A currency whose
 * outstanding net is not positive is not paid (a processor would net it against a later day).
 * `paid` is updated only for deposits the bank accepted.
 */
export async function payDayNet(input: { bankUrl: string; livemode: boolean; date: string; net: ReadonlyMap<string, number>; paid: Map<string, number>; keyPrefix: string; referencePrefix?: string }): Promise<void> {
  for (const [currency, amount] of input.net) {
    const key = `${input.date}_${currency}`;
    const already = input.paid.get(key) ?? 0;
    const due = amount - already;
    if (due <= 0) continue;
    // ps_ for the sandbox processor; another processor names its deposits its own way (the acquirer: ea_).
    const reference = `${input.referencePrefix ?? 'ps'}_${input.date}_${currency}`;
    const response = await request(`${input.bankUrl}/v1/incoming`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `${input.keyPrefix}_${reference}_${already}` },
      body: JSON.stringify({ amount: due, currency, reference, livemode: input.livemode, value_date: input.date }),
      headersTimeout: 5_000,
      bodyTimeout: 5_000,
    });
    await response.body.text();
    if (response.statusCode !== 200) throw new Error(`the bank refused the deposit ${reference} (${response.statusCode})`);
    input.paid.set(key, already + due);
  }
}
