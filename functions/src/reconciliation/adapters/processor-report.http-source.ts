import { z } from 'zod';
import type { ProcessorReportSource } from '../application/reconciliation.ports';
import type { ProcessorReportLine } from '../domain/reconciliation-lines';
import { CsvEndpoint, csvRows, CsvSourceError } from './csv-over-http';

const integer = z.string().regex(/^-?\d+$/).transform(Number).pipe(z.number().int().safe());

/** One line of `GET /v1/reports/settlement?date=` (CSV, sorted by merchant_reference). */
export const ReportRow = z.object({
  line_id: z.string().min(1),
  type: z.enum(['capture', 'refund']),
  processor_reference: z.string().min(1),
  merchant_reference: z.string().min(1),
  currency: z.string().regex(/^[a-z]{3}$/),
  gross: integer,
  fee: integer,
  net: integer,
  created: z.iso.datetime(),
});

/**
 * The processor's daily settlement report over HTTP, one client per mode: a test-mode run reads the
 * test processor only (with its sk_test_ key), a live run the live one. No live processor configured:
 * a live run fails with that reason.
 */
export class HttpProcessorReportSource implements ProcessorReportSource {
  constructor(
    private readonly endpoints: { readonly test: CsvEndpoint; readonly live: CsvEndpoint | null },
    private readonly timeoutMs = 30_000,
  ) {}

  lines(livemode: boolean, date: string): AsyncIterable<ProcessorReportLine> {
    const endpoint = livemode ? this.endpoints.live : this.endpoints.test;
    if (endpoint === null) return failing(new CsvSourceError('processor report: no live processor is configured'));
    return csvRows('processor report', endpoint, `/v1/reports/settlement?date=${encodeURIComponent(date)}`, ReportRow, (r) => ({
      lineId: r.line_id, type: r.type, processorReference: r.processor_reference, merchantReference: r.merchant_reference,
      currency: r.currency, gross: r.gross, fee: r.fee, net: r.net, createdMs: Date.parse(r.created),
    }), this.timeoutMs);
  }
}

// eslint-disable-next-line require-yield
export async function* failing<T>(error: Error): AsyncGenerator<T> {
  throw error;
}
