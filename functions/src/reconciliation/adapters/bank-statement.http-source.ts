import { z } from 'zod';
import type { BankStatementSource } from '../application/reconciliation.ports';
import type { BankStatementLine } from '../domain/reconciliation-lines';
import { CsvEndpoint, csvRows, CsvSourceError } from './csv-over-http';
import { failing } from './processor-report.http-source';

/** One line of the bank's `GET /v1/statements?date=` (CSV). */
export const StatementRow = z.object({
  line_id: z.string().min(1),
  type: z.enum(['incoming', 'payout', 'return']),
  amount: z.string().regex(/^-?\d+$/).transform(Number).pipe(z.number().int().safe()),
  currency: z.string().regex(/^[a-z]{3}$/),
  reference: z.string().min(1),
  value_date: z.iso.date(),
});

/** The platform bank's statement over HTTP, one account per mode (the bank's API key carries the mode). */
export class HttpBankStatementSource implements BankStatementSource {
  constructor(
    private readonly endpoints: { readonly test: CsvEndpoint; readonly live: CsvEndpoint | null },
    private readonly timeoutMs = 30_000,
  ) {}

  lines(livemode: boolean, date: string): AsyncIterable<BankStatementLine> {
    const endpoint = livemode ? this.endpoints.live : this.endpoints.test;
    if (endpoint === null) return failing(new CsvSourceError('bank statement: no live bank is configured'));
    return csvRows('bank statement', endpoint, `/v1/statements?date=${encodeURIComponent(date)}`, StatementRow, (r) => ({
      lineId: r.line_id, type: r.type, amount: r.amount, currency: r.currency, reference: r.reference, valueDate: r.value_date,
    }), this.timeoutMs);
  }
}
