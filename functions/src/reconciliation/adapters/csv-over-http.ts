import { parse } from 'csv-parse';
import { request } from 'undici';
import type { z } from 'zod';

export interface CsvEndpoint {
  readonly baseUrl: string;
  readonly apiKey: string;
  /** How the key is sent: `Authorization: Bearer` (default) or the `X-API-Key` header (the acquirer). */
  readonly keyHeader?: 'bearer' | 'x-api-key';
}

/** A CSV download that failed or did not have the promised shape; the run fails with this reason. */
export class CsvSourceError extends Error {
  override readonly name = 'CsvSourceError';
}

/**
 * Streams a CSV answer row by row: the body is parsed as it arrives (csv-parse's stream parser), each
 * row checked against `row` and mapped, so a report of any size is never held whole. The header must
 * carry the expected columns.
 */
export async function* csvRows<Row extends z.ZodType, T>(
  what: string,
  endpoint: CsvEndpoint,
  path: string,
  row: Row,
  map: (parsed: z.infer<Row>) => T,
  timeoutMs: number,
): AsyncGenerator<T> {
  const response = await request(`${endpoint.baseUrl}${path}`, {
    method: 'GET',
    headers: { ...(endpoint.keyHeader === 'x-api-key' ? { 'x-api-key': endpoint.apiKey } : { authorization: `Bearer ${endpoint.apiKey}` }), accept: 'text/csv' },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  if (response.statusCode !== 200) {
    await response.body.text().catch(() => undefined);
    throw new CsvSourceError(`${what}: ${path.split('?')[0]} answered ${response.statusCode}`);
  }
  const parser = response.body.pipe(parse({ columns: true, skip_empty_lines: true, trim: true }));
  let lineNumber = 1;
  try {
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      lineNumber += 1;
      const parsed = row.safeParse(record);
      // Field names only, never values: a statement line can name an account.
      if (!parsed.success) throw new CsvSourceError(`${what}: line ${lineNumber} is malformed (${parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ')})`);
      yield map(parsed.data);
    }
  } finally {
    response.body.destroy();
  }
}
