import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandboxBank, type SandboxBank } from '../../../../infra/sandbox-bank/sandbox-bank.server';
import { startSandboxProcessor, type SandboxProcessor } from '../../../../infra/sandbox-processor/sandbox-processor.server';
import { ProcessorTestClient } from '../../../../infra/sandbox-processor/processor-test-client';
import { HttpBankStatementSource } from './bank-statement.http-source';
import { CsvSourceError } from './csv-over-http';
import { HttpProcessorReportSource } from './processor-report.http-source';

const SECRET = `whsec_${Buffer.from('recon-adapter-test-secret-32-byte').toString('base64')}`;
let bank: SandboxBank;
let processor: SandboxProcessor;
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  bank = await startSandboxBank({ mode: 'test', webhookUrl: 'http://127.0.0.1:9/unused', webhookSecret: SECRET });
  processor = await startSandboxProcessor({ port: 0, bankUrl: bank.url });
});
afterAll(async () => {
  await processor.close();
  await bank.close();
});

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

describe('reconciliation sources over HTTP (against the sandbox processor and bank)', () => {
  it('streams the processor report as typed lines, sorted by merchant reference, and the bank statement with the deposit it caused', async () => {
    const client = new ProcessorTestClient(processor.url);
    for (const [reference, amount] of [['pay_B', 10_000], ['pay_A', 2_000]] as const) {
      const auth = await client.post('/v1/authorizations', { token: 'pm_card_visa', amount, currency: 'usd', reference });
      await client.capture(auth.body.id, amount);
    }
    const reports = new HttpProcessorReportSource({ test: { baseUrl: processor.url, apiKey: 'sk_test_recon' }, live: null });
    const lines = await collect(reports.lines(false, today()));
    expect(lines).toEqual([
      expect.objectContaining({ type: 'capture', merchantReference: 'pay_A', currency: 'usd', gross: 2_000, fee: 10, net: 1_990, processorReference: expect.stringMatching(/^cap_/), createdMs: expect.any(Number) }),
      expect.objectContaining({ type: 'capture', merchantReference: 'pay_B', gross: 10_000, fee: 50, net: 9_950 }),
    ]);

    const statements = new HttpBankStatementSource({ test: { baseUrl: bank.url, apiKey: 'sk_test_recon' }, live: null });
    const statement = await collect(statements.lines(false, today()));
    expect(statement).toEqual([expect.objectContaining({ type: 'incoming', amount: 11_940, currency: 'usd', reference: `ps_${today()}_usd`, valueDate: today() })]);
  });

  it('a live run without a live processor or bank fails with that reason, and never falls back to the test one', async () => {
    const reports = new HttpProcessorReportSource({ test: { baseUrl: processor.url, apiKey: 'sk_test_recon' }, live: null });
    await expect(collect(reports.lines(true, today()))).rejects.toThrow('no live processor is configured');
    const statements = new HttpBankStatementSource({ test: { baseUrl: bank.url, apiKey: 'sk_test_recon' }, live: null });
    await expect(collect(statements.lines(true, today()))).rejects.toThrow('no live bank is configured');
  });

  it('a live key against the test sandbox is refused by it: the source fails with the status, naming no key', async () => {
    const reports = new HttpProcessorReportSource({ test: { baseUrl: processor.url, apiKey: 'sk_live_wrong' }, live: null });
    const failure = collect(reports.lines(false, today()));
    await expect(failure).rejects.toThrow(CsvSourceError);
    await expect(failure).rejects.toThrow('processor report: /v1/reports/settlement answered 403');
  });

  it('a malformed line fails the source with its line number and field, never its values', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.end('line_id,type,processor_reference,merchant_reference,currency,gross,fee,net,created\nrl_1,capture,cap_1,pay_1,usd,100,1,99,2026-11-27T10:00:00.000Z\nrl_2,capture,cap_2,pay_2,usd,12.5,0,12.5,2026-11-27T10:00:00.000Z\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const reports = new HttpProcessorReportSource({ test: { baseUrl: url, apiKey: 'sk_test_x' }, live: null });
      const seen: string[] = [];
      await expect(
        (async () => {
          for await (const line of reports.lines(false, '2026-11-27')) seen.push(line.merchantReference);
        })(),
      ).rejects.toThrow(/line 3 is malformed \(gross, net\)$/);
      expect(seen).toEqual(['pay_1']);
    } finally {
      server.close();
    }
  });
});
