import { z } from 'zod';
import type { ProcessorReportSource } from '../application/reconciliation.ports';
import type { ProcessorReportLine } from '../domain/reconciliation-lines';
import { parseMajorUnits } from '../../shared/major-units';
import { CsvEndpoint, csvRows } from './csv-over-http';

// The European acquirer's settlement detail report (`GET /api/v2/reports/settlement?date=`, CSV sorted by
// merchant reference), in its vocabulary: Settled / Refunded records, upper-case currencies, major-unit
// amounts with a sign, its commission. Mapped here to the report lines the match reads.
const Row = z
  .object({
    'Merchant Reference': z.string().min(1),
    'Psp Reference': z.string().min(1),
    'Modification Reference': z.string().min(1),
    'Record Type': z.enum(['Settled', 'Refunded']),
    Currency: z.string().regex(/^[A-Z]{3}$/),
    Gross: z.string(),
    Commission: z.string(),
    Net: z.string(),
    'Booking Date': z.iso.datetime(),
  })
  .transform((r, ctx) => {
    const minor = (value: string): number => {
      const negative = value.startsWith('-');
      const parsed = parseMajorUnits(negative ? value.slice(1) : value, r.Currency);
      if (parsed === null) return (ctx.addIssue({ code: 'custom', message: 'amount' }), 0);
      return negative ? -parsed : parsed;
    };
    return { ...r, gross: minor(r.Gross), commission: minor(r.Commission), net: minor(r.Net) };
  });

/** The acquirer's reports per mode; a mode without an acquirer has an empty report (the acquirer is optional). */
export class AcquirerReportSource implements ProcessorReportSource {
  constructor(
    private readonly endpoints: { readonly test: CsvEndpoint | null; readonly live: CsvEndpoint | null },
    private readonly timeoutMs = 30_000,
  ) {}

  lines(livemode: boolean, date: string): AsyncIterable<ProcessorReportLine> {
    const endpoint = livemode ? this.endpoints.live : this.endpoints.test;
    if (endpoint === null) return none();
    return csvRows('acquirer report', { ...endpoint, keyHeader: 'x-api-key' }, `/api/v2/reports/settlement?date=${encodeURIComponent(date)}`, Row, (r) => ({
      lineId: r['Modification Reference'],
      type: r['Record Type'] === 'Settled' ? ('capture' as const) : ('refund' as const),
      processorReference: r['Modification Reference'],
      merchantReference: r['Merchant Reference'],
      currency: r.Currency.toLowerCase(),
      gross: Math.abs(r.gross),
      fee: r.commission,
      net: r.net,
      createdMs: Date.parse(r['Booking Date']),
    }), this.timeoutMs);
  }
}

// eslint-disable-next-line require-yield
async function* none(): AsyncGenerator<ProcessorReportLine> {
  return;
}
